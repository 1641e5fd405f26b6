/**
 * The China working calendar, in the organisation's time zone. Each year is covered by a State Council
 * notice — shipped (calendar-data/cn.json) or entered in the config (`calendar.years`) — or else by
 * the statutory holidays alone (statutory.ts: make-up working days unknown), or, beyond the lunar
 * table, by weekends only; the last two are reported through `onUncoveredYear`.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import data from './calendar-data/cn.json' with { type: 'json' };
import { statutoryHolidays } from './statutory.ts';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);

export interface CalendarOptions {
  timeZone: string;
  /** 'HH:MM', default 09:00–18:00. */
  workingHours?: { start: string; end: string };
  /**
   * From the config. `holidays`/`workdays` ('YYYY-MM-DD'): override workdays win over everything,
   * override holidays over the year's data and weekdays. `years`: a year's notice — its days off
   * ('YYYY-MM-DD' or 'YYYY-MM-DD..YYYY-MM-DD') and make-up working days — which replaces the shipped
   * data of that year and makes the year covered.
   */
  overrides?: { holidays?: string[]; workdays?: string[]; years?: Record<string, { holidays: string[]; workdays?: string[] }> };
  /** Called once per year without a notice, the first time a date in that year is asked about. */
  onUncoveredYear?: (year: number, coverage: Exclude<Coverage, 'official'>) => void;
}

/**
 * How a year is known: 'official' — a State Council notice (shipped or in the config);
 * 'statutory' — only the statutory holidays, make-up working days unknown; 'none' — weekends only.
 */
export type Coverage = 'official' | 'statutory' | 'none';

type Name = { zh: string; en: string };

/**
 * A time-of-day window in org time, 'HH:MM' to 'HH:MM', start included and end excluded. It wraps
 * midnight when start > end (22:00–07:00); start === end is an empty window.
 */
export interface DayWindow {
  start: string;
  end: string;
}

export interface WorkCalendar {
  readonly timeZone: string;
  /** The first and last year with a notice (shipped or in the config). */
  readonly coveredYears: { from: number; to: number };
  /** True when a notice covers the year. */
  covers(year: number): boolean;
  coverage(year: number): Coverage;
  /** Local date 'YYYY-MM-DD' of an instant in the org time zone. */
  localDate(at: Date): string;
  isWorkday(at: Date | string): boolean;
  holidayName(at: Date | string): Name | undefined;
  /** The instant at local 'HH:MM' on the local date of `day`. */
  atLocalTime(day: Date | string, hhmm: string): Date;
  /** The date moves forward n working days (counting only working days after at's local date); the local time of day is kept. */
  addWorkdays(at: Date, n: number): Date;
  /** The first working day on or after at's local date, at local 'HH:MM'. */
  workdayOnOrAfter(at: Date, hhmm: string): Date;
  /** Start of working hours of the next working day — or of today, if today is a working day and `at` is before the start. */
  nextWorkingMorning(at: Date): Date;
  isWithinWorkingHours(at: Date): boolean;
  /** `at` if within working hours, else the next working morning. */
  holdToWorkingHours(at: Date): Date;
  /** Adds hours counted only inside working hours on working days. */
  addWorkingHours(at: Date, hours: number): Date;
  /**
   * `at` if it lies outside `window` (or there is no window), else the window's end — on the same
   * local date, or on the next one when `at` is in the part of a wrapping window before midnight.
   * Every day counts: working days, weekends and holidays alike.
   */
  holdOutOfWindow(at: Date, window: DayWindow | null | undefined): Date;
}

interface YearData {
  holidays: { from: string; to: string; name: Name }[];
  workdays: { date: string; name: Name }[];
}

/** The day `n` days after a YYYY-MM-DD day key (before, for negative `n`). */
export const addDays = (key: string, n: number) => dayjs.utc(key).add(n, 'day').format('YYYY-MM-DD');
const nextDay = (key: string) => addDays(key, 1);

interface YearDays {
  coverage: Coverage;
  off: Map<string, Name>;
  on: Map<string, Name>;
}

const SHIPPED = data.years as Record<string, YearData>;
const MAKE_UP: Name = { zh: '调休上班', en: 'Make-up working day' };

/** A shipped notice as day → name maps. */
function shippedYear(y: YearData): YearDays {
  const off = new Map<string, Name>();
  const on = new Map<string, Name>();
  for (const h of y.holidays) for (let d = h.from; d <= h.to; d = nextDay(d)) off.set(d, h.name);
  for (const w of y.workdays) on.set(w.date, w.name);
  return { coverage: 'official', off, on };
}

/** A notice from the config: a day off is named after the statutory holiday in its run, if any. */
function configYear(year: number, y: { holidays: string[]; workdays?: string[] }): YearDays {
  const statutory = new Map((statutoryHolidays(year) ?? []).filter((d) => !d.substitute).map((d) => [d.date, d.name]));
  const off = new Map<string, Name>();
  for (const range of y.holidays) {
    const [from, to = from] = range.split('..') as [string, string?];
    const days: string[] = [];
    for (let d = from; d <= to; d = nextDay(d)) days.push(d);
    const name = days.map((d) => statutory.get(d)).find(Boolean);
    for (const d of days) off.set(d, name ?? { zh: '假日', en: 'Holiday' });
  }
  return { coverage: 'official', off, on: new Map((y.workdays ?? []).map((d) => [d, MAKE_UP])) };
}

/** A year without a notice: the statutory holidays when the lunar table reaches it, else nothing. */
function fallbackYear(year: number): YearDays {
  const days = statutoryHolidays(year);
  return { coverage: days ? 'statutory' : 'none', off: new Map((days ?? []).map((d) => [d.date, d.name])), on: new Map() };
}

