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
  | 'grader'
  | 'claimant'
  | 'replier'
  | 'involved'
  | 'repeat_judge'
  | 'recall_reporter'
  | 'contact'
  | 'escalator';

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
  regrade: 'grader',
  claim: 'claimant',
  contain: 'handler_or_head',
  send_8d: 'replier',
  comment: 'involved',
  link_repeat: 'repeat_judge',
  recall: 'recall_reporter',
  recall_decide: 'gm',
  contact: 'contact',
  customer_unreachable: 'department_member',
  escalate: 'escalator',
};

/** The liaison who tells the customer of a delay (config `customerContact.liaison`; seed 001 §5.3: Sales). Absent: the responsible department. */
export function isLiaison(actorId: string, c: Pick<Complaint, 'department'>, dir: Directory): boolean {
  const liaison = dir.liaison();
  if (!liaison.department && !liaison.role) return dir.isMemberOf(actorId, c.department);
  return (!!liaison.department && dir.isMemberOf(actorId, liaison.department)) || (!!liaison.role && dir.hasRole(actorId, liaison.role));
}

type Who = Pick<Complaint, 'department' | 'handlerId' | 'filerId'> & Partial<Pick<Complaint, 'recall'>>;

/** Anyone with a stake: the filer, customer service, the GM, the responsible department, the handler; with a recall report, the recall departments' heads (told of it). */
export function canView(actorId: string, c: Who, dir: Directory, approvals: readonly Approval[] = []): boolean {
  return (
    (c.recall !== undefined && dir.recallDepartments().some((k) => dir.isHeadOf(actorId, k))) ||
    c.filerId === actorId ||
    c.handlerId === actorId ||
    dir.isCustomerService(actorId) ||
    dir.isGm(actorId) ||
    dir.isMemberOf(actorId, c.department) ||
    isLiaison(actorId, c, dir) ||
    approvals.some((a) => a.status === 'pending' && mayDecide(actorId, a, dir))
  );
}

/** Customer contact data is shown only to customer service, the responsible department, the liaison and the GM (§8). */
export function canSeeContact(actorId: string, c: Who, dir: Directory): boolean {
  // The liaison (Sales) talks to the customer about delays (seed 001 §5.3, §7.1.4).
  return dir.isCustomerService(actorId) || dir.isGm(actorId) || dir.isMemberOf(actorId, c.department) || c.handlerId === actorId || isLiaison(actorId, c, dir);
}

/** An approval is decided by a holder of its role; the GM may decide any. */
export function mayDecide(actorId: string, a: Pick<Approval, 'requiredRole'>, dir: Directory): boolean {
  return dir.isGm(actorId) || dir.hasRole(actorId, a.requiredRole);
}

/**
 * Separation of duties (config `controls.separationOfDuties`, on by default): nobody decides an approval
 * they requested, or one on a complaint they handle or handled before. The one exception is a GM decision when the
 * organisation has a single GM: nobody else could take it (the event records it).
 */
export function conflicted(actorId: string, a: Pick<Approval, 'requestedBy' | 'requiredRole'> & Partial<Pick<Approval, 'kind' | 'payload'>>, c: Pick<Complaint, 'handlerId' | 'formerHandlers'>, dir: Directory): boolean {
  // Both co-owners sign a grade C resolution: one person never signs it twice (seed 002 §3).
  if (signedBefore(actorId, a)) return true;
  if (!dir.separationOfDuties()) return false;
  if (a.requestedBy !== actorId && c.handlerId !== actorId && !c.formerHandlers?.includes(actorId)) return false;
  return !(a.requiredRole === 'gm' && dir.isGm(actorId) && dir.gms().length === 1);
}

/** A sign-off already given by this person on this approval. */
export function signedBefore(actorId: string, a: Partial<Pick<Approval, 'kind' | 'payload'>>): boolean {
  const signoffs = a.kind === 'signoff' ? (a.payload?.signoffs as { by: string }[] | undefined) : undefined;
  return !!signoffs?.some((s) => s.by === actorId);
}

/** Who is asked to decide a pending approval: the holders of its role without a conflict, else the GMs. */
export function decidersOf(a: Approval, c: Pick<Complaint, 'handlerId' | 'formerHandlers'>, dir: Directory): string[] {
  const free = (ids: string[]) => ids.filter((id) => mayDecideHere(id, a, c, dir));
  const holders = free(dir.holdersOf(a.requiredRole));
  return holders.length ? holders : free(dir.gms());
}

/** May decide this pending approval now: holds the role and has no conflict of interest. */
export function mayDecideHere(actorId: string, a: Approval, c: Pick<Complaint, 'handlerId' | 'formerHandlers'>, dir: Directory): boolean {
  if (a.status !== 'pending' || !mayDecide(actorId, a, dir) || conflicted(actorId, a, c, dir)) return false;
  // In a chain every step is its own role's (four eyes): the GM stands in only when no holder of it is free.
  const chain = a.payload.chain;
  if (Array.isArray(chain) && chain.length > 1 && !dir.hasRole(actorId, a.requiredRole)) {
    return !dir.holdersOf(a.requiredRole).some((id) => !conflicted(id, a, c, dir));
  }
  return true;
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
      return approvals.some((a) => (!approvalKind || a.kind === approvalKind) && mayDecideHere(actorId, a, c, dir));
    case 'grader':
      // Customer service and the head grade; the GM decides downgrades and may re-grade directly (seed 002).
      return head || dir.isCustomerService(actorId) || dir.isGm(actorId);
    case 'claimant':
      // Customer service, the department, and the holders of approval roles (the sales manager computes claims, §6.6.5).
      return head || dir.isCustomerService(actorId) || (c.handlerId === actorId && dir.isMemberOf(actorId, c.department)) || dir.rolesOf(actorId).some((r) => r !== 'gm');
    case 'replier':
      return head || dir.isCustomerService(actorId) || (c.handlerId === actorId && dir.isMemberOf(actorId, c.department));
    case 'involved':
      return canView(actorId, c, dir, approvals);
    case 'repeat_judge':
      // Whether two complaints are the same problem: the handler, the head, customer service (issue 15 item 8).
      return head || dir.isCustomerService(actorId) || (c.handlerId === actorId && dir.isMemberOf(actorId, c.department));
    case 'recall_reporter':
      // Whoever finds other affected batches while analysing the case (its department), customer service,
      // and the heads of Sales and Quality, who report recalls to the GM (seed 001 §6.9).
      return dir.isMemberOf(actorId, c.department) || dir.isCustomerService(actorId) || dir.recallDepartments().some((k) => dir.isHeadOf(actorId, k));
    case 'contact':
      // Whoever talks to the customer: the department, customer service, and the liaison (Sales, §5.3, §7.1.4).
      return satisfies('replier', actorId, c, dir) || dir.isMemberOf(actorId, c.department) || isLiaison(actorId, c, dir) || dir.isGm(actorId);
    case 'escalator':
      // Anyone on the case but the GM, to whom it goes.
      return !dir.isGm(actorId) && canView(actorId, c, dir, approvals);
  }
}
