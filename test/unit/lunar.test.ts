/** The lunar table, the Qingming solar term and the statutory holidays of years without a notice (2027–2030). */
import { describe, expect, it } from 'vitest';
import { LUNAR_FROM, LUNAR_TO, lunarToSolar, lunarYear, qingming } from '../../src/workflows/lunar.ts';
import { statutoryHolidays } from '../../src/workflows/statutory.ts';

const addDays = (key: string, n: number) => new Date(Date.parse(`${key}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('lunar dates', () => {
  it('Spring Festival, Dragon Boat and Mid-Autumn fall on the known dates', () => {
    const known: [number, string, string, string][] = [
      // year, 正月初一, 五月初五, 八月十五
      [2024, '2024-02-10', '2024-06-10', '2024-09-17'],
      [2025, '2025-01-29', '2025-05-31', '2025-10-06'],
      [2026, '2026-02-17', '2026-06-19', '2026-09-25'],
      [2027, '2027-02-06', '2027-06-09', '2027-09-15'],
      [2028, '2028-01-26', '2028-05-28', '2028-10-03'],
      [2029, '2029-02-13', '2029-06-16', '2029-09-22'],
      [2030, '2030-02-03', '2030-06-05', '2030-09-12'],
      [2050, '2050-01-23', '2050-06-23', '2050-09-30'],
    ];
    for (const [y, spring, dragon, autumn] of known) {
      expect([lunarToSolar(y, 1, 1), lunarToSolar(y, 5, 5), lunarToSolar(y, 8, 15)], String(y)).toEqual([spring, dragon, autumn]);
    }
  });

  it('each lunar year of the table ends the day before the next one starts, with 12 or 13 months', () => {
    for (let y = LUNAR_FROM; y < LUNAR_TO; y++) {
      const year = lunarYear(y)!;
      expect(year.monthDays.length, String(y)).toBe(year.leapMonth ? 13 : 12);
      const days = year.monthDays.reduce((a, b) => a + b, 0);
      expect(addDays(year.newYear, days), String(y)).toBe(lunarYear(y + 1)!.newYear);
    }
  });

  it('counts the leap month after the month it repeats (2025: 闰六月)', () => {
    expect(lunarToSolar(2025, 6, 1)).toBe('2025-06-25');
    expect(lunarToSolar(2025, 6, 1, true)).toBe('2025-07-25');
    expect(lunarToSolar(2025, 5, 1, true)).toBeUndefined();
    expect(lunarToSolar(2025, 7, 1)).toBe('2025-08-23');
  });

  it('says nothing outside the table', () => {
    expect(lunarYear(LUNAR_FROM - 1)).toBeUndefined();
    expect(lunarToSolar(LUNAR_TO + 1, 1, 1)).toBeUndefined();
    expect(statutoryHolidays(LUNAR_TO + 1)).toBeUndefined();
  });

  it('computes Qingming from the sun (15° longitude, China time)', () => {
    const known: Record<number, string> = { 2024: '04-04', 2025: '04-04', 2026: '04-05', 2027: '04-05', 2028: '04-04', 2029: '04-04', 2030: '04-05', 2031: '04-05', 2032: '04-04' };
    for (const [y, md] of Object.entries(known)) expect(qingming(Number(y)), y).toBe(`${y}-${md}`);
  });
});

describe('statutory holidays (全国年节及纪念日放假办法, 2024 amendment)', () => {
  const days = (y: number) => statutoryHolidays(y)!.map((d) => `${d.date}${d.substitute ? '*' : ''}`);

  it('2027: 13 statutory days, and a weekday in lieu for each one on a weekend', () => {
    expect(days(2027)).toEqual([
      '2027-01-01',
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09*', '2027-02-10*', // 除夕 Fri to 初三 Mon
      '2027-04-05',
      '2027-05-01', '2027-05-02', '2027-05-03*', '2027-05-04*',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04*', '2027-10-05*',
    ]);
    expect(statutoryHolidays(2027)!.find((d) => d.date === '2027-02-05')!.name).toEqual({ zh: '春节', en: 'Spring Festival' });
    expect(statutoryHolidays(2027)!.find((d) => d.date === '2027-02-09')!.name.zh).toBe('春节补假');
  });

  it('2028: New Year on a Saturday, Mid-Autumn on 3 October (a double holiday gives one more day)', () => {
    expect(days(2028)).toEqual([
      '2028-01-01', '2028-01-03*',
      '2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28',
      '2028-04-04',
      '2028-05-01', '2028-05-02',
      '2028-05-28', '2028-05-29*',
      '2028-10-01', '2028-10-02', '2028-10-03', '2028-10-04*', '2028-10-05*',
    ]);
  });

  it('2029 and 2030', () => {
    expect(days(2029)).toEqual([
      '2029-01-01',
      '2029-02-12', '2029-02-13', '2029-02-14', '2029-02-15',
      '2029-04-04',
      '2029-05-01', '2029-05-02',
      '2029-06-16', '2029-06-18*',
      '2029-09-22', '2029-09-24*',
      '2029-10-01', '2029-10-02', '2029-10-03',
    ]);
    expect(days(2030)).toEqual([
      '2030-01-01',
      '2030-02-02', '2030-02-03', '2030-02-04', '2030-02-05', '2030-02-06*', '2030-02-07*',
      '2030-04-05',
      '2030-05-01', '2030-05-02',
      '2030-06-05',
      '2030-09-12',
      '2030-10-01', '2030-10-02', '2030-10-03',
    ]);
  });
});
