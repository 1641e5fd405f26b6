/** Working a complaint in its department: acknowledge, reassign, extend, contain, reject, comment. */
import { KesuError } from '../../errors.ts';
import { requestApproval, signoffsOf, supersede } from '../approvals.ts';
import { APPROVAL_KINDS, type Complaint } from '../model.ts';
import { breachAt, cancelDeadline, isActive, moveDeadline } from '../deadlines.ts';
import type { ActionInput } from '../inputs.ts';
import { fieldError } from '../validation.ts';
import { draft, event, meet, updateDeadline, type Handler } from './shared.ts';
import { contactEvent, openDelayNotice } from './contact.ts';

/** The former handlers after the handler changes to `next`: whoever handled it stays on the list. */
function withFormer(c: Complaint, next: string | undefined): string[] | undefined {
  const former = c.formerHandlers ?? [];
  if (!c.handlerId || c.handlerId === next || former.includes(c.handlerId)) return c.formerHandlers;
  return [...former, c.handlerId];
}

export const acknowledge: Handler<ActionInput<'acknowledge'>> = (state, actor, input, env) => {
  const c = state.complaint;
  const dir = env.directory;
  const handlerId = input.handlerId ?? actor.id;
  if (!dir.isMemberOf(handlerId, c.department)) throw fieldError('handlerId', 'not_department_member');
  if (handlerId !== actor.id && !dir.isHeadOf(actor.id, c.department)) {
    throw new KesuError('forbidden', { number: c.number, action: 'acknowledge' });
  }
  // Separation of duties both ways: whoever decided an approval on the complaint does not handle it.
  if (dir.separationOfDuties() && state.approvals.some((a) => signoffsOf(a).some((x) => x.by === handlerId))) {
    throw fieldError('handlerId', 'decided_approval');
  }
  const containmentDue = state.deadlines.find((x) => x.kind === 'containment' && isActive(x));
  if (c.urgent && containmentDue && !input.containment) throw fieldError('containment', 'required_when_urgent');

  const d = draft(state, env);
  Object.assign(d.complaint, {
    status: 'acknowledged',
    handlerId,
    formerHandlers: withFormer(c, handlerId),
    firstResponse: input.firstResponse,
    containment: input.containment ?? c.containment,
    acknowledgedAt: env.now,
  });
  event(d, 'acknowledged', { from: c.status, handlerId, firstResponse: input.firstResponse, containment: input.containment });
  // The first response reached the customer: a contact, and the first contact owed after "unreachable" is made.
  contactEvent(d, 'first_response', { at: env.now, summary: input.firstResponse });
  meet(d, 'response', env.now);
  meet(d, 'firstContact', env.now);
  if (input.containment) meet(d, 'containment', env.now);
  return d;
};

export const reassign: Handler<ActionInput<'reassign'>> = (state, _actor, input, env) => {
  const c = state.complaint;
  if (input.department === c.department) throw fieldError('department', 'same_department');
  const d = draft(state, env);
  // The new department acknowledges again; clocks keep running from receivedAt.
  Object.assign(d.complaint, {
    department: input.department,
    handlerId: undefined,
    formerHandlers: withFormer(c, undefined),
    status: c.status === 'reopened' ? 'reopened' : 'open',
  });
  event(d, 'reassigned', { from: c.department, to: input.department, reason: input.reason, handlerBefore: c.handlerId });
  return d;
};

export const extend: Handler<ActionInput<'extend'>> = (state, actor, input, env) => {
  const target = state.deadlines.find((x) => x.kind === input.deadline && isActive(x));
  if (!target) throw fieldError('deadline', 'invalid_choice');
  if (input.newDueAt <= target.dueAt || input.newDueAt <= env.now) throw fieldError('newDueAt', 'must_be_after_due');
  if (state.approvals.some((a) => a.kind === 'extension' && a.status === 'pending')) {
    throw new KesuError('approval_pending', { number: state.complaint.number, kind: 'extension' });
  }
  const d = draft(state, env);
  const limit = env.calendar.addWorkdays(target.dueAt, env.policy.extension.autoGrantWorkdays);
  // A deadline already missed stays missed: extending it goes to the GM, and the breach is kept (seed 001 §5.3).
  const breached = breachAt(target, env.now) !== undefined;
  const data = { deadline: input.deadline, from: target.dueAt.toISOString(), to: input.newDueAt.toISOString(), reason: input.reason, ...(breached ? { breached: true } : {}) };
  if (!breached && target.extensions === 0 && input.newDueAt <= limit) {
    event(d, 'extension_granted', data);
    updateDeadline(d, input.deadline, (x) => moveDeadline(x, input.newDueAt, env, { extension: true, who: state.complaint, now: env.now }));
    if (input.deadline !== 'response') openDelayNotice(d, env, input.deadline, 'extended', env.now, input.reason);
    return d;
  }
  event(d, 'extension_requested', { ...data, needs: 'gm' });
  requestApproval(d, env, 'extension', [{ role: 'gm', as: 'approve' }], data, actor);
  return d;
};

/** The emergency measure of an urgent complaint, recorded at any open stage (also after a late `urgent`). */
export const contain: Handler<ActionInput<'contain'>> = (state, _actor, input, env) => {
  const d = draft(state, env);
  d.complaint.containment = input.containment;
  event(d, 'contained', { containment: input.containment });
  meet(d, 'containment', env.now);
  return d;
};

export const reject: Handler<ActionInput<'reject'>> = (state, _actor, input, env) => {
  const d = draft(state, env);
  Object.assign(d.complaint, { status: 'rejected', rejection: { reason: input.reason, note: input.note }, closedAt: env.now });
  event(d, 'rejected', { from: state.complaint.status, reason: input.reason, note: input.note });
  // Nothing stays pending on a rejected complaint: its requests are withdrawn, its deadlines cancelled (breaches kept).
  for (const kind of APPROVAL_KINDS) supersede(d, kind, env.now);
  d.deadlines = d.deadlines.map((x) => cancelDeadline(x, env.now));
  return d;
};

export const comment: Handler<ActionInput<'comment'>> = (state, _actor, input, env) => {
  const d = draft(state, env);
  d.complaint.updatedAt = state.complaint.updatedAt; // a comment is not a state change
  event(d, 'commented', { text: input.text });
  return d;
};
