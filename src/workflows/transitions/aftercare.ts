/** After resolving: the customer revisit, reopening, and the GM's decision on twice-unsatisfied cases. */
import type { Complaint } from '../model.ts';
import { dueFrom, moveDeadline, startDeadline } from '../deadlines.ts';
import type { ActionInput } from '../inputs.ts';
import type { Decision, LifecycleEnv } from '../lifecycle.ts';
import { draft, event, meet, replaceDeadline, updateDeadline, type Handler } from './shared.ts';
import { contactEvent } from './contact.ts';

const HOUR = 3_600_000;

/** Back to the department with a fresh response deadline counted from now. */
function reopenInto(d: Decision, env: LifecycleEnv, from: Complaint['status'], reason: string): void {
  const c = d.complaint;
  Object.assign(c, { status: 'reopened', reopenCount: c.reopenCount + 1, closedAt: undefined });
  const fresh = startDeadline('response', env.now, dueFrom('response', env.now, c.grade, env), env, c);
  replaceDeadline(d, fresh, env.now);
  // A complaint rejected before it was answered gets its 8D (and an urgent one its containment) again, from now.
  for (const kind of ['eightD', 'containment', 'containmentReport'] as const) {
    const x = d.deadlines.find((y) => y.kind === kind);
    if (x?.cancelledAt && !x.metAt && (kind === 'eightD' ? !c.eightD?.sent : c.urgent)) {
      const policyKind = kind === 'containmentReport' ? 'containment' : kind;
      replaceDeadline(d, startDeadline(kind, env.now, dueFrom(policyKind, env.now, c.grade, env), env, c), env.now);
    }
  }
  event(d, 'reopened', { from, reason, reopenCount: c.reopenCount, responseDueAt: fresh.dueAt.toISOString() });
}

export const revisit: Handler<ActionInput<'revisit'>> = (state, _actor, input, env) => {
  const c = state.complaint;
  const d = draft(state, env);
  if (input.outcome === 'unreachable') {
    const attempt = c.revisitAttempts + 1;
    const next = env.calendar.holdToWorkingHours(new Date(env.now.getTime() + env.policy.revisit.retryHours * HOUR));
    d.complaint.revisitAttempts = attempt;
    updateDeadline(d, 'revisit', (x) => moveDeadline({ ...x, startsAt: env.now }, next, env, { who: c, now: env.now }));
    event(d, 'revisit_unreachable', { attempt, note: input.note, nextDueAt: next.toISOString() });
    return d;
  }
  // The revisit reached the customer: a contact too (after the revisit's own event, which names the entry).
  const reached = () => contactEvent(d, 'revisit', { at: env.now, ...(input.note ? { summary: input.note } : {}) });
  if (input.outcome === 'satisfied') {
    Object.assign(d.complaint, { status: 'closed', satisfaction: input.score, closedAt: env.now });
    event(d, 'revisit_satisfied', { score: input.score, note: input.note });
    reached();
    meet(d, 'revisit', env.now);
    return d;
  }
  // The score counts in the month's satisfaction whatever the outcome (seed 004).
  event(d, 'revisit_unsatisfied', { score: input.score, note: input.note, reopenCount: c.reopenCount });
  reached();
  meet(d, 'revisit', env.now);
  if (c.reopenCount === 0) {
    reopenInto(d, env, c.status, input.note ?? '');
  } else {
    d.complaint.status = 'escalated';
    event(d, 'escalated', { to: 'gm', reason: 'unsatisfied_twice' });
  }
  return d;
};

export const gmDecide: Handler<ActionInput<'gm_decide'>> = (state, _actor, input, env) => {
  const d = draft(state, env);
  Object.assign(d.complaint, { status: 'closed', gmDecision: input.decision, closedAt: env.now });
  event(d, 'gm_decided', { decision: input.decision });
  return d;
};

export const reopen: Handler<ActionInput<'reopen'>> = (state, _actor, input, env) => {
  const d = draft(state, env);
  reopenInto(d, env, state.complaint.status, input.reason);
  return d;
};
