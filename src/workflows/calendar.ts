/**
 * The China working calendar: statutory holidays and make-up working days (调休) shipped as data
 * (calendar-data/cn.json), with config overrides, in the organisation's time zone.
 * Years the data does not cover fall back to weekends-off and are reported through `onUncoveredYear`.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import data from './calendar-data/cn.json' with { type: 'json' };

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);

export interface CalendarOptions {
  timeZone: string;
  /** 'HH:MM', default 09:00–18:00. */
  workingHours?: { start: string; end: string };
  /** 'YYYY-MM-DD'. Override workdays win over everything; override holidays over the shipped data and weekdays. */
  overrides?: { holidays?: string[]; workdays?: string[] };
  /** Called once per year the shipped data does not cover, the first time a date in that year is asked about. */
  onUncoveredYear?: (year: number) => void;
}

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
  readonly coveredYears: { from: number; to: number };
  covers(year: number): boolean;
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

/** Shipped data expanded once into day → name maps. */
const SHIPPED = (() => {
  const off = new Map<string, Name>();
  const on = new Map<string, Name>();
  const years = Object.keys(data.years).map(Number);
  for (const [, y] of Object.entries(data.years as Record<string, YearData>)) {
    for (const h of y.holidays) for (let d = h.from; d <= h.to; d = nextDay(d)) off.set(d, h.name);
    for (const w of y.workdays) on.set(w.date, w.name);
  }
  return { off, on, from: Math.min(...years), to: Math.max(...years), years: new Set(years) };
})();

export function createCalendar(options: CalendarOptions): WorkCalendar {
  const tz = options.timeZone;
  const start = options.workingHours?.start ?? '09:00';
  const end = options.workingHours?.end ?? '18:00';
  const extraOff = new Set(options.overrides?.holidays ?? []);
  const extraOn = new Set(options.overrides?.workdays ?? []);
  const warned = new Set<number>();

  const local = (at: Date) => dayjs(at).tz(tz);
  const keyOf = (at: Date | string) => (typeof at === 'string' ? at : local(at).format('YYYY-MM-DD'));
  const hhmmOf = (at: Date) => local(at).format('HH:mm');
  const at = (key: string, time: string) => dayjs.tz(`${key} ${time}`, 'YYYY-MM-DD HH:mm:ss.SSS', tz).toDate();

  function isWorkday(day: Date | string): boolean {
    const key = keyOf(day);
    const year = Number(key.slice(0, 4));
    if (!SHIPPED.years.has(year) && !warned.has(year)) {
      warned.add(year);
      options.onUncoveredYear?.(year);
    }
    if (extraOn.has(key)) return true;
    if (extraOff.has(key)) return false;
    if (SHIPPED.on.has(key)) return true;
    if (SHIPPED.off.has(key)) return false;
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
    coveredYears: { from: SHIPPED.from, to: SHIPPED.to },
    covers: (year) => SHIPPED.years.has(year),
    localDate: (d) => keyOf(d),
    isWorkday,
    holidayName: (d) => {
      const key = keyOf(d);
      return extraOff.has(key) || extraOn.has(key) ? undefined : (SHIPPED.off.get(key) ?? SHIPPED.on.get(key));
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
