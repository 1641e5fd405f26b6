/** The config's building blocks: keys, times of day, dates and time zones, each with a message a person can act on. */
import { z } from 'zod';

export const key = z
  .string()
  .regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'must be lower-case letters, digits, "_", "." or "-", starting with a letter');
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM');
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d);
  }, 'is not a real calendar date');

/** True when `tz` is an IANA time zone this runtime knows (e.g. Asia/Shanghai). */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
export const timeZone = z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Shanghai');
