/**
 * The escalation ladder of one deadline (DESIGN.md §4): 1 reminder before the due time → 2 overdue
 * notice at the due time → 3 escalation to the GM after the grace period. Steps that fall outside
 * working hours are held to the next working morning (urgent complaints may skip the hold).
 * `nextStepAt` on a deadline row is always `nextStep(deadline, ladderStep)?.at`.
 */
import type { DeadlineKind, DeadlinePolicy, Ladder } from '../config/schema.ts';
import { addDuration, subtractDuration, type DeadlineEnv } from './durations.ts';
import type { Deadline, Grade } from './model.ts';

export const LADDER_STEPS = { remind: 1, overdue: 2, escalate: 3 } as const;
export type LadderStep = (typeof LADDER_STEPS)[keyof typeof LADDER_STEPS];
export const STEP_NAMES: Record<LadderStep, 'remind' | 'overdue' | 'escalate'> = { 1: 'remind', 2: 'overdue', 3: 'escalate' };

export interface LadderOptions {
  /** Urgent complaints may escalate at once, quiet hours or not (policy `urgentIgnoresQuietHours`). */
  urgent?: boolean;
  /** The complaint's grade picks its ladder overrides (policy `laddersByGrade`). */
  grade?: Grade;
}

/** The ladder of a deadline kind, with the grade's overrides. */
export function ladderFor(kind: DeadlineKind, grade: Grade | undefined, policy: DeadlinePolicy): Ladder {
  const override = grade ? policy.laddersByGrade[grade]?.[kind] : undefined;
  return { ...policy.ladders[kind], ...override };
}

type Timed = Pick<Deadline, 'kind' | 'startsAt' | 'dueAt'>;

/** When a step of this deadline falls, before any quiet-hours hold. */
function rawTime(d: Timed, step: LadderStep, env: DeadlineEnv, grade?: Grade): Date {
  const ladder = ladderFor(d.kind, grade, env.policy);
  if (step === 1) {
    const t =
      ladder.remindBefore === 'morningOf'
        ? env.calendar.atLocalTime(d.dueAt, '00:00') // held below to the working morning of the due day
        : subtractDuration(d.dueAt, ladder.remindBefore, env.calendar);
    return t < d.startsAt ? d.startsAt : t;
  }
  if (step === 2) return d.dueAt;
  return addDuration(d.dueAt, ladder.graceBeforeGm, env.calendar);
}

export function stepTime(d: Timed, step: LadderStep, env: DeadlineEnv, opts: LadderOptions = {}): Date {
  const raw = rawTime(d, step, env, opts.grade);
  const immediate = opts.urgent && env.policy.urgentIgnoresQuietHours && step > 1;
  return immediate ? raw : env.calendar.holdToWorkingHours(raw);
}

/**
 * The first step after `done` (0 = none sent yet), or undefined when the ladder is finished.
 * A reminder that would only go out at or after the overdue notice is skipped: it says nothing new.
 */
export function nextStep(d: Timed, done: number, env: DeadlineEnv, opts: LadderOptions = {}): { step: LadderStep; at: Date } | undefined {
  for (const step of [1, 2, 3] as const) {
    if (step <= done) continue;
    const at = stepTime(d, step, env, opts);
    if (step === 1 && at >= stepTime(d, 2, env, opts)) continue;
    return { step, at };
  }
  return undefined;
}

/**
 * What a tick at `now` sends for one deadline whose ladder has done `done` steps: the steps now due,
 * in order. When a tick comes late (downtime), a reminder that the overdue notice has overtaken is
 * dropped — it would only say something already past — while the overdue notice and the GM
 * escalation are each still sent once.
 */
export function stepsDue(
  d: Timed,
  done: number,
  now: Date,
  env: DeadlineEnv,
  opts: LadderOptions = {},
): { send: LadderStep[]; ladderStep: number; nextStepAt: Date | undefined } {
  const send: LadderStep[] = [];
  let step = done;
  for (let next = nextStep(d, step, env, opts); next && next.at <= now; next = nextStep(d, step, env, opts)) {
    step = next.step;
    send.push(next.step);
  }
  const overdueDue = send.includes(2);
  return {
    send: overdueDue ? send.filter((s) => s !== 1) : send,
    ladderStep: step,
    nextStepAt: nextStep(d, step, env, opts)?.at,
  };
}
