/**
 * The field types every input schema is built from: strict booleans, decimal integers, money in minor
 * units, real calendar dates and moments, texts without control characters. Each refusal is a field key.
 */
import { z } from 'zod';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import { addDays } from './calendar.ts';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);

/** Field length limits, in one place (views use them for maxLength too). */
export const LIMITS = {
  title: 120,
  text: 2000,
  description: 4000,
  name: 80,
  company: 120,
  contact: 120,
  code: 64,
  tag: 30,
  tags: 10,
  quantity: 1_000_000_000,
  /** Major units (e.g. yuan); stored as minor units. */
  amount: 1_000_000_000,
} as const;

/** What validation needs to know about the organisation and the moment. */
export interface InputContext {
  now: Date;
  timeZone: string;
  categories: readonly string[];
  departments: readonly string[];
  currencies: readonly string[];
  /** No extension may set a due time later than this many calendar days after today (config; default 90). */
  extensionHorizonDays?: number;
  /** The root-cause category keys (config `rootCauses.categories`); none configured: the field takes none. */
  causeCategories?: readonly string[];
}

export const DEFAULT_EXTENSION_HORIZON_DAYS = 90;
/** A ship date more than this many years before the receipt is a typo. */
export const SHIP_DATE_MAX_YEARS = 10;

/**
 * Control characters refused in every free-text input: C0 controls and DEL (a NUL is cut off by SQLite
 * and refused by PostgreSQL). Tab, LF and CR are allowed where a text may span lines.
 */
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_CHARS = /[\t\n\r]/;

/** Whether a string holds a refused control character; a single-line text also refuses tab, LF and CR. */
export function hasControlCharacters(s: string, multiline = true): boolean {
  return CONTROL_CHARS.test(s) || (!multiline && LINE_CHARS.test(s));
}

/** Only spaces is blank; a string with a control character never is (it is refused, not dropped). */
const isBlankString = (v: unknown): v is string => typeof v === 'string' && v.trim() === '' && !CONTROL_CHARS.test(v);
export const blankToUndefined = (v: unknown) => (isBlankString(v) ? undefined : v);

/** A string without control characters, checked before trimming (trim would silently drop \v and \f). */
export const cleanString = (multiline: boolean) => z.string().refine((s) => !hasControlCharacters(s, multiline), 'control_characters');

/** Required free text that may span lines (tab, LF, CR allowed). */
export const text = (max: number) => cleanString(true).trim().min(1).max(max);
export const optionalText = (max: number) => z.preprocess(blankToUndefined, cleanString(true).trim().max(max).optional());
/** Required single-line text: names, codes, keys (no tab, LF or CR either). */
export const line = (max: number) => cleanString(false).trim().min(1).max(max);
export const optionalLine = (max: number) => z.preprocess(blankToUndefined, cleanString(false).trim().max(max).optional());

export const choice = <T extends readonly [string, ...string[]]>(values: T) => z.preprocess(blankToUndefined, z.enum(values));

/**
 * A checkbox: `true`/`false`, or the strings 'true'/'false' in any case with spaces around (the console
 * and the CLI send booleans or these, Slack's and Feishu's checkboxes are read as booleans). Anything
 * else — 'on', 'yes', '1', 2, null — is not a boolean: undefined.
 */
export function parseBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string' || CONTROL_CHARS.test(v)) return undefined;
  const s = v.trim().toLowerCase();
  return s === 'true' ? true : s === 'false' ? false : undefined;
}

/** Absent or blank: false. Anything but a boolean is refused (`invalid_boolean`), never read as false. */
export const bool = z.preprocess(
  (v) => (v === undefined || isBlankString(v) ? false : (parseBoolean(v) ?? v)),
  z.boolean({ error: 'invalid_boolean' }),
);

/**
 * A whole number: a safe integer, or a string of decimal digits (spaces around allowed). A negative
 * integer is returned (to be reported as out of range); anything else is a field key.
 */
export function parseInteger(v: unknown): number | 'invalid_number' | 'not_integer' {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return 'invalid_number';
    return Number.isInteger(v) ? v : 'not_integer';
  }
  if (typeof v !== 'string' || CONTROL_CHARS.test(v)) return 'invalid_number';
  const s = v.trim();
  if (/^\d+$/.test(s)) return Number(s);
  if (/^-\d+$/.test(s)) return Math.min(-1, Number(s)); // '-0' too is below zero here
  if (/^-?\d+\.\d+$/.test(s)) return 'not_integer';
  return 'invalid_number';
}

/** An optional whole number from 0 to `max`; '0x10', '1e3', '+5', '1.0' are refused. */
export const optionalInt = (max: number) =>
  z
    .unknown()
    .transform((v, ctx) => {
      if (isBlankString(v)) return undefined;
      const n = parseInteger(v);
      if (typeof n === 'string') ctx.addIssue({ code: 'custom', message: n, input: v });
      else if (n < 0 || Object.is(n, -0)) ctx.addIssue({ code: 'too_small', origin: 'number', minimum: 0, inclusive: true, input: v });
      else if (n > max || !Number.isSafeInteger(n)) ctx.addIssue({ code: 'too_big', origin: 'number', maximum: max, inclusive: true, input: v });
      else return n;
      return z.NEVER;
    })
    .optional();

