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
import type { Action, Actor, Approval, ApprovalKind, Complaint, ComplaintState, Deadline, Status } from './model.ts';
import { ACTION_RULES, satisfies } from './permissions.ts';

/** Actions each status allows (besides permission). `approve` also needs a pending approval. */
export const TRANSITIONS: Record<Status, readonly Action[]> = {
  open: ['acknowledge', 'reassign', 'extend', 'reject', 'regrade', 'approve', 'comment'],
  acknowledged: ['submit_8d', 'resolve', 'extend', 'reassign', 'reject', 'regrade', 'approve', 'comment'],
  awaiting_approval: ['approve', 'comment'],
  replied: ['resolve', 'approve', 'comment'],
  resolved: ['revisit', 'comment'],
  reopened: ['acknowledge', 'submit_8d', 'resolve', 'reassign', 'extend', 'approve', 'comment'],
  escalated: ['gm_decide', 'comment'],
  closed: ['reopen', 'comment'],
  rejected: ['reopen', 'comment'],
};

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

/** The outcome of an accepted action: the whole next state, plus what happened. */
export interface Decision {
  complaint: Complaint;
  deadlines: Deadline[];
  approvals: Approval[];
  events: TimelineEntry[];
}

/** The coded reason an action is not possible now, or undefined when it is (permission aside). */
export function stateRefusal(state: ComplaintState, action: Action, actor: Actor, env: Pick<LifecycleEnv, 'directory'>, approvalKind?: ApprovalKind): KesuError | undefined {
  const c = state.complaint;
  if (TRANSITIONS[c.status].includes(action)) {
    if (action === 'resolve' && c.status === 'acknowledged' && !c.eightD) return illegal(c, action);
    if (action === 'approve' && !state.approvals.some((a) => a.status === 'pending' && (!approvalKind || a.kind === approvalKind))) {
      return new KesuError('no_pending_approval', { number: c.number });
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
  return TRANSITIONS[state.complaint.status].filter((action) => {
    try {
      assertAllowed(state, action, actor, env);
      return true;
    } catch {
      return false;
    }
  });
}
