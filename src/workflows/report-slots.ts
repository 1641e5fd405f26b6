/**
 * When the scheduled reports fall due (seed 001: weekly and monthly summaries to management). Pure: the
 * working calendar and `now` come in. A weekly report is due at `at` on the first working day of each
 * week (Monday, unless it is a holiday); a monthly report at `at` on the first working day of each month,
 * covering the month before. The engine derives from these which slots have passed and are not yet sent,
 * so a slot missed while the process was down goes out when it is back.
 */
import { addDays, type WorkCalendar } from './calendar.ts';

export interface Slot {
  /** The week's Monday (YYYY-MM-DD) or the reported month (YYYY-MM). */
  period: string;
  at: Date;
}

/** Monday of the ISO week containing `day`. */
export const mondayOf = (day: string) => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

function firstWorkday(days: string[], cal: WorkCalendar): string | undefined {
  return days.find((d) => cal.isWorkday(d));
}

/** The week's report time, or undefined for a week without a working day. */
export function weeklySlot(monday: string, cal: WorkCalendar, at: string): Slot | undefined {
  const day = firstWorkday(Array.from({ length: 7 }, (_, i) => addDays(monday, i)), cal);
  return day ? { period: monday, at: cal.atLocalTime(day, at) } : undefined;
}

/** Midnight after a weekly slot's week (org time): a weekly report is only sent before it. */
export function weekEnd(week: Slot, cal: WorkCalendar): Date {
  return cal.atLocalTime(addDays(week.period, 7), '00:00');
}

/** The latest weekly slot at or before `now` (this week's, or last week's before this week's time). */
export function latestWeeklySlot(now: Date, cal: WorkCalendar, at: string): Slot | undefined {
  const monday = mondayOf(cal.localDate(now));
  for (const week of [monday, addDays(monday, -7), addDays(monday, -14)]) {
    const slot = weeklySlot(week, cal, at);
    if (slot && slot.at <= now) return slot;
  }
  return undefined;
}

/** The report for `month` (YYYY-MM) goes out on the first working day of the month after. */
export function monthlySlot(month: string, cal: WorkCalendar, at: string): Slot | undefined {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  const day = firstWorkday(Array.from({ length: 28 }, (_, i) => addDays(next, i)), cal);
  return day ? { period: month, at: cal.atLocalTime(day, at) } : undefined;
}

/** Monthly slots with `since` ≤ at ≤ `now`, oldest first. */
export function monthlySlotsBetween(since: Date, now: Date, cal: WorkCalendar, at: string): Slot[] {
  const out: Slot[] = [];
  const last = cal.localDate(now).slice(0, 7);
  // From the month before `since`: its report may fall due after `since`.
  for (let month = shiftMonth(cal.localDate(since).slice(0, 7), -1); month < last; month = shiftMonth(month, 1)) {
    const slot = monthlySlot(month, cal, at);
    if (slot && slot.at >= since && slot.at <= now) out.push(slot);
  }
  return out;
}

/** The month `by` months before or after 'YYYY-MM'. */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + by, 1)).toISOString().slice(0, 7);
}
