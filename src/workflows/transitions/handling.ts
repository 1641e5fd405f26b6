/** Working a complaint in its department: acknowledge, reassign, extend, regrade, reject, comment. */
import { KesuError } from '../../errors.ts';
import { cancelDeadline, dueFrom, isActive, moveDeadline, startDeadline } from '../deadlines.ts';
import type { ActionInput } from '../inputs.ts';
import { fieldError } from '../validation.ts';
import { draft, event, meet, updateDeadline, type Handler } from './shared.ts';

export const acknowledge: Handler<ActionInput<'acknowledge'>> = (state, actor, input, env) => {
  const c = state.complaint;
  const dir = env.directory;
  const handlerId = input.handlerId ?? actor.id;
  if (!dir.isMemberOf(handlerId, c.department)) throw fieldError('handlerId', 'not_department_member');
  if (handlerId !== actor.id && !dir.isHeadOf(actor.id, c.department)) {
    throw new KesuError('forbidden', { number: c.number, action: 'acknowledge' });
  }
  const containmentDue = state.deadlines.find((x) => x.kind === 'containment' && isActive(x));
  if (c.urgent && containmentDue && !input.containment) throw fieldError('containment', 'required_when_urgent');

  const d = draft(state, env);
  Object.assign(d.complaint, {
    status: 'acknowledged',
    handlerId,
    firstResponse: input.firstResponse,
    containment: input.containment ?? c.containment,
    acknowledgedAt: env.now,
  });
  event(d, 'acknowledged', { from: c.status, handlerId, firstResponse: input.firstResponse, containment: input.containment });
  meet(d, 'response', env.now);
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
  const data = { deadline: input.deadline, from: target.dueAt.toISOString(), to: input.newDueAt.toISOString(), reason: input.reason };
  if (target.extensions === 0 && input.newDueAt <= limit) {
    updateDeadline(d, input.deadline, (x) => moveDeadline(x, input.newDueAt, env, { extension: true, who: state.complaint }));
    event(d, 'extension_granted', data);
    return d;
  }
  d.approvals.push({
    id: env.newId(),
    kind: 'extension',
    requiredRole: 'gm',
    status: 'pending',
    payload: data,
    requestedBy: actor.id,
    requestedAt: env.now,
  });
  event(d, 'extension_requested', { ...data, needs: 'gm' });
  return d;
};

export const regrade: Handler<ActionInput<'regrade'>> = (state, _actor, input, env) => {
  const c = state.complaint;
  const grade = input.grade ?? c.grade;
  const urgent = input.urgent ?? c.urgent;
  if (grade === c.grade && urgent === c.urgent) throw fieldError('grade', 'nothing_changed');
  const d = draft(state, env);
  Object.assign(d.complaint, { grade, urgent });
  // Recompute from each deadline's own start, so no time is lost; extended deadlines keep their granted date.
  for (const kind of ['response', 'containment', 'eightD'] as const) {
    updateDeadline(d, kind, (x) =>
      isActive(x) && x.extensions === 0 ? moveDeadline(x, dueFrom(kind, x.startsAt, grade, env), env, { who: { urgent, grade } }) : x,
    );
  }
  const containment = d.deadlines.find((x) => x.kind === 'containment');
  if (urgent && !containment) {
    d.deadlines.push(startDeadline('containment', c.receivedAt, dueFrom('containment', c.receivedAt, grade, env), env, { urgent, grade }));
  } else if (urgent && containment?.cancelledAt && !c.acknowledgedAt) {
    updateDeadline(d, 'containment', (x) => moveDeadline({ ...x, cancelledAt: undefined }, dueFrom('containment', x.startsAt, grade, env), env, { who: { urgent, grade } }));
  } else if (!urgent && containment) {
    updateDeadline(d, 'containment', (x) => cancelDeadline(x, env.now));
  }
  event(d, 'regraded', { before: { grade: c.grade, urgent: c.urgent }, after: { grade, urgent }, note: input.note });
  return d;
};

export const reject: Handler<ActionInput<'reject'>> = (state, _actor, input, env) => {
  const d = draft(state, env);
  Object.assign(d.complaint, { status: 'rejected', rejection: { reason: input.reason, note: input.note }, closedAt: env.now });
  d.deadlines = d.deadlines.map((x) => cancelDeadline(x, env.now));
  event(d, 'rejected', { from: state.complaint.status, reason: input.reason, note: input.note });
  return d;
};

export const comment: Handler<ActionInput<'comment'>> = (state, _actor, input, env) => {
  const d = draft(state, env);
  d.complaint.updatedAt = state.complaint.updatedAt; // a comment is not a state change
  event(d, 'commented', { text: input.text });
  return d;
};
