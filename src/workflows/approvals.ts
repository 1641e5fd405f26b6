/**
 * Approvals as chains of steps (seed 001 §5.7, seed 002): requesting one (superseding a pending one of
 * the same kind), deciding a step, and the deadline every pending approval carries. Pure.
 */
import type { ApprovalDeadlineKind, ChainStep } from '../config/schema.ts';
import { addDuration } from './durations.ts';
import { cancelDeadline, meetDeadline, startDeadline, withRound } from './deadlines.ts';
import type { Decision, LifecycleEnv } from './lifecycle.ts';
import type { Actor, Approval, ApprovalKind } from './model.ts';

export const approvalDeadline = (kind: ApprovalKind): ApprovalDeadlineKind => `approval_${kind}`;

/** One decided step of a chain, kept in the approval's payload. */
export interface Signoff {
  role: string;
  as: ChainStep['as'];
  by: string;
  at: string;
  note?: string;
}

export function chainOf(a: Approval): ChainStep[] {
  const chain = a.payload.chain as ChainStep[] | undefined;
  return chain?.length ? chain : [{ role: a.requiredRole, as: 'approve' }];
}

export const stepOf = (a: Approval): number => Number(a.payload.step ?? 0);
export const signoffsOf = (a: Approval): Signoff[] => (a.payload.signoffs as Signoff[] | undefined) ?? [];

/** Withdraw a pending approval (superseded by a newer request, or moot); its deadline is cancelled. */
export function supersede(d: Decision, kind: ApprovalKind, now: Date): void {
  const pending = d.approvals.some((a) => a.kind === kind && a.status === 'pending');
  if (!pending) return;
  d.approvals = d.approvals.map((a) => (a.kind === kind && a.status === 'pending' ? { ...a, status: 'superseded', decidedAt: now } : a));
  const dk = approvalDeadline(kind);
  d.deadlines = d.deadlines.map((x) => (x.kind === dk ? cancelDeadline(x, now) : x));
}

/** Open an approval of `kind` decided by `chain`, due after the configured time; a pending one of the same kind is superseded. */
export function requestApproval(
  d: Decision,
  env: LifecycleEnv,
  kind: ApprovalKind,
  chain: ChainStep[],
  payload: Record<string, unknown>,
  actor: Pick<Actor, 'id'>,
): Approval {
  supersede(d, kind, env.now);
  const approval: Approval = {
    id: env.newId(),
    kind,
    requiredRole: chain[0]!.role,
    status: 'pending',
    payload: { ...payload, chain, step: 0, signoffs: [] },
    requestedBy: actor.id,
    requestedAt: env.now,
  };
  d.approvals.push(approval);
  restartApprovalDeadline(d, env, kind);
  d.events.push({ type: 'approval_requested', data: { kind, needs: approval.requiredRole, chain } });
  return approval;
}

function restartApprovalDeadline(d: Decision, env: LifecycleEnv, kind: ApprovalKind): void {
  const dk = approvalDeadline(kind);
  const c = d.complaint;
  const fresh = startDeadline(dk, env.now, addDuration(env.now, env.policy.approval, env.calendar), env, c);
  d.deadlines = withRound(d.deadlines, fresh, env.now);
}

export type StepOutcome = 'approved' | 'declined' | 'next_step';

/**
 * Decide the current step of a pending approval. Approving a step that is not the last hands it to the
 * next role (its deadline restarts); the last step, or any decline, decides the approval.
 */
export function decideStep(d: Decision, env: LifecycleEnv, approvalId: string, actor: Pick<Actor, 'id'>, approve: boolean, note?: string): { outcome: StepOutcome; approval: Approval } {
  const current = d.approvals.find((a) => a.id === approvalId)!;
  const chain = chainOf(current);
  const step = stepOf(current);
  const signoff: Signoff = { role: current.requiredRole, as: chain[step]?.as ?? 'approve', by: actor.id, at: env.now.toISOString(), ...(note ? { note } : {}) };
  const signoffs = [...signoffsOf(current), signoff];
  const last = step >= chain.length - 1;
  let next: Approval;
  let outcome: StepOutcome;
  if (approve && !last) {
    next = { ...current, requiredRole: chain[step + 1]!.role, payload: { ...current.payload, step: step + 1, signoffs } };
    outcome = 'next_step';
  } else {
    next = { ...current, status: approve ? 'approved' : 'declined', decidedBy: actor.id, decidedAt: env.now, note, payload: { ...current.payload, signoffs } };
    outcome = approve ? 'approved' : 'declined';
  }
  d.approvals = d.approvals.map((a) => (a.id === approvalId ? next : a));
  const dk = approvalDeadline(current.kind);
  if (outcome === 'next_step') restartApprovalDeadline(d, env, current.kind);
  else d.deadlines = d.deadlines.map((x) => (x.kind === dk ? meetDeadline(x, env.now) : x));
  return { outcome, approval: next };
}
