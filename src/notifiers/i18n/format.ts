/** Local date/time formatting in the organisation's time zone (pure: the moment is always passed in). */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** "2026-03-02 10:42" in `timeZone`. */
export function formatDateTime(at: Date, timeZone: string): string {
  return dayjs(at).tz(timeZone).format('YYYY-MM-DD HH:mm');
}

/** "2026-03-02" in `timeZone`. */
export function formatDate(at: Date, timeZone: string): string {
  return dayjs(at).tz(timeZone).format('YYYY-MM-DD');
}

/** A Date from a Date or an ISO string, or undefined. */
export function toDate(v: unknown): Date | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(v)) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
