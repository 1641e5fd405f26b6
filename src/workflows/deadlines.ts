/**
 * Deadline policy (DESIGN.md §4): when each deadline is due, and the state changes of a deadline
 * row (start, move, meet, cancel). Pure functions of the complaint, the policy and the calendar.
 */
import type { DeadlineKind } from '../config/schema.ts';
import { addDuration, durationFor, type DeadlineEnv } from './durations.ts';
import { nextStep, type LadderOptions } from './ladder.ts';
import type { Complaint, Deadline, Grade } from './model.ts';

export type { DeadlineEnv } from './durations.ts';

const HOUR = 3_600_000;

/** Due time of a response, containment or 8D deadline that starts at `startsAt` (receivedAt, or the reopen time). */
export function dueFrom(kind: 'response' | 'containment' | 'eightD', startsAt: Date, grade: Grade, env: DeadlineEnv): Date {
  return addDuration(startsAt, durationFor(kind, grade, env.policy), env.calendar);
}

/** Revisit due: +N calendar days after resolving, moved to a working day at the configured hour; after a reopen, the next working day. */
export function revisitDue(resolvedAt: Date, afterReopen: boolean, env: DeadlineEnv): Date {
  const { revisit } = env.policy;
  const base = afterReopen
    ? env.calendar.addWorkdays(resolvedAt, revisit.afterReopenWorkdays)
    : new Date(resolvedAt.getTime() + revisit.days * 24 * HOUR);
  return env.calendar.workdayOnOrAfter(base, revisit.at);
}

/** The ladder restarted: nothing sent yet, the next step is the first one. */
function restartLadder(d: Deadline, env: DeadlineEnv, who: LadderOptions): Deadline {
  const active = !d.metAt && !d.cancelledAt;
  return { ...d, ladderStep: 0, nextStepAt: active ? nextStep(d, 0, env, who)?.at : undefined };
}

/** A fresh, active deadline row. */
export function startDeadline(kind: DeadlineKind, startsAt: Date, dueAt: Date, env: DeadlineEnv, who: LadderOptions = {}): Deadline {
  return restartLadder({ kind, startsAt, dueAt, ladderStep: 0, extensions: 0 }, env, who);
}

/**
 * The same deadline with a new due time and its ladder restarted (extension, re-grade). A deadline that
 * was already missed at `now` stays breached: moving it never erases the breach (DESIGN §9).
 */
export function moveDeadline(
  d: Deadline,
  dueAt: Date,
  env: DeadlineEnv,
  opts: { extension?: boolean; who?: LadderOptions; now?: Date } = {},
): Deadline {
  const breachedAt = opts.now ? breachAt(d, opts.now) : d.breachedAt;
  return restartLadder({ ...d, dueAt, breachedAt, extensions: d.extensions + (opts.extension ? 1 : 0) }, env, opts.who ?? {});
}

/**
 * A new round of a deadline replacing `old` (a reopen's response, a new revisit, an approval's next request):
 * the old round's breach is carried in `earlierBreaches`, so it is never lost.
 */
export function nextRound(old: Deadline | undefined, fresh: Deadline, now: Date): Deadline {
  if (!old) return fresh;
  const earlier = (old.earlierBreaches ?? 0) + (breachAt(old, now) ? 1 : 0);
  return earlier ? { ...fresh, earlierBreaches: earlier } : fresh;
}

/** The deadlines with `fresh` as the new round of its kind (added when the kind has none yet). */
export function withRound(deadlines: readonly Deadline[], fresh: Deadline, now: Date): Deadline[] {
  const old = deadlines.find((x) => x.kind === fresh.kind);
  if (!old) return [...deadlines, fresh];
  const next = nextRound(old, fresh, now);
  return deadlines.map((x) => (x.kind === fresh.kind ? next : x));
}

/** When the deadline was breached, as known at `now`: recorded, or due and still unmet. */
export function breachAt(d: Deadline, now: Date): Date | undefined {
  if (d.breachedAt) return d.breachedAt;
  return isActive(d) && now.getTime() > d.dueAt.getTime() ? d.dueAt : undefined;
}

/** Mark met (a late meeting also records the breach at the due time, for the reports). */
export function meetDeadline(d: Deadline, at: Date): Deadline {
  if (d.metAt || d.cancelledAt) return d;
  const late = at.getTime() > d.dueAt.getTime();
  return { ...d, metAt: at, breachedAt: d.breachedAt ?? (late ? d.dueAt : undefined), nextStepAt: undefined };
}

/** Cancel an active deadline; one already missed keeps its breach. */
export function cancelDeadline(d: Deadline, at: Date): Deadline {
  if (d.metAt || d.cancelledAt) return d;
  return { ...d, cancelledAt: at, breachedAt: breachAt(d, at), nextStepAt: undefined };
}

export function isActive(d: Deadline): boolean {
  return !d.metAt && !d.cancelledAt;
}

/** The deadlines a newly filed complaint starts with. */
export function initialDeadlines(complaint: Pick<Complaint, 'receivedAt' | 'grade' | 'urgent'>, env: DeadlineEnv): Deadline[] {
  const kinds = complaint.urgent ? (['response', 'containment', 'eightD'] as const) : (['response', 'eightD'] as const);
  const out = kinds.map((k) =>
    startDeadline(k, complaint.receivedAt, dueFrom(k, complaint.receivedAt, complaint.grade, env), env, complaint),
  );
  // Seed 001 §5.1: the emergency measure is taken AND reported to the customer within the 24 hours.
  if (complaint.urgent) out.push(startDeadline('containmentReport', complaint.receivedAt, dueFrom('containment', complaint.receivedAt, complaint.grade, env), env, complaint));
  return out;
}