export function createCalendar(options: CalendarOptions): WorkCalendar {
  const tz = options.timeZone;
  const start = options.workingHours?.start ?? '09:00';
  const end = options.workingHours?.end ?? '18:00';
  const extraOff = new Set(options.overrides?.holidays ?? []);
  const extraOn = new Set(options.overrides?.workdays ?? []);
  const warned = new Set<number>();
  const configured = options.overrides?.years ?? {};
  const official = [...new Set([...Object.keys(SHIPPED), ...Object.keys(configured)].map(Number))].sort((a, b) => a - b);
  const years = new Map<number, YearDays>();
  const yearDays = (year: number): YearDays => {
    let y = years.get(year);
    if (!y) {
      const fromConfig = configured[String(year)];
      const shipped = SHIPPED[String(year)];
      y = fromConfig ? configYear(year, fromConfig) : shipped ? shippedYear(shipped) : fallbackYear(year);
      years.set(year, y);
    }
    return y;
  };

  const local = (at: Date) => dayjs(at).tz(tz);
  const keyOf = (at: Date | string) => (typeof at === 'string' ? at : local(at).format('YYYY-MM-DD'));
  const hhmmOf = (at: Date) => local(at).format('HH:mm');
  const at = (key: string, time: string) => dayjs.tz(`${key} ${time}`, 'YYYY-MM-DD HH:mm:ss.SSS', tz).toDate();

  function isWorkday(day: Date | string): boolean {
    const key = keyOf(day);
    const year = Number(key.slice(0, 4));
    const y = yearDays(year);
    if (y.coverage !== 'official' && !warned.has(year)) {
      warned.add(year);
      options.onUncoveredYear?.(year, y.coverage);
    }
    if (extraOn.has(key)) return true;
    if (extraOff.has(key)) return false;
    if (y.on.has(key)) return true;
    if (y.off.has(key)) return false;
    const weekday = dayjs.utc(key).day();
    return weekday !== 0 && weekday !== 6;
  }

  function nextWorkdayKey(key: string): string {
    let k = nextDay(key);
    while (!isWorkday(k)) k = nextDay(k);
    return k;
  }

  const cal: WorkCalendar = {
    timeZone: tz,
    coveredYears: { from: official[0]!, to: official[official.length - 1]! },
    covers: (year) => yearDays(year).coverage === 'official',
    coverage: (year) => yearDays(year).coverage,
    localDate: (d) => keyOf(d),
    isWorkday,
    holidayName: (d) => {
      const key = keyOf(d);
      const y = yearDays(Number(key.slice(0, 4)));
      return extraOff.has(key) || extraOn.has(key) ? undefined : (y.off.get(key) ?? y.on.get(key));
    },
    atLocalTime: (day, hhmm) => at(keyOf(day), `${hhmm}:00.000`),
    addWorkdays(d, n) {
      let key = keyOf(d);
      for (let i = 0; i < n; i++) key = nextWorkdayKey(key);
      return at(key, local(d).format('HH:mm:ss.SSS'));
    },
    workdayOnOrAfter(d, hhmm) {
      const key = keyOf(d);
      return at(isWorkday(key) ? key : nextWorkdayKey(key), `${hhmm}:00.000`);
    },
    nextWorkingMorning(d) {
      const key = keyOf(d);
      const today = isWorkday(key) && hhmmOf(d) < start;
      return at(today ? key : nextWorkdayKey(key), `${start}:00.000`);
    },
    isWithinWorkingHours(d) {
      const t = hhmmOf(d);
      return isWorkday(d) && start <= t && t < end;
    },
    holdToWorkingHours: (d) => (cal.isWithinWorkingHours(d) ? d : cal.nextWorkingMorning(d)),
    addWorkingHours(d, hours) {
      let left = hours * 3_600_000;
      let t = cal.holdToWorkingHours(d);
      for (;;) {
        const close = cal.atLocalTime(t, end);
        const available = close.getTime() - t.getTime();
        if (left <= available) return new Date(t.getTime() + left);
        left -= available;
        t = cal.nextWorkingMorning(close);
      }
    },
    holdOutOfWindow(d, window) {
      if (!window || window.start === window.end) return d;
      const t = hhmmOf(d);
      const key = keyOf(d);
      const endOn = (day: string) => at(day, `${window.end}:00.000`);
      if (window.start < window.end) return window.start <= t && t < window.end ? endOn(key) : d;
      if (t >= window.start) return endOn(nextDay(key)); // evening part of a window that wraps midnight
      return t < window.end ? endOn(key) : d;
    },
  };
  return cal;
}

/** A year the calendar is not sure of, for the warnings at start-up, in `kesu doctor` and in the console. */
export interface CoverageGap {
  year: number;
  coverage: Exclude<Coverage, 'official'>;
  /** True for the current year; false for next year, named from `leadDays` before it starts. */
  current: boolean;
}

/** The years without a notice that matter at `now`: this year, and next year from `leadDays` (default 60) before it starts. */
export function coverageGaps(cal: WorkCalendar, now: Date, leadDays = 60): CoverageGap[] {
  const today = cal.localDate(now);
  const year = Number(today.slice(0, 4));
  const gaps: CoverageGap[] = [];
  const thisYear = cal.coverage(year);
  if (thisYear !== 'official') gaps.push({ year, coverage: thisYear, current: true });
  const next = cal.coverage(year + 1);
  if (next !== 'official' && addDays(today, leadDays) >= `${year + 1}-01-01`) gaps.push({ year: year + 1, coverage: next, current: false });
  return gaps;
}
