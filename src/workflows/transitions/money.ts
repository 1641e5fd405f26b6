/** Claims (seed 001 §5.5, §5.7): added or amended at any open stage, and re-tiered each time. */
import { requestApproval, supersede } from '../approvals.ts';
import { claimChain, exposureOf } from '../claims.ts';
import type { ActionInput } from '../inputs.ts';
import { draft, event, type Handler } from './shared.ts';

export const claim: Handler<ActionInput<'claim'>> = (state, actor, input, env) => {
  const c = state.complaint;
  const currency = input.currency ?? env.config.claims.currency;
  const amount = input.amount !== undefined ? { amountMinor: input.amount, currency } : undefined;
  const exposure = exposureOf(amount, input.quantity, env.config.claims);
  const chain = claimChain(exposure, c.customer.region, env.config.claims);
  const d = draft(state, env);
  d.complaint.claim = { amountMinor: input.amount ?? 0, currency, ...(input.quantity !== undefined ? { quantity: input.quantity } : {}) };
  event(d, 'claim_amended', {
    before: c.claim ? { ...c.claim } : null,
    amountMinor: input.amount,
    currency,
    quantity: input.quantity,
    reason: input.reason,
    needs: chain[0]?.role ?? null,
  });
  const payload = { amountMinor: input.amount, currency, amountBaseMinor: exposure.amountBaseMinor, quantity: exposure.quantity, source: 'claim' };
  // Below every tier no approval is needed (and a pending request for an earlier amount is withdrawn).
  if (chain.length === 0) supersede(d, 'claim', env.now);
  else requestApproval(d, env, 'claim', chain, payload, actor);
  return d;
};
