import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/workflows/calendar.ts';

const cal = createCalendar({ timeZone: 'Asia/Shanghai' });
/** Local Shanghai time → the instant. */
const sh = (local: string) => new Date(`${local}+08:00`);
const iso = (d: Date) => d.toISOString();

describe('China statutory calendar', () => {
  it('National Day 2026: Oct 1–7 off; Sunday Sep 20 and Saturday Oct 10 are make-up working days', () => {
    for (let d = 1; d <= 7; d++) expect(cal.isWorkday(`2026-10-0${d}`), `Oct ${d}`).toBe(false);
    expect(cal.isWorkday('2026-10-08')).toBe(true);
    expect(cal.isWorkday('2026-09-20')).toBe(true);
    expect(cal.isWorkday('2026-10-10')).toBe(true);
    expect(cal.isWorkday('2026-10-11')).toBe(false); // an ordinary Sunday
    expect(cal.holidayName('2026-10-03')).toEqual({ zh: '国庆节', en: 'National Day' });
    expect(cal.isWorkday('2026-09-25')).toBe(false); // Mid-Autumn Festival, a Friday
  });

  it('Spring Festival 2026: Feb 15–23 off; Saturdays Feb 14 and Feb 28 are working days', () => {
    for (let d = 15; d <= 23; d++) expect(cal.isWorkday(`2026-02-${d}`), `Feb ${d}`).toBe(false);
    expect(cal.isWorkday('2026-02-13')).toBe(true);
    expect(cal.isWorkday('2026-02-14')).toBe(true);
    expect(cal.isWorkday('2026-02-24')).toBe(true);
    expect(cal.isWorkday('2026-02-28')).toBe(true);
    expect(cal.isWorkday('2026-02-21')).toBe(false);
  });

  it('ordinary weekends are off and weekdays on', () => {
    expect(cal.isWorkday('2026-03-07')).toBe(false);
    expect(cal.isWorkday('2026-03-08')).toBe(false);
    expect(cal.isWorkday('2026-03-09')).toBe(true);
  });

  it('works on instants in the org time zone, whatever the process time zone', () => {
    // 2026-10-07T17:00Z is already Thursday 8 October 01:00 in Shanghai: a working day.
    expect(cal.localDate(new Date('2026-10-07T17:00:00Z'))).toBe('2026-10-08');
    expect(cal.isWorkday(new Date('2026-10-07T17:00:00Z'))).toBe(true);
    expect(cal.isWorkday(new Date('2026-10-07T15:00:00Z'))).toBe(false);
  });
});

describe('addWorkdays', () => {
  it('7 working days across National Day, make-up Saturday included', () => {
    // Wed 30 Sep 17:00 → Oct 8, 9, 10 (Sat, make-up), 12, 13, 14, 15.
    expect(iso(cal.addWorkdays(sh('2026-09-30T17:00:00'), 7))).toBe(iso(sh('2026-10-15T17:00:00')));
  });

  it('7 working days across Spring Festival', () => {
    // Thu 12 Feb 10:00 → Feb 13, 14 (Sat, make-up), 24, 25, 26, 27, 28 (Sat, make-up).
    expect(iso(cal.addWorkdays(sh('2026-02-12T10:00:00'), 7))).toBe(iso(sh('2026-02-28T10:00:00')));
  });

  it('from a Saturday counts from the next working day; n = 0 is the same instant', () => {
    expect(iso(cal.addWorkdays(sh('2026-03-07T11:30:00'), 1))).toBe(iso(sh('2026-03-09T11:30:00')));
    expect(iso(cal.addWorkdays(sh('2026-03-07T11:30:00'), 0))).toBe(iso(sh('2026-03-07T11:30:00')));
  });
});

