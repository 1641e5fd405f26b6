/** Filing a complaint: the new record, its first deadlines, a claim approval when thresholds say so. */
import type { Actor, Approval, Complaint, ComplaintState } from './model.ts';
import { claimApprover } from './claims.ts';
import { initialDeadlines } from './deadlines.ts';
import type { FilingInput } from './inputs.ts';
import type { Decision, LifecycleEnv } from './lifecycle.ts';

/** Demands that mean goods come back or money goes out, so a return quantity counts toward the thresholds. */
const RETURN_DEMANDS = new Set(['replacement', 'redo', 'refund', 'compensation']);

export interface ComplaintNumber {
  year: number;
  seq: number;
  number: string;
}

export function formatNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(4, '0')}`;
}

export function buildFiling(input: FilingInput, actor: Actor, num: ComplaintNumber, env: LifecycleEnv): Decision {
  const department = input.department ?? env.directory.departmentForCategory(input.category)!;
  const claim =
    input.claimAmount !== undefined ? { amountMinor: input.claimAmount, currency: input.claimCurrency ?? env.config.claims.currency } : undefined;
  const complaint: Complaint = {
    id: env.newId(),
    ...num,
    title: input.title,
    description: input.description,
    demand: input.demand,
    customer: { name: input.customerName, company: input.customerCompany, contact: input.customerContact, region: input.customerRegion },
    intakeChannel: input.intakeChannel,
    receivedAt: input.receivedAt,
    category: input.category,
    grade: input.grade,
    urgent: input.urgent,
    order: {
      orderNo: input.orderNo,
      productNo: input.productNo,
      qtyOrdered: input.qtyOrdered,
      qtyShipped: input.qtyShipped,
      qtyAffected: input.qtyAffected,
      shipDate: input.shipDate,
    },
    claim,
    department,
    filerId: actor.id,
    status: 'open',
    reopenCount: 0,
    revisitAttempts: 0,
    version: 0,
    createdAt: env.now,
    updatedAt: env.now,
  };
  const approvals: Approval[] = [];
  const quantity = RETURN_DEMANDS.has(input.demand) ? input.qtyAffected : undefined;
  const approver = claimApprover(claim, quantity, input.customerRegion, env.config.claims);
  if (approver) {
    approvals.push({
      id: env.newId(),
      kind: 'claim',
      requiredRole: approver,
      status: 'pending',
      payload: { amountMinor: claim?.amountMinor, currency: claim?.currency, quantity },
      requestedBy: actor.id,
      requestedAt: env.now,
    });
  }
  const deadlines = initialDeadlines(complaint, env);
  const events = [
    { type: 'filed', data: { department, category: input.category, grade: input.grade, urgent: input.urgent } },
    ...approvals.map((a) => ({ type: 'approval_requested', data: { kind: a.kind, needs: a.requiredRole } })),
  ];
  return { complaint, deadlines, approvals, events };
}

/** A state as if just loaded: what the store returns after filing. */
export function asState(d: Decision): ComplaintState {
  return { complaint: d.complaint, deadlines: d.deadlines, approvals: d.approvals };
}
