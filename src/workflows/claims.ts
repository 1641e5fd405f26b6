/**
 * Claim approval thresholds (seed 001 §5.7): who must approve a return or claim, by region, amount and quantity.
 */
import type { Claims } from '../config/schema.ts';
import type { Claim, Region } from './model.ts';

/** A claim amount converted to the thresholds' currency, in minor units (integer arithmetic on minor units). */
export function amountInBaseMinor(claim: Claim, claims: Claims): number {
  if (claim.currency === claims.currency) return claim.amountMinor;
  const rate = claims.exchangeRates[claim.currency];
  if (rate === undefined) throw new Error(`no exchange rate for ${claim.currency}`);
  return Math.round(claim.amountMinor * rate);
}

/** The approver role for a claim, or undefined when no tier applies (no approval needed). The last matching tier wins. */
export function claimApprover(
  claim: Claim | undefined,
  quantity: number | undefined,
  region: Region,
  claims: Claims,
): string | undefined {
  if (!claim && !quantity) return undefined;
  const amount = claim ? amountInBaseMinor(claim, claims) : 0;
  const qty = quantity ?? 0;
  let approver: string | undefined;
  for (const tier of claims.approval[region]) {
    const w = tier.when;
    const hit =
      (w.amountOver !== undefined && claim !== undefined && amount > Math.round(w.amountOver * 100)) ||
      (w.amountAtLeast !== undefined && claim !== undefined && amount >= Math.round(w.amountAtLeast * 100)) ||
      (w.quantityOver !== undefined && qty > w.quantityOver);
    if (hit) approver = tier.approver;
  }
  return approver;
}

/** The claims currencies a form may use: the base currency and every currency with a rate. */
export function claimCurrencies(claims: Claims): string[] {
  return [claims.currency, ...Object.keys(claims.exchangeRates).filter((c) => c !== claims.currency)];
}
