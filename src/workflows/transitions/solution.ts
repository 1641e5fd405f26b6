/** The department's answer: the 8D report, sending it to the customer, approvals, and resolving. */
import { KesuError } from '../../errors.ts';
import { chargesFor } from '../accountability.ts';
import { pick } from '../../config/directory.ts';
import { decideStep, requestApproval, supersede } from '../approvals.ts';
import { checkPayout, exposureOf } from '../claims.ts';
import { moveDeadline, revisitDue, startDeadline } from '../deadlines.ts';
import type { ActionInput } from '../inputs.ts';
import { needsGmSolution, recallPending, type Decision, type LifecycleEnv } from '../lifecycle.ts';
import type { Actor, Approval, ComplaintState } from '../model.ts';
import type { DeadlineKind } from '../../config/schema.ts';
import { conflicted, mayDecide, mayDecideHere } from '../permissions.ts';
import { fieldError } from '../validation.ts';
import { applyRegrade } from './regrade.ts';
import { recordRecall } from './recall.ts';
import { draft, event, meet, replaceDeadline, updateDeadline, type Handler } from './shared.ts';
import { CONTACT_TASKS, contactEvent, openDelayNotice } from './contact.ts';
import { cancelDeadline } from '../deadlines.ts';

/** The reply reached the customer: recorded on the 8D, and the 8D deadline is met (seed 001 §5.2). */
function markSent(d: Decision, actor: Pick<Actor, 'id'>, via: string, note: string | undefined, env: LifecycleEnv): void {
  d.complaint.eightD = { ...d.complaint.eightD!, sent: { by: actor.id, at: env.now.toISOString(), via: via as never, ...(note ? { note } : {}) } };
  contactEvent(d, 'eightd_report', { via, at: env.now, ...(note ? { summary: note } : {}) });
  meet(d, 'eightD', env.now);
}

export const submit8d: Handler<ActionInput<'submit_8d'>> = (state, actor, input, env) => {
  const c = state.complaint;
  const gm = needsGmSolution(c);
  if (gm && input.sentVia) throw fieldError('sentVia', 'not_before_approval');
  // Other affected batches reported with the 8D (seed 001 §6.9): a second report waits for the GM's decision on the first.
  if (input.recallBatches !== undefined && recallPending(c)) throw new KesuError('recall_pending', { number: c.number });
  const d = draft(state, env);
  const { sentVia, recallBatches, recallOrders, recallQuantity, recallSeverity, recallNote, ...report } = input;
  const version = (c.eightD?.version ?? (c.eightD ? 1 : 0)) + 1;
  d.complaint.eightD = { ...report, d8Closure: input.d8Closure ?? '', version };
  event(d, 'eightd_submitted', { rootCauseTags: input.rootCauseTags, from: c.status, version });
  meet(d, 'response', env.now); // a reopened complaint answered straight with a new 8D
  if (gm) {
    d.complaint.status = 'awaiting_approval';
    requestApproval(d, env, 'solution', [{ role: 'gm', as: 'approve' }], { grade: c.grade, eightDVersion: version, round: c.reopenCount }, actor);
  } else {
    Object.assign(d.complaint, { status: 'replied', repliedAt: env.now });
    if (sentVia) markSent(d, actor, sentVia, undefined, env);
  }
  if (recallBatches !== undefined && recallSeverity !== undefined) {
    recordRecall(d, actor, { batches: recallBatches, orders: recallOrders, quantity: recallQuantity, severity: recallSeverity, note: recallNote }, env);
  }
  return d;
};

export const send8d: Handler<ActionInput<'send_8d'>> = (state, actor, input, env) => {
  const d = draft(state, env);
  event(d, 'eightd_sent', { via: input.via, note: input.note, version: state.complaint.eightD?.version ?? 1 });
  markSent(d, actor, input.via, input.note, env);
  return d;
};

/** The pending approval of `kind` this actor may decide, or the coded reason there is none. */
function decidable(state: ComplaintState, actorId: string, kind: Approval['kind'], env: LifecycleEnv): Approval {
  const c = state.complaint;
  const pending = state.approvals.filter((a) => a.status === 'pending' && a.kind === kind);
  const mine = pending.find((a) => mayDecideHere(actorId, a, c, env.directory));
  if (mine) return mine;
  if (pending.some((a) => mayDecide(actorId, a, env.directory) && conflicted(actorId, a, c, env.directory))) {
    throw new KesuError('own_approval', { number: c.number, kind });
  }
  throw new KesuError('no_pending_approval', { number: c.number, kind });
}

