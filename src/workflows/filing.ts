/** Filing a complaint: the new record, its first deadlines, a claim approval when thresholds say so. */
import type { Actor, Complaint, ComplaintState } from './model.ts';
import { requestApproval } from './approvals.ts';
import { claimChain, exposureOf } from './claims.ts';
import { initialDeadlines } from './deadlines.ts';
import { gradeBelow, gradeForDemand } from './grades.ts';
import type { FilingInput } from './inputs.ts';
import type { Decision, LifecycleEnv } from './lifecycle.ts';
import { flagMajor } from './transitions/escalate.ts';
import { fieldError } from './validation.ts';

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
  // The grade follows the demand (seed 002); a lower one must say why.
  const byDemand = gradeForDemand(input.demand);
  const grade = input.grade ?? byDemand;
  if (gradeBelow(grade, byDemand) && !input.gradeReason) throw fieldError('gradeReason', 'reason_required');
  // A return counts by its pieces as well as by its money (seed 001 §5.7).
  const quantity = RETURN_DEMANDS.has(input.demand) ? input.qtyAffected : undefined;
  const claim =
    input.claimAmount !== undefined || quantity !== undefined
      ? { amountMinor: input.claimAmount ?? 0, currency: input.claimCurrency ?? env.config.claims.currency, ...(quantity !== undefined ? { quantity } : {}) }
      : undefined;
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
    grade,
    urgent: input.urgent,
    safety: input.safety,
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
  const d: Decision = { complaint, deadlines: initialDeadlines(complaint, env), approvals: [], events: [] };
  d.events.push({
    type: 'filed',
    data: {
      department,
      category: input.category,
      grade,
      urgent: input.urgent,
      ...(input.safety ? { safety: true } : {}),
      ...(grade !== byDemand ? { gradeByDemand: byDemand, gradeReason: input.gradeReason } : {}),
    },
  });
  flagMajor(d, env);
  const exposure = exposureOf(input.claimAmount !== undefined ? claim : undefined, quantity, env.config.claims);
  const chain = claimChain(exposure, input.customerRegion, env.config.claims);
  if (chain.length > 0) {
    const payload = { amountMinor: input.claimAmount, currency: claim?.currency, amountBaseMinor: exposure.amountBaseMinor, quantity: exposure.quantity, source: 'filing' };
    requestApproval(d, env, 'claim', chain, payload, actor);
  }
  return d;
}

/** A state as if just loaded: what the store returns after filing. */
export function asState(d: Decision): ComplaintState {
  return { complaint: d.complaint, deadlines: d.deadlines, approvals: d.approvals };
}
