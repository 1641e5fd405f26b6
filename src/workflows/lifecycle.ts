/**
 * The complaint lifecycle (DESIGN.md §3) as an explicit table: which actions each status allows,
 * and `decide`, which turns (state, actor, action, input) into the next state or a coded refusal.
 * Pure: the clock, config and calendar come in through `LifecycleEnv`.
 */
import type { Directory } from '../config/directory.ts';
import type { OrgConfig } from '../config/schema.ts';
import { KesuError } from '../errors.ts';
import type { WorkCalendar } from './calendar.ts';
import type { DeadlineEnv } from './deadlines.ts';
import type { InputContext } from './inputs.ts';
import type { Action, Actor, Approval, ApprovalKind, Complaint, ComplaintState, Deadline, Grade, Status } from './model.ts';
import { ACTION_RULES, satisfies } from './permissions.ts';

/** Actions each status allows (besides permission). `approve` also needs a pending approval. */
export const TRANSITIONS: Record<Status, readonly Action[]> = {
  open: ['acknowledge', 'customer_unreachable', 'reassign', 'extend', 'reject', 'regrade', 'approve', 'claim', 'contain', 'contact', 'recall', 'recall_decide', 'comment'],
  acknowledged: ['submit_8d', 'resolve', 'extend', 'reassign', 'reject', 'regrade', 'approve', 'claim', 'contain', 'contact', 'recall', 'recall_decide', 'comment'],
  awaiting_approval: ['approve', 'send_8d', 'extend', 'claim', 'contain', 'contact', 'recall', 'recall_decide', 'comment'],
  replied: ['send_8d', 'resolve', 'submit_8d', 'extend', 'regrade', 'approve', 'claim', 'contain', 'contact', 'recall', 'recall_decide', 'comment'],
  resolved: ['revisit', 'contact', 'comment'],
  reopened: ['acknowledge', 'customer_unreachable', 'submit_8d', 'send_8d', 'resolve', 'reassign', 'extend', 'regrade', 'approve', 'claim', 'contain', 'contact', 'recall', 'recall_decide', 'comment'],
  escalated: ['gm_decide', 'contact', 'comment'],
  closed: ['reopen', 'comment'],
  rejected: ['reopen', 'comment'],
};

/** Actions open in every status while their own condition holds (a repeat suggestion waiting for a decision). */
const ANY_STATUS: readonly Action[] = ['link_repeat'];

/** Grades whose solution the GM approves before it is carried out (seed 002). */
export const GRADES_NEEDING_APPROVAL: readonly Grade[] = ['B', 'C'];
export const needsGmSolution = (c: Pick<Complaint, 'grade'>): boolean => GRADES_NEEDING_APPROVAL.includes(c.grade);

/** The GM's word on the current 8D version in the current round (a reopen starts a new round), if any. */
export function solutionDecision(state: ComplaintState): Approval['status'] | undefined {
  const c = state.complaint;
  const version = c.eightD?.version ?? 1;
  const current = state.approvals.filter(
    (a) => a.kind === 'solution' && a.status !== 'superseded' && Number(a.payload.eightDVersion ?? 1) === version && Number(a.payload.round ?? 0) === c.reopenCount,
  );
  return current.at(-1)?.status;
}

export const solutionApproved = (state: ComplaintState): boolean => solutionDecision(state) === 'approved';

/** Why the current 8D may not go to the customer yet: B/C without the GM's approval, or a solution declined or pending whatever the grade. */
function solutionRefusal(state: ComplaintState): KesuError | undefined {
  const c = state.complaint;
  const word = solutionDecision(state);
  const blocked = word === 'declined' || word === 'pending' || (needsGmSolution(c) && word !== 'approved');
  return blocked ? new KesuError('solution_not_approved', { number: c.number }) : undefined;
}

export interface LifecycleEnv extends DeadlineEnv {
  now: Date;
  config: OrgConfig;
  directory: Directory;
  calendar: WorkCalendar;
  input: InputContext;
  newId: () => string;
}

export interface TimelineEntry {
  type: string;
  data: Record<string, unknown>;
}

/**
 * The outcome of an accepted action: the whole next state, plus what happened. The first event is the
 * action's own; the rest are its effects (a deadline met, an approval requested). The store keeps them as
 * ONE timeline entry with the request that caused it (`record`), so the timeline replays to the state.
 */