export const approve: Handler<ActionInput<'approve'>> = (state, actor, input, env) => {
  const pending = decidable(state, actor.id, input.kind, env);
  const d = draft(state, env);
  const c = d.complaint;
  const selfDecided = pending.requiredRole === 'gm' && (pending.requestedBy === actor.id || c.handlerId === actor.id);
  const { outcome, approval } = decideStep(d, env, pending.id, actor, input.decision === 'approve', input.note);
  const type = outcome === 'next_step' ? 'approval_step' : outcome;
  event(d, type, {
    kind: pending.kind,
    note: input.note,
    requestedBy: pending.requestedBy,
    as: approval.payload.signoffs ? (approval.payload.signoffs as { as: string }[]).at(-1)?.as : undefined,
    ...(outcome === 'next_step' ? { next: approval.requiredRole } : {}),
    ...(selfDecided ? { selfDecided: true } : {}),
  });
  if (outcome === 'next_step') return d;

  const approved = outcome === 'approved';
  if (pending.kind === 'solution') {
    // Approved: the reply may go to the customer. Declined: back to the department for a new 8D and a new approval.
    Object.assign(c, approved ? { status: 'replied', repliedAt: env.now } : { status: 'acknowledged' });
  } else if (pending.kind === 'extension' && approved) {
    const kind = pending.payload.deadline as DeadlineKind;
    const to = new Date(String(pending.payload.to));
    updateDeadline(d, kind, (x) => moveDeadline(x, to, env, { extension: true, who: c, now: env.now }));
    if (kind !== 'response') openDelayNotice(d, env, kind, 'extended', env.now, typeof pending.payload.reason === 'string' ? pending.payload.reason : undefined);
  } else if (pending.kind === 'downgrade' && approved) {
    applyRegrade(d, env, { grade: pending.payload.grade as never, urgent: Boolean(pending.payload.urgent) });
  }
  return d;
};

export const resolve: Handler<ActionInput<'resolve'>> = (state, actor, input, env) => {
  const c = state.complaint;
  const currency = input.currency ?? env.config.claims.currency;
  const amount = input.amount !== undefined ? { amountMinor: input.amount, currency } : undefined;
  // Approvals cover what is paid in all: a reopened complaint's new payout adds to the earlier one.
  const now = exposureOf(amount, input.quantity, env.config.claims);
  const before = c.resolution?.paid ?? { amountBaseMinor: 0, quantity: 0 };
  const payout = { amountBaseMinor: before.amountBaseMinor + now.amountBaseMinor, quantity: before.quantity + now.quantity };
  const check = checkPayout(payout, c.customer.region, state.approvals, env.config.claims);
  if (!check.ok && check.reason === 'declined') throw new KesuError('claim_declined', { number: c.number });
  // Accountability (seed 002 §4): who fell short and who answers with them, charged by the config's rules.
  const named = [...(input.fellShort ?? []), ...(input.jointlyLiable ?? [])];
  const people = new Set(env.directory.people().map((p) => p.id));
  const locale = actor.locale ?? env.directory.localeOf(actor.id);
  const roleName = (k: string) => {
    const r = env.config.accountability.roles.find((x) => x.key === k);
    return r ? pick(r.name, locale) : k;
  };
  const accountable = named.length ? { accountable: named, charges: chargesFor(env.config.accountability, c.grade, named, now.amountBaseMinor, people, roleName) } : {};

  const d = draft(state, env);
  if (!check.ok) {
    // The payout waits: the claim is amended to it and goes to the approvers of its tier.
    d.complaint.claim = { amountMinor: input.amount ?? 0, currency, ...(input.quantity !== undefined ? { quantity: input.quantity } : {}) };
    event(d, 'payout_held', { amountMinor: input.amount, currency, quantity: input.quantity, needs: check.chain[0]!.role });
    const total = { amountBaseMinor: payout.amountBaseMinor, quantity: payout.quantity };
    requestApproval(d, env, 'claim', check.chain, { amountMinor: input.amount, currency, ...total, ...(before.amountBaseMinor || before.quantity ? { paidBefore: before } : {}), source: 'resolve' }, actor);
    return d;
  }
  const resolution = {
    kinds: input.kinds,
    summary: input.summary,
    ...(amount ? { amountMinor: amount.amountMinor, currency } : {}),
    ...(input.quantity !== undefined ? { quantity: input.quantity } : {}),
    ...(payout.amountBaseMinor || payout.quantity ? { paid: payout } : {}),
  };
  Object.assign(d.complaint, { status: 'resolved', resolution, resolvedAt: env.now });
  const due = revisitDue(env.now, c.reopenCount > 0, env);
  event(d, 'resolved', { kinds: input.kinds, summary: input.summary, amountMinor: input.amount, currency: resolution.currency, quantity: input.quantity, revisitDueAt: due.toISOString(), ...accountable });
  // Nothing of the handling stays open: late answers are recorded late, pending requests are withdrawn.
  meet(d, 'response', env.now);
  meet(d, 'containment', env.now);
  supersede(d, 'extension', env.now);
  supersede(d, 'downgrade', env.now);
  // The customer has the answer: contact tasks still open are no longer owed (a breach already incurred is kept).
  for (const kind of CONTACT_TASKS) updateDeadline(d, kind, (x) => cancelDeadline(x, env.now));
  replaceDeadline(d, startDeadline('revisit', env.now, due, env, c), env.now);
  return d;
};