/** A money amount in major units ('1234.5', 1234.5) → minor units (123450), never via float arithmetic. */
export const optionalAmountMinor = z.preprocess(blankToUndefined, z.union([z.string(), z.number()]).optional()).transform((v, ctx) => {
  if (v === undefined) return undefined;
  const s = typeof v === 'number' ? String(v) : CONTROL_CHARS.test(v) ? '' : v.trim().replace(/,/g, '');
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) {
    ctx.addIssue({ code: 'custom', message: 'invalid_amount' });
    return z.NEVER;
  }
  const minor = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (minor > LIMITS.amount * 100) {
    ctx.addIssue({ code: 'custom', message: 'out_of_range' });
    return z.NEVER;
  }
  return minor;
});

/** Days in a month of the Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether year-month-day is a real calendar day, checked by hand: Date and dayjs roll 30 February over to March. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The 'YYYY-MM-DD' of a real calendar day (spaces around allowed), or undefined. */
export function parseCalendarDate(raw: string): string | undefined {
  if (CONTROL_CHARS.test(raw)) return undefined;
  const s = raw.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) ? s : undefined;
}

const isClockTime = (hours: number, minutes: number, seconds = 0) => hours <= 23 && minutes <= 59 && seconds <= 59;

const ISO_MOMENT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2}))$/;
const LOCAL_MOMENT = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/;

/** A real calendar day, 'YYYY-MM-DD'. */
export const isoDate = z.preprocess(
  blankToUndefined,
  z
    .string()
    .refine((s) => parseCalendarDate(s) !== undefined, 'invalid_date')
    .trim()
    .optional(),
);

/**
 * A moment: ISO 8601 with offset, or local 'YYYY-MM-DD HH:mm' / 'YYYY-MM-DDTHH:mm' in the org time zone,
 * or (dateOnlyAt given) a bare 'YYYY-MM-DD' at that local time. The date must be a real calendar day and
 * the time a real clock time (no 24:00, no minute 60).
 */
export function parseMoment(raw: string, timeZone: string, dateOnlyAt?: string): Date | undefined {
  if (CONTROL_CHARS.test(raw)) return undefined;
  const s = raw.trim();
  const iso = ISO_MOMENT.exec(s);
  if (iso) {
    const [, date, hh, mm, ss = '00', fraction = '', zone, sign, offsetH, offsetM] = iso;
    if (!parseCalendarDate(date!) || !isClockTime(Number(hh), Number(mm), Number(ss))) return undefined;
    if (zone !== 'Z' && !isClockTime(Number(offsetH), Number(offsetM))) return undefined;
    const offset = zone === 'Z' ? 'Z' : `${sign}${offsetH}:${offsetM}`;
    const d = new Date(`${date}T${hh}:${mm}:${ss}${fraction.slice(0, 4)}${offset}`);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  const local = LOCAL_MOMENT.exec(s) ?? (dateOnlyAt ? LOCAL_MOMENT.exec(`${s} ${dateOnlyAt}`) : null);
  if (!local) return undefined;
  const [, date, hh, mm] = local;
  if (!parseCalendarDate(date!) || !isClockTime(Number(hh), Number(mm))) return undefined;
  const d = dayjs.tz(`${date} ${hh}:${mm}`, 'YYYY-MM-DD HH:mm', timeZone).toDate();
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export const moment = (ctx: InputContext, dateOnlyAt?: string) =>
  z.union([z.date(), z.string()]).transform((v, zctx) => {
    const d = v instanceof Date ? v : parseMoment(v, ctx.timeZone, dateOnlyAt);
    if (!d || Number.isNaN(d.getTime())) {
      zctx.addIssue({ code: 'custom', message: 'invalid_datetime' });
      return z.NEVER;
    }
    return d;
  });

/** The org-local calendar day of an instant, 'YYYY-MM-DD'. */
export const localDay = (at: Date, timeZone: string) => dayjs(at).tz(timeZone).format('YYYY-MM-DD');

/** Why a ship date does not fit a complaint received on `receivedDay` (org-local), if it does not. */
export function shipDateProblem(shipDate: string, receivedDay: string): 'after_received' | 'too_early' | undefined {
  if (shipDate > receivedDay) return 'after_received';
  const earliest = `${String(Number(receivedDay.slice(0, 4)) - SHIP_DATE_MAX_YEARS).padStart(4, '0')}${receivedDay.slice(4)}`;
  return shipDate < earliest ? 'too_early' : undefined;
}

/**
 * The horizon of extensions in calendar days, and the instant it ends: the end of the org-local day
 * `days` after today (compared as instants: a year past 9999 has no 'YYYY-MM-DD' to compare as text).
 */
export function extensionLimit(ctx: InputContext): { days: number; endsAt: Date } {
  const days = ctx.extensionHorizonDays ?? DEFAULT_EXTENSION_HORIZON_DAYS;
  const dayAfter = addDays(localDay(ctx.now, ctx.timeZone), days + 1);
  return { days, endsAt: dayjs.tz(`${dayAfter} 00:00`, 'YYYY-MM-DD HH:mm', ctx.timeZone).toDate() };
}

/** A new due time for an extension: a moment (a bare date means 18:00 local) within the horizon, else `too_far`. */
export const extensionDue = (ctx: InputContext) =>
  z.preprocess(blankToUndefined, moment(ctx, '18:00')).superRefine((d, zctx) => {
    const { days, endsAt } = extensionLimit(ctx);
    if (d.getTime() >= endsAt.getTime()) {
      zctx.addIssue({ code: 'too_big', origin: 'date', maximum: days, inclusive: true, message: 'too_far', input: d });
    }
  });

export const CONTACT = /^(\+?[\d\s()-]{5,20}|[^\s@]+@[^\s@]+\.[^\s@]+)$/;
export const MAX_AGE_MS = 366 * 24 * 3600 * 1000;
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
