/**
 * The escalation ladder of one deadline (DESIGN.md §4): 1 reminder before the due time → 2 overdue
 * notice at the due time → 3 escalation to the GM after the grace period. Steps that fall outside
 * working hours are held to the next working morning.
 * Urgent complaints' response and containment ladders run on the clock instead (seed 001 §5.1: 24
 * hours, not 24 working hours): reminder offset and GM grace count calendar hours, and steps go out
 * through nights, weekends and holidays, held only out of the night window `deadlines.urgent.nightWindow`.
 * With `urgentIgnoresQuietHours`, an urgent complaint's notice and escalation (steps 2 and 3) go at once.
 * `nextStepAt` on a deadline row is always `nextStep(deadline, ladderStep)?.at`.
 */
import { isApprovalDeadline, type DeadlineKind, type DeadlinePolicy, type Duration, type Ladder } from '../config/schema.ts';
import { addDuration, onTheClock, subtractDuration, type DeadlineEnv } from './durations.ts';
import type { Deadline, Grade } from './model.ts';

export const LADDER_STEPS = { remind: 1, overdue: 2, escalate: 3 } as const;
export type LadderStep = (typeof LADDER_STEPS)[keyof typeof LADDER_STEPS];
export const STEP_NAMES: Record<LadderStep, 'remind' | 'overdue' | 'escalate'> = { 1: 'remind', 2: 'overdue', 3: 'escalate' };

export interface LadderOptions {
  /**
   * Urgent complaints: their response and containment ladders run on the clock (see above), and with
   * policy `urgentIgnoresQuietHours` the notice and escalation of any of their deadlines go at once.
   */
  urgent?: boolean;
  /** The complaint's grade picks its ladder overrides (policy `laddersByGrade`). */
  grade?: Grade;
}

/** The ladder of a deadline kind, with the grade's overrides. */
export function ladderFor(kind: DeadlineKind, grade: Grade | undefined, policy: DeadlinePolicy): Ladder {
  // Every approval deadline (claim, solution, extension, downgrade) walks the one `approval` ladder.
  const key = isApprovalDeadline(kind) ? 'approval' : kind === 'recall_decision' ? 'recallDecision' : kind;
  const override = grade ? policy.laddersByGrade[grade]?.[key] : undefined;
  return { ...policy.ladders[key], ...override };
}

type Timed = Pick<Deadline, 'kind' | 'startsAt' | 'dueAt'>;

/** Whether this deadline's ladder runs in calendar time: the response and containment deadlines of an urgent complaint. */
export function runsOnTheClock(kind: DeadlineKind, opts: LadderOptions = {}): boolean {
  return opts.urgent === true && (kind === 'response' || kind === 'containment' || kind === 'containmentReport');
}

/** When a step of this deadline falls, before any hold. */
function rawTime(d: Timed, step: LadderStep, env: DeadlineEnv, opts: LadderOptions): Date {
  const ladder = ladderFor(d.kind, opts.grade, env.policy);
  const span = runsOnTheClock(d.kind, opts) ? onTheClock : (x: Duration) => x;
  if (step === 1) {
    const t =
      ladder.remindBefore === 'morningOf'
        ? env.calendar.atLocalTime(d.dueAt, '00:00') // held below (to the working morning of the due day)
        : subtractDuration(d.dueAt, span(ladder.remindBefore), env.calendar);
    return t < d.startsAt ? d.startsAt : t;
  }
  if (step === 2) return d.dueAt;
  return addDuration(d.dueAt, span(ladder.graceBeforeGm), env.calendar);
}

export function stepTime(d: Timed, step: LadderStep, env: DeadlineEnv, opts: LadderOptions = {}): Date {
  const raw = rawTime(d, step, env, opts);
  const immediate = opts.urgent && env.policy.urgentIgnoresQuietHours && step > 1;
  if (immediate) return raw;
  return runsOnTheClock(d.kind, opts)
    ? env.calendar.holdOutOfWindow(raw, env.policy.urgent.nightWindow)
    : env.calendar.holdToWorkingHours(raw);
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
