/** Duration arithmetic on the working calendar, shared by the deadline policy and the ladder. */
import type { DeadlinePolicy, Duration } from '../config/schema.ts';
import type { Grade } from './model.ts';
import type { WorkCalendar } from './calendar.ts';

const HOUR = 3_600_000;

export interface DeadlineEnv {
  policy: DeadlinePolicy;
  calendar: WorkCalendar;
}

/** Hours (or working days) for a deadline, with the grade's overrides applied. */
export function durationFor(kind: 'response' | 'containment' | 'eightD', grade: Grade, policy: DeadlinePolicy): Duration {
  const override = policy.byGrade[grade]?.[kind];
  return override ?? policy[kind];
}

export function addDuration(at: Date, d: Duration, calendar: WorkCalendar): Date {
  if ('hours' in d) return new Date(at.getTime() + d.hours * HOUR);
  if ('days' in d) return new Date(at.getTime() + d.days * 24 * HOUR);
  if ('workdays' in d) return calendar.addWorkdays(at, d.workdays);
  return calendar.addWorkingHours(at, d.workingHours);
}

/**
 * The same length on the clock, for ladders that run in calendar time (urgent complaints, seed 001
 * §5.1): working hours count as hours, working days as 24 hours each; hours and days stay as they are.
 */
export function onTheClock(d: Duration): Duration {
  if ('workingHours' in d) return { hours: d.workingHours };
  if ('workdays' in d) return { hours: d.workdays * 24 };
  return d;
}

/** The instant `d` before `at` (working days step back over days off; working hours are approximated by hours). */
export function subtractDuration(at: Date, d: Duration, calendar: WorkCalendar): Date {
  if ('hours' in d) return new Date(at.getTime() - d.hours * HOUR);
  if ('days' in d) return new Date(at.getTime() - d.days * 24 * HOUR);
  if ('workingHours' in d) return new Date(at.getTime() - d.workingHours * HOUR);
  let t = at;
  for (let left = d.workdays; left > 0; ) {
    t = new Date(t.getTime() - 24 * HOUR);
    if (calendar.isWorkday(t)) left--;
  }
  return t;
}

