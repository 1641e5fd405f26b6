/** Small helpers shared by the transition handlers. */
import type { DeadlineKind } from '../../config/schema.ts';
import type { Decision, LifecycleEnv, TimelineEntry } from '../lifecycle.ts';
import type { Actor, ComplaintState, Deadline } from '../model.ts';
import { meetDeadline, withRound } from '../deadlines.ts';

/** A handler gets the current state, the actor, its parsed input and the environment, and returns the decision. */
export type Handler<I> = (state: ComplaintState, actor: Actor, input: I, env: LifecycleEnv) => Decision;

/** Start a decision from the current state: copies, with `updatedAt` set. */
export function draft(state: ComplaintState, env: LifecycleEnv): Decision {
  return {
    complaint: { ...state.complaint, updatedAt: env.now },
    deadlines: state.deadlines.map((d) => ({ ...d })),
    approvals: state.approvals.map((a) => ({ ...a })),
    events: [],
  };
}

/** Put a new round of a deadline in place (or add it), carrying the old round's breach. */
export function replaceDeadline(d: Decision, fresh: Deadline, now: Date): void {
  d.deadlines = withRound(d.deadlines, fresh, now);
}

export function updateDeadline(d: Decision, kind: DeadlineKind, fn: (x: Deadline) => Deadline): void {
  d.deadlines = d.deadlines.map((x) => (x.kind === kind ? fn(x) : x));
}

/** Meet a deadline if it is active, and note it in the timeline. */
export function meet(d: Decision, kind: DeadlineKind, now: Date): void {
  const before = d.deadlines.find((x) => x.kind === kind);
  if (!before || before.metAt || before.cancelledAt) return;
  updateDeadline(d, kind, (x) => meetDeadline(x, now));
  d.events.push({ type: 'deadline_met', data: { kind, dueAt: before.dueAt.toISOString(), late: now > before.dueAt } });
}

export function event(d: Decision, type: string, data: Record<string, unknown> = {}): TimelineEntry {
  const e = { type, data };
  d.events.push(e);
  return e;
}
