/**
 * Money under control (seed 001 §5.7): which approval chain a return or claim needs, by region, amount
 * and quantity, and whether a payout is covered by what has been approved. Pure.
 */
import type { ChainStep, Claims } from '../config/schema.ts';
import type { Approval, Claim, Region } from './model.ts';

/** A claim amount converted to the thresholds' currency, in minor units (integer arithmetic on minor units). */
export function amountInBaseMinor(claim: Pick<Claim, 'amountMinor' | 'currency'>, claims: Claims): number {
  if (claim.currency === claims.currency) return claim.amountMinor;
  const rate = claims.exchangeRates[claim.currency];
  if (rate === undefined) throw new Error(`no exchange rate for ${claim.currency}`);
  return Math.round(claim.amountMinor * rate);
}

/** Money (base currency, minor units) and pieces: what a claim asks or a payout commits. */
export interface Exposure {
  amountBaseMinor: number;
  quantity: number;
}

export function exposureOf(amount: Pick<Claim, 'amountMinor' | 'currency'> | undefined, quantity: number | undefined, claims: Claims): Exposure {
  return { amountBaseMinor: amount ? amountInBaseMinor(amount, claims) : 0, quantity: quantity ?? 0 };
}

/** The approval chain an exposure needs: the last matching tier's, or none (empty) when no tier applies. */
export function claimChain(x: Exposure, region: Region, claims: Claims): ChainStep[] {
  if (x.amountBaseMinor <= 0 && x.quantity <= 0) return [];
  let chain: ChainStep[] = [];
  for (const tier of claims.approval[region]) {
    const w = tier.when;
    const hasAmount = x.amountBaseMinor > 0;
    const hit =
      (w.amountOver !== undefined && hasAmount && x.amountBaseMinor > Math.round(w.amountOver * 100)) ||
      (w.amountAtLeast !== undefined && hasAmount && x.amountBaseMinor >= Math.round(w.amountAtLeast * 100)) ||
      (w.quantityOver !== undefined && x.quantity > w.quantityOver);
    if (hit) chain = tier.chain ?? [{ role: tier.approver!, as: 'approve' }];
  }
  return chain;
}

/** The claims currencies a form may use: the base currency and every currency with a rate. */
export function claimCurrencies(claims: Claims): string[] {
  return [claims.currency, ...Object.keys(claims.exchangeRates).filter((c) => c !== claims.currency)];
}

/** The exposure a claim approval was asked for (kept in its payload). */
export function approvalExposure(a: Approval): Exposure {
  return { amountBaseMinor: Number(a.payload.amountBaseMinor ?? 0), quantity: Number(a.payload.quantity ?? 0) };
}

export type PayoutCheck =
  | { ok: true }
  /** A declined claim asked for no more than this payout: the payout stays blocked (seed 001 §5.7). */
  | { ok: false; reason: 'declined' }
  /** Not covered: a claim approval of this chain must be granted first. */
  | { ok: false; reason: 'needs_approval'; chain: ChainStep[] };

/**
 * Whether committing `payout` is covered. An approved claim covers each dimension (money, pieces) up to
 * what it was approved for; whatever goes beyond must, on its own, need no approval.
 */
export function checkPayout(payout: Exposure, region: Region, approvals: readonly Approval[], claims: Claims): PayoutCheck {
  const chain = claimChain(payout, region, claims);
  if (chain.length === 0) return { ok: true };
  const claimsOf = (status: Approval['status']) => approvals.filter((a) => a.kind === 'claim' && a.status === status).map(approvalExposure);
  const covered = claimsOf('approved').some((x) => {
    const beyond = {
      amountBaseMinor: payout.amountBaseMinor > x.amountBaseMinor ? payout.amountBaseMinor : 0,
      quantity: payout.quantity > x.quantity ? payout.quantity : 0,
    };
    return claimChain(beyond, region, claims).length === 0;
  });
  if (covered) return { ok: true };
  const blocked = claimsOf('declined').some((x) => payout.amountBaseMinor >= x.amountBaseMinor && payout.quantity >= x.quantity);
  return blocked ? { ok: false, reason: 'declined' } : { ok: false, reason: 'needs_approval', chain };
}
