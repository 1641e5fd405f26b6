/** Calendar coverage: a year's notice in the config, the statutory fallback, deadlines across New Year 2027, the warnings' years. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { isKesuError } from '../../src/errors.ts';
import { coverageGaps, createCalendar } from '../../src/workflows/calendar.ts';
import { addDuration } from '../../src/workflows/durations.ts';

const sh = (local: string) => new Date(`${local}+08:00`);
const iso = (d: Date) => d.toISOString();

/** An example 2027 notice as an organisation would enter it (not the real one: it is not published yet). */
const NOTICE_2027 = {
  holidays: ['2027-01-01..2027-01-03', '2027-02-05..2027-02-12', '2027-04-03..2027-04-05', '2027-05-01..2027-05-05', '2027-06-09', '2027-09-15', '2027-10-01..2027-10-07'],
  workdays: ['2027-02-20', '2027-04-25', '2027-09-26', '2027-10-09'],
};

describe('coverage of 2027', () => {
  it('without a notice: statutory holidays only — New Year’s Day is off, make-up days unknown', () => {
    const cal = createCalendar({ timeZone: 'Asia/Shanghai' });
    expect(cal.coverage(2027)).toBe('statutory');
    expect(cal.covers(2027)).toBe(false);
    expect(cal.isWorkday('2027-01-01')).toBe(false);
    expect(cal.holidayName('2027-01-01')).toEqual({ zh: '元旦', en: "New Year's Day" });
    expect(cal.isWorkday('2027-02-09')).toBe(false); // in lieu of Saturday 6 February
    expect(cal.isWorkday('2027-02-20')).toBe(false); // a Saturday: no make-up day is known
  });

  it('a notice under calendar.years covers the year and replaces the statutory days', () => {
    const cal = createCalendar({ timeZone: 'Asia/Shanghai', overrides: { years: { 2027: NOTICE_2027 } } });
    expect(cal.coverage(2027)).toBe('official');
    expect(cal.coveredYears).toEqual({ from: 2024, to: 2027 });
    expect(cal.isWorkday('2027-02-11')).toBe(false);
    expect(cal.holidayName('2027-02-12')).toEqual({ zh: '春节', en: 'Spring Festival' }); // named after the festival in its run
    expect(cal.isWorkday('2027-02-20')).toBe(true);
    expect(cal.holidayName('2027-02-20')?.en).toBe('Make-up working day');
    expect(cal.isWorkday('2027-04-03')).toBe(false);
  });

  it('a 24-hour working-time deadline filed on the afternoon of 31 December 2026 skips New Year’s Day 2027', () => {
    for (const cal of [createCalendar({ timeZone: 'Asia/Shanghai' }), createCalendar({ timeZone: 'Asia/Shanghai', overrides: { years: { 2027: NOTICE_2027 } } })]) {
      // Thu 31 Dec 15:00–18:00 = 3 h; Fri 1 Jan off, weekend; Mon 4 and Tue 5 Jan 9 h each; Wed 6 Jan 3 h.
      expect(iso(addDuration(sh('2026-12-31T15:00:00'), { workingHours: 24 }, cal))).toBe(iso(sh('2027-01-06T12:00:00')));
      expect(iso(cal.addWorkdays(sh('2026-12-31T15:00:00'), 1))).toBe(iso(sh('2027-01-04T15:00:00')));
    }
  });
});

describe('which years the warnings name', () => {
  const cal = createCalendar({ timeZone: 'Asia/Shanghai' });

  it('names next year from 60 days before it starts, in the organisation’s time zone', () => {
    expect(coverageGaps(cal, sh('2026-11-01T12:00:00'))).toEqual([]);
    expect(coverageGaps(cal, sh('2026-12-10T12:00:00'))).toEqual([{ year: 2027, coverage: 'statutory', current: false }]);
    expect(coverageGaps(cal, sh('2026-11-02T00:30:00'))).toEqual([{ year: 2027, coverage: 'statutory', current: false }]);
    expect(coverageGaps(cal, sh('2027-03-01T12:00:00'))).toEqual([{ year: 2027, coverage: 'statutory', current: true }]);
    expect(coverageGaps(cal, sh('2050-12-01T12:00:00'))).toEqual([
      { year: 2050, coverage: 'statutory', current: true },
      { year: 2051, coverage: 'none', current: false },
    ]);
  });

  it('names nothing once the config has the notice', () => {
    const covered = createCalendar({ timeZone: 'Asia/Shanghai', overrides: { years: { 2027: NOTICE_2027 } } });
    expect(coverageGaps(covered, sh('2026-12-10T12:00:00'))).toEqual([]);
  });
});

describe('calendar config', () => {
  const shipped = readFileSync(fileURLToPath(new URL('../../kesu.config.yaml', import.meta.url)), 'utf8');
  const withCalendar = (block: string) => shipped.replace(/^calendar:\n(  .*\n)*/m, `calendar:\n${block}`);

  it('accepts a year’s notice beside the plain holidays and workdays', () => {
    const config = parseConfig(withCalendar('  holidays: ["2026-08-14"]\n  workdays: []\n  years:\n    2027:\n      holidays: ["2027-01-01", "2027-02-05..2027-02-12"]\n      workdays: ["2027-02-20"]\n'), 'k.yaml');
    expect(config.calendar.years['2027']).toEqual({ holidays: ['2027-01-01', '2027-02-05..2027-02-12'], workdays: ['2027-02-20'] });
    expect(config.calendar.holidays).toEqual(['2026-08-14']);
    expect(parseConfig(withCalendar('  holidays: []\n'), 'k.yaml').calendar.years).toEqual({});
  });

  it('names the field of each mistake', () => {
    const text = withCalendar('  years:\n    2027:\n      holidays: ["2027-02-30", "2027-02-12..2027-02-05", "2028-01-01"]\n      workdays: ["2026-12-26"]\n    "27": { holidays: ["2027-01-01"] }\n    2029: { holidays: [] }\n');
    let message = '';
    try {
      parseConfig(text, 'k.yaml');
    } catch (e) {
      if (!isKesuError(e, 'config_invalid')) throw e;
      message = e.message;
    }
    expect(message).toContain('k.yaml: calendar.years.2027.holidays[0]: 2027-02-30 is not a real calendar date');
    expect(message).toContain('k.yaml: calendar.years.2027.holidays[1]: the run must not end before it starts');
    expect(message).toContain('k.yaml: calendar.years.2027.holidays[2]: must lie in 2027');
    expect(message).toContain('k.yaml: calendar.years.2027.workdays[0]: must lie in 2027');
    expect(message).toContain('k.yaml: calendar.years.27: must be a year such as 2027');
    expect(message).toContain('k.yaml: calendar.years.2029.holidays: must list at least 1 item');
    expect(message.match(/2027-02-30/g)).toHaveLength(1);
  });
});
