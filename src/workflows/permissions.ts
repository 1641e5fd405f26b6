/**
 * Who may do what (DESIGN.md §1). Checked in the core on every action — hiding a button is never enough.
 */
import type { Directory } from '../config/directory.ts';
import type { Action, Approval, ApprovalKind, Complaint } from './model.ts';

export type PermissionRule =
  | 'department_member'
  | 'handler_or_head'
  | 'customer_service_or_head'
  | 'customer_service'
  | 'customer_service_manager_or_head'
  | 'gm'
  | 'approver'
  | 'involved';

/** The rule each action is checked against. */
export const ACTION_RULES: Record<Action, PermissionRule> = {
  acknowledge: 'department_member',
  reassign: 'customer_service_or_head',
  extend: 'handler_or_head',
  submit_8d: 'handler_or_head',
  approve: 'approver',
  resolve: 'handler_or_head',
  revisit: 'customer_service',
  gm_decide: 'gm',
  reject: 'customer_service_manager_or_head',
  reopen: 'customer_service',
  regrade: 'customer_service_or_head',
  comment: 'involved',
};

type Who = Pick<Complaint, 'department' | 'handlerId' | 'filerId'>;

/** Anyone with a stake: the filer, customer service, the GM, the responsible department, the handler. */
export function canView(actorId: string, c: Who, dir: Directory, approvals: readonly Approval[] = []): boolean {
  return (
    c.filerId === actorId ||
    c.handlerId === actorId ||
    dir.isCustomerService(actorId) ||
    dir.isGm(actorId) ||
    dir.isMemberOf(actorId, c.department) ||
    approvals.some((a) => a.status === 'pending' && mayDecide(actorId, a, dir))
  );
}

/** Customer contact data is shown only to customer service, the responsible department and the GM (§8). */
export function canSeeContact(actorId: string, c: Who, dir: Directory): boolean {
  return dir.isCustomerService(actorId) || dir.isGm(actorId) || dir.isMemberOf(actorId, c.department) || c.handlerId === actorId;
}

/** An approval is decided by a holder of its role; the GM may decide any. */
export function mayDecide(actorId: string, a: Pick<Approval, 'requiredRole'>, dir: Directory): boolean {
  return dir.isGm(actorId) || dir.hasRole(actorId, a.requiredRole);
}

export function satisfies(
  rule: PermissionRule,
  actorId: string,
  c: Who,
  dir: Directory,
  approvals: readonly Approval[] = [],
  approvalKind?: ApprovalKind,
): boolean {
  const head = dir.isHeadOf(actorId, c.department);
  switch (rule) {
    case 'department_member':
      return dir.isMemberOf(actorId, c.department);
    case 'handler_or_head':
      return head || (c.handlerId === actorId && dir.isMemberOf(actorId, c.department));
    case 'customer_service_or_head':
      return head || dir.isCustomerService(actorId);
    case 'customer_service':
      return dir.isCustomerService(actorId);
    case 'customer_service_manager_or_head':
      return head || dir.isCustomerServiceManager(actorId);
    case 'gm':
      return dir.isGm(actorId);
    case 'approver':
      return approvals.some(
        (a) => a.status === 'pending' && (!approvalKind || a.kind === approvalKind) && mayDecide(actorId, a, dir),
      );
    case 'involved':
      return canView(actorId, c, dir, approvals);
  }
}
