/**
 * Re-grading (seed 002): upgrades apply at once; downgrading B/C or removing `urgent` goes to the GM unless
 * the GM does it; a grade below what the customer's demand implies needs a recorded reason.
 */
import { requestApproval, supersede } from '../approvals.ts';
import { cancelDeadline, dueFrom, isActive, moveDeadline, startDeadline } from '../deadlines.ts';
import { gradeBelow, gradeForDemand } from '../grades.ts';
import type { ActionInput } from '../inputs.ts';
import { needsGmSolution, type Decision, type LifecycleEnv } from '../lifecycle.ts';
import type { Grade } from '../model.ts';
import { fieldError } from '../validation.ts';
import { draft, event, updateDeadline, type Handler } from './shared.ts';

/** Set grade and urgency and recompute the deadlines from their own start, so no time is lost (breaches stay). */
export function applyRegrade(d: Decision, env: LifecycleEnv, to: { grade: Grade; urgent: boolean }): void {
  const c = d.complaint;
  const { grade, urgent } = to;
  Object.assign(c, { grade, urgent });
  // A downgrade request was made against the grade before this change: it is moot now.
  supersede(d, 'downgrade', env.now);
  // Down to A while the GM was still to approve the solution: an A reply needs no GM.
  if (!needsGmSolution(c) && c.status === 'awaiting_approval') {
    supersede(d, 'solution', env.now);
    Object.assign(c, { status: 'replied', repliedAt: env.now });
  }
  const who = { urgent, grade };
  // Extended deadlines keep their granted date; every active ladder is re-timed for the new grade and urgency.
  for (const kind of ['response', 'containment', 'eightD', 'containmentReport'] as const) {
    const policyKind = kind === 'containmentReport' ? 'containment' : kind;
    updateDeadline(d, kind, (x) => (isActive(x) ? moveDeadline(x, x.extensions === 0 ? dueFrom(policyKind, x.startsAt, grade, env) : x.dueAt, env, { who, now: env.now }) : x));
  }
  // The report of the emergency measure to the customer follows the containment deadline (seed 001 §5.1).
  const report = d.deadlines.find((x) => x.kind === 'containmentReport');
  if (urgent && !report) {
    d.deadlines.push(startDeadline('containmentReport', c.receivedAt, dueFrom('containment', c.receivedAt, grade, env), env, who));
  } else if (urgent && report?.cancelledAt && !report.metAt) {
    updateDeadline(d, 'containmentReport', (x) => moveDeadline({ ...x, cancelledAt: undefined }, dueFrom('containment', x.startsAt, grade, env), env, { who, now: env.now }));
  } else if (!urgent && report) {
    updateDeadline(d, 'containmentReport', (x) => cancelDeadline(x, env.now));
  }
  const containment = d.deadlines.find((x) => x.kind === 'containment');
  if (urgent && !containment) {
    // A late `urgent` still counts from receipt (§5.1); the `contain` action meets it at any open stage.
    d.deadlines.push(startDeadline('containment', c.receivedAt, dueFrom('containment', c.receivedAt, grade, env), env, who));
  } else if (urgent && containment?.cancelledAt && !containment.metAt) {
    updateDeadline(d, 'containment', (x) => moveDeadline({ ...x, cancelledAt: undefined }, dueFrom('containment', x.startsAt, grade, env), env, { who, now: env.now }));
  } else if (!urgent && containment) {
    updateDeadline(d, 'containment', (x) => cancelDeadline(x, env.now));
  }
}

export const regrade: Handler<ActionInput<'regrade'>> = (state, actor, input, env) => {
  const c = state.complaint;
  const grade = input.grade ?? c.grade;
  const urgent = input.urgent ?? c.urgent;
  if (grade === c.grade && urgent === c.urgent) throw fieldError('grade', 'nothing_changed');
  if (gradeBelow(grade, gradeForDemand(c.demand)) && !input.note) throw fieldError('note', 'reason_required');
  const downgrade = (gradeBelow(grade, c.grade) && c.grade !== 'A') || (c.urgent && !urgent);
  const d = draft(state, env);
  const change = { before: { grade: c.grade, urgent: c.urgent }, after: { grade, urgent }, note: input.note };
  if (downgrade && !env.directory.isGm(actor.id)) {
    event(d, 'downgrade_requested', change);
    requestApproval(d, env, 'downgrade', [{ role: 'gm', as: 'approve' }], { grade, urgent, note: input.note }, actor);
    return d;
  }
  event(d, 'regraded', change);
  applyRegrade(d, env, { grade, urgent });
  return d;
};