describe('working hours', () => {
  it('nextWorkingMorning: before opening today, after closing tomorrow, over a holiday, onto a make-up Saturday', () => {
    expect(iso(cal.nextWorkingMorning(sh('2026-03-09T07:30:00')))).toBe(iso(sh('2026-03-09T09:00:00')));
    expect(iso(cal.nextWorkingMorning(sh('2026-03-09T18:30:00')))).toBe(iso(sh('2026-03-10T09:00:00')));
    expect(iso(cal.nextWorkingMorning(sh('2026-09-30T19:00:00')))).toBe(iso(sh('2026-10-08T09:00:00')));
    expect(iso(cal.nextWorkingMorning(sh('2026-10-09T20:00:00')))).toBe(iso(sh('2026-10-10T09:00:00')));
  });

  it('holdToWorkingHours keeps times inside working hours and holds the rest', () => {
    expect(iso(cal.holdToWorkingHours(sh('2026-03-09T14:00:00')))).toBe(iso(sh('2026-03-09T14:00:00')));
    expect(iso(cal.holdToWorkingHours(sh('2026-03-08T14:00:00')))).toBe(iso(sh('2026-03-09T09:00:00')));
  });

  it('addWorkingHours counts only working hours, across a night and a holiday', () => {
    expect(iso(cal.addWorkingHours(sh('2026-03-09T17:00:00'), 2))).toBe(iso(sh('2026-03-10T10:00:00')));
    expect(iso(cal.addWorkingHours(sh('2026-09-30T17:30:00'), 2))).toBe(iso(sh('2026-10-08T10:30:00')));
    expect(iso(cal.addWorkingHours(sh('2026-03-08T12:00:00'), 1))).toBe(iso(sh('2026-03-09T10:00:00')));
  });

  it('workdayOnOrAfter moves a revisit off a holiday to the next working day at the given hour', () => {
    expect(iso(cal.workdayOnOrAfter(sh('2026-10-03T15:00:00'), '10:00'))).toBe(iso(sh('2026-10-08T10:00:00')));
    expect(iso(cal.workdayOnOrAfter(sh('2026-03-10T15:00:00'), '10:00'))).toBe(iso(sh('2026-03-10T10:00:00')));
  });
});

describe('config overrides and coverage', () => {
  it('an extra company holiday and an extra working Saturday', () => {
    const c = createCalendar({ timeZone: 'Asia/Shanghai', overrides: { holidays: ['2026-03-09'], workdays: ['2026-03-07', '2026-10-02'] } });
    expect(c.isWorkday('2026-03-09')).toBe(false);
    expect(c.isWorkday('2026-03-07')).toBe(true);
    expect(c.isWorkday('2026-10-02')).toBe(true);
    expect(iso(c.addWorkdays(sh('2026-03-06T10:00:00'), 1))).toBe(iso(sh('2026-03-07T10:00:00')));
  });

  it('warns once for a year without a notice: statutory holidays, or weekends beyond the lunar table', () => {
    const warned: [number, string][] = [];
    const c = createCalendar({ timeZone: 'Asia/Shanghai', onUncoveredYear: (y, how) => warned.push([y, how]) });
    expect(c.covers(2026)).toBe(true);
    expect(c.covers(2031)).toBe(false);
    expect(c.coverage(2031)).toBe('statutory');
    expect(c.isWorkday('2031-10-01')).toBe(false); // National Day by the regulation
    expect(c.isWorkday('2031-10-04')).toBe(false);
    c.isWorkday('2031-10-02');
    expect(c.coverage(2051)).toBe('none');
    expect(c.isWorkday('2051-10-02')).toBe(true); // beyond the lunar table: only weekends are known
    expect(warned).toEqual([
      [2031, 'statutory'],
      [2051, 'none'],
    ]);
    expect(c.coveredYears).toEqual({ from: 2024, to: 2026 });
  });

  it('ships 2024 and 2025 too (spot checks)', () => {
    expect(cal.isWorkday('2024-02-04')).toBe(true); // Sunday make-up day
    expect(cal.isWorkday('2024-02-16')).toBe(false);
    expect(cal.isWorkday('2025-01-26')).toBe(true);
    expect(cal.isWorkday('2025-10-08')).toBe(false);
    expect(cal.isWorkday('2025-10-11')).toBe(true);
  });
});