export interface Decision {
  complaint: Complaint;
  deadlines: Deadline[];
  approvals: Approval[];
  events: TimelineEntry[];
  /** `breach`: the deadline engine saw a deadline towards the customer pass unmet (replayed by `breachDecision`). */
  record?: { action: Action | 'file' | 'breach'; input: unknown };
}

/** The coded reason an action is not possible now, or undefined when it is (permission aside). */
export function stateRefusal(state: ComplaintState, action: Action, actor: Actor, env: Pick<LifecycleEnv, 'directory'>, approvalKind?: ApprovalKind): KesuError | undefined {
  const c = state.complaint;
  if (action === 'link_repeat' && c.repeats?.some((r) => r.status === 'suggested')) return undefined;
  if (TRANSITIONS[c.status].includes(action)) {
    if (action === 'approve' && !state.approvals.some((a) => a.status === 'pending' && (!approvalKind || a.kind === approvalKind))) {
      return new KesuError('no_pending_approval', { number: c.number });
    }
    if (action === 'resolve') return resolveRefusal(state);
    if (action === 'reject' && recallPending(c)) return new KesuError('recall_pending', { number: c.number });
    if (action === 'send_8d') {
      if (!c.eightD) return illegal(c, action);
      if (c.eightD.sent) return new KesuError('reply_already_sent', { number: c.number });
      const refusal = solutionRefusal(state);
      if (refusal) return refusal;
    }
    if (action === 'recall' && recallPending(c)) return new KesuError('recall_pending', { number: c.number });
    if (action === 'recall_decide' && !recallPending(c)) return new KesuError('no_pending_recall', { number: c.number });
    if (action === 'contain' && !c.urgent && !state.deadlines.some((d) => d.kind === 'containment' && !d.metAt && !d.cancelledAt)) {
      return illegal(c, action);
    }
    return undefined;
  }
  if (action === 'acknowledge' && c.acknowledgedAt && c.handlerId) {
    return new KesuError('already_acknowledged', {
      number: c.number,
      by: env.directory.displayName(c.handlerId, actor.locale ?? env.directory.localeOf(actor.id)),
      at: c.acknowledgedAt.toISOString(),
    });
  }
  return illegal(c, action);
}

/** What a resolve still waits for: the 8D, the GM's approval of it (B/C), its sending, the claim's approval. */
function resolveRefusal(state: ComplaintState): KesuError | undefined {
  const c = state.complaint;
  if (!c.eightD) return illegal(c, 'resolve');
  // The GM decides a reported recall before the case is closed towards the customer (seed 001 §6.9).
  if (recallPending(c)) return new KesuError('recall_pending', { number: c.number });
  const refusal = solutionRefusal(state);
  if (refusal) return refusal;
  if (!c.eightD.sent) return new KesuError('reply_not_sent', { number: c.number });
  if (state.approvals.some((a) => a.kind === 'claim' && a.status === 'pending')) return new KesuError('claim_not_approved', { number: c.number });
  return undefined;
}

/** A recall report still waiting for the GM's decision. */
export const recallPending = (c: Pick<Complaint, 'recall'>): boolean => c.recall !== undefined && c.recall.decision === undefined;

function illegal(c: Complaint, action: Action): KesuError {
  return new KesuError('illegal_transition', { number: c.number, status: c.status, action });
}

/** Throws the coded reason when `actor` may not take `action` on this complaint now. State first, then permission. */
export function assertAllowed(state: ComplaintState, action: Action, actor: Actor, env: Pick<LifecycleEnv, 'directory'>, approvalKind?: ApprovalKind): void {
  const refusal = stateRefusal(state, action, actor, env, approvalKind);
  if (refusal) throw refusal;
  if (!satisfies(ACTION_RULES[action], actor.id, state.complaint, env.directory, state.approvals, approvalKind)) {
    throw new KesuError('forbidden', { number: state.complaint.number, action });
  }
}

/** The actions this viewer may take now — what the card's buttons show. */
export function availableActions(state: ComplaintState, actorId: string, env: Pick<LifecycleEnv, 'directory'>): Action[] {
  const actor: Actor = { id: actorId, name: actorId };
  return [...TRANSITIONS[state.complaint.status], ...ANY_STATUS].filter((action) => {
    try {
      assertAllowed(state, action, actor, env);
      return true;
    } catch {
      return false;
    }
  });
}
