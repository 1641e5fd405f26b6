/** The department's answer: the 8D report, approvals (solution, claim, extension) and resolving. */
import { KesuError } from '../../errors.ts';
import { moveDeadline, revisitDue, startDeadline, unmeetDeadline } from '../deadlines.ts';
import type { ActionInput } from '../inputs.ts';
import type { DeadlineKind } from '../../config/schema.ts';
import { mayDecide } from '../permissions.ts';
import { draft, event, meet, updateDeadline, type Handler } from './shared.ts';

/** Grades whose solution the GM approves before it is carried out (seed 002). */
export const GRADES_NEEDING_APPROVAL = ['B', 'C'] as const;

export const submit8d: Handler<ActionInput<'submit_8d'>> = (state, actor, input, env) => {
  const c = state.complaint;
  const d = draft(state, env);
  d.complaint.eightD = { ...input, d8Closure: input.d8Closure ?? '' };
  event(d, 'eightd_submitted', { rootCauseTags: input.rootCauseTags, from: c.status });
  meet(d, 'response', env.now); // a reopened complaint answered straight with a new 8D
  meet(d, 'eightD', env.now);
  if ((GRADES_NEEDING_APPROVAL as readonly string[]).includes(c.grade)) {
    d.complaint.status = 'awaiting_approval';
    d.approvals.push({
      id: env.newId(),
      kind: 'solution',
      requiredRole: 'gm',
      status: 'pending',
      payload: { grade: c.grade },
      requestedBy: actor.id,
      requestedAt: env.now,
    });
    event(d, 'approval_requested', { kind: 'solution', needs: 'gm' });
  } else {
    Object.assign(d.complaint, { status: 'replied', repliedAt: env.now });
  }
  return d;
};

export const approve: Handler<ActionInput<'approve'>> = (state, actor, input, env) => {
  const pending = state.approvals.find(
    (a) => a.status === 'pending' && a.kind === input.kind && mayDecide(actor.id, a, env.directory),
  );
  if (!pending) throw new KesuError('no_pending_approval', { number: state.complaint.number, kind: input.kind });
  const d = draft(state, env);
  const approved = input.decision === 'approve';
  d.approvals = d.approvals.map((a) =>
    a.id === pending.id
      ? { ...a, status: approved ? 'approved' : 'declined', decidedBy: actor.id, decidedAt: env.now, note: input.note }
      : a,
  );
  event(d, approved ? 'approved' : 'declined', { kind: pending.kind, note: input.note, requestedBy: pending.requestedBy });

  if (pending.kind === 'solution') {
    if (approved) {
      Object.assign(d.complaint, { status: 'replied', repliedAt: env.now });
    } else {
      // Back to the department for a new solution; the 8D deadline is open again at its old due time.
      d.complaint.status = 'acknowledged';
      updateDeadline(d, 'eightD', (x) => unmeetDeadline(x, env, d.complaint));
    }
  } else if (pending.kind === 'extension' && approved) {
    const kind = pending.payload.deadline as DeadlineKind;
    const to = new Date(String(pending.payload.to));
    updateDeadline(d, kind, (x) => moveDeadline(x, to, env, { extension: true, who: d.complaint }));
  }
  return d;
};

export const resolve: Handler<ActionInput<'resolve'>> = (state, _actor, input, env) => {
  const c = state.complaint;
  if (state.approvals.some((a) => a.kind === 'claim' && a.status === 'pending')) {
    throw new KesuError('claim_not_approved', { number: c.number });
  }
  const d = draft(state, env);
  const resolution = {
    kinds: input.kinds,
    summary: input.summary,
    ...(input.amount !== undefined ? { amountMinor: input.amount, currency: input.currency ?? env.config.claims.currency } : {}),
  };
  Object.assign(d.complaint, { status: 'resolved', resolution, resolvedAt: env.now });
  const due = revisitDue(env.now, c.reopenCount > 0, env);
  event(d, 'resolved', { kinds: input.kinds, summary: input.summary, amountMinor: input.amount, currency: resolution.currency, revisitDueAt: due.toISOString() });
  meet(d, 'response', env.now);
  const revisit = startDeadline('revisit', env.now, due, env, c);
  if (d.deadlines.some((x) => x.kind === 'revisit')) updateDeadline(d, 'revisit', () => revisit);
  else d.deadlines.push(revisit);
  return d;
};
