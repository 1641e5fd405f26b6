/** The department's answer: the 8D report, sending it to the customer, approvals, and resolving. */
import { KesuError } from '../../errors.ts';
import { chargesFor } from '../accountability.ts';
import { pick } from '../../config/directory.ts';
import { decideStep, requestApproval, supersede } from '../approvals.ts';
import { checkPayout, exposureOf } from '../claims.ts';
import { moveDeadline, revisitDue, startDeadline } from '../deadlines.ts';
import type { ActionInput } from '../inputs.ts';
import { needsGmSolution, recallPending, resolveRefusal, TRANSITIONS, type Decision, type LifecycleEnv } from '../lifecycle.ts';
import { needsSignoff, signoffChain } from '../major.ts';
import type { Actor, Approval, Complaint, ComplaintState } from '../model.ts';
import type { Locale } from '../../config/schema.ts';
import type { DeadlineKind } from '../../config/schema.ts';
import { conflicted, mayDecide, mayDecideHere, signedBefore } from '../permissions.ts';
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
  supersede(d, 'signoff', env.now); // a resolution proposed on the old 8D is moot
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
  if (pending.some((a) => signedBefore(actorId, a))) throw new KesuError('already_signed_off', { number: c.number });
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
    const safety = pending.payload.safety === undefined ? {} : { safety: Boolean(pending.payload.safety) };
    applyRegrade(d, env, { grade: pending.payload.grade as never, urgent: Boolean(pending.payload.urgent), ...safety });
  } else if (pending.kind === 'signoff' && approved) {
    // The last co-owner signed: the resolution proposed is carried out, if it still may be.
    const refusal = resolveRefusal({ ...state, approvals: d.approvals }) ?? (TRANSITIONS[c.status].includes('resolve') ? undefined : new KesuError('illegal_transition', { number: c.number, status: c.status, action: 'resolve' }));
    if (refusal) throw refusal;
    const input = pending.payload.resolution as ActionInput<'resolve'>;
    const money = payoutOf(state, input, env);
    if (!money.check.ok) throw new KesuError(money.check.reason === 'declined' ? 'claim_declined' : 'claim_not_approved', { number: c.number });
    applyResolution(d, state, input, money, accountabilityOf(c, input, money.now.amountBaseMinor, env.directory.localeOf(pending.requestedBy), env), env);
  }
  return d;
};

/** What a resolution pays, in all (a reopened complaint's new payout adds to the earlier one), and whether approvals cover it. */
function payoutOf(state: ComplaintState, input: ActionInput<'resolve'>, env: LifecycleEnv) {
  const c = state.complaint;
  const currency = input.currency ?? env.config.claims.currency;
  const amount = input.amount !== undefined ? { amountMinor: input.amount, currency } : undefined;
  const now = exposureOf(amount, input.quantity, env.config.claims);
  const before = c.resolution?.paid ?? { amountBaseMinor: 0, quantity: 0 };
  const payout = { amountBaseMinor: before.amountBaseMinor + now.amountBaseMinor, quantity: before.quantity + now.quantity };
  return { currency, amount, now, before, payout, check: checkPayout(payout, c.customer.region, state.approvals, env.config.claims) };
}

/** Accountability (seed 002 §4): who fell short and who answers with them, charged by the config's rules on this payout. */
function accountabilityOf(c: Complaint, input: ActionInput<'resolve'>, paidBaseMinor: number, locale: Locale, env: LifecycleEnv): Record<string, unknown> {
  const named = [...(input.fellShort ?? []), ...(input.jointlyLiable ?? [])];
  if (!named.length) return {};
  const people = new Set(env.directory.people().map((p) => p.id));
  const roleName = (k: string) => {
    const r = env.config.accountability.roles.find((x) => x.key === k);
    return r ? pick(r.name, locale) : k;
  };
  return { accountable: named, charges: chargesFor(env.config.accountability, c.grade, named, paidBaseMinor, people, roleName) };
}

export const resolve: Handler<ActionInput<'resolve'>> = (state, actor, input, env) => {
  const c = state.complaint;
  const money = payoutOf(state, input, env);
  const { currency, before, payout, check } = money;
  if (!check.ok && check.reason === 'declined') throw new KesuError('claim_declined', { number: c.number });
  // Checked now, also when the co-owners still sign it off: a wrong naming is refused beside its field.
  const accountable = accountabilityOf(c, input, money.now.amountBaseMinor, actor.locale ?? env.directory.localeOf(actor.id), env);

  const d = draft(state, env);
  if (!check.ok) {
    // The payout waits: the claim is amended to it and goes to the approvers of its tier.
    d.complaint.claim = { amountMinor: input.amount ?? 0, currency, ...(input.quantity !== undefined ? { quantity: input.quantity } : {}) };
    event(d, 'payout_held', { amountMinor: input.amount, currency, quantity: input.quantity, needs: check.chain[0]!.role });
    const total = { amountBaseMinor: payout.amountBaseMinor, quantity: payout.quantity };
    requestApproval(d, env, 'claim', check.chain, { amountMinor: input.amount, currency, ...total, ...(before.amountBaseMinor || before.quantity ? { paidBefore: before } : {}), source: 'resolve' }, actor);
    return d;
  }
  if (needsSignoff(c, env.config)) {
    // Grade C (seed 002 §3): the co-owners sign the resolution off before it is carried out.
    event(d, 'resolution_proposed', { kinds: input.kinds, summary: input.summary, amountMinor: input.amount, currency: money.amount ? currency : undefined, quantity: input.quantity });
    requestApproval(d, env, 'signoff', signoffChain(c, env.config), { resolution: input, round: c.reopenCount }, actor);
    return d;
  }
  applyResolution(d, state, input, money, accountable, env);
  return d;
};

/** Carry the resolution out: resolved, the revisit due, nothing of the handling left open. */
function applyResolution(d: Decision, state: ComplaintState, input: ActionInput<'resolve'>, money: ReturnType<typeof payoutOf>, accountable: Record<string, unknown>, env: LifecycleEnv): void {
  const c = state.complaint;
  const { amount, currency, payout } = money;
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
  supersede(d, 'signoff', env.now); // asked while it was grade C, resolved since as a lower grade
  replaceDeadline(d, startDeadline('revisit', env.now, due, env, c), env.now);
}
