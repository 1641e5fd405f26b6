/**
 * Accountability (seed 002 §4–5): what each person who fell short on a complaint of a grade owes, by
 * role — fixed amounts, commissions cancelled, a share of the refund — compiled monthly, signed by the
 * GM and passed to finance. No rules: the feature is off.
 */
import { z } from 'zod';
import { key } from './schema-primitives.ts';

const name = z.object({ zh: z.string().min(1).max(80), en: z.string().min(1).max(80) }).strict();

/** A position whose holders can fall short (sales representative, brand trainer, dispatcher, …). */
export const AccountabilityRole = z.object({ key, name }).strict();
export type AccountabilityRole = z.infer<typeof AccountabilityRole>;

/** What one role owes under a rule: any of a fixed amount, a share of the refund, a share of the period's service amount, the commission. */
export const Liability = z
  .object({
    role: key,
    /** A fixed deduction per shortfall, in `currency`, major units (yuan). */
    amount: z.number().nonnegative().max(1_000_000).optional(),
    /** Percent of the money paid to the customer on this resolution (the refund), split by the factor's weight. */
    refundPct: z.number().min(0).max(100).optional(),
    /** Percent of the person's service amount for the period: Kesu does not know it; finance computes it. */
    servicePct: z.number().min(0).max(100).optional(),
    /** The service-satisfaction commission for the period is cancelled. */
    cancelCommission: z.boolean().default(false),
  })
  .strict()
  .refine((l) => l.amount !== undefined || l.refundPct !== undefined || l.servicePct !== undefined || l.cancelCommission, 'needs at least one of amount, refundPct, servicePct, cancelCommission');
export type Liability = z.infer<typeof Liability>;

/**
 * When a person in role `fellShort` fell short on a complaint of `grade`, each role of `liable` owes
 * its part: the one who fell short, and the people the resolution names beside them in the other roles
 * (joint liability, 连座制).
 */
export const AccountabilityRule = z
  .object({ grade: z.enum(['A', 'B', 'C']), fellShort: key, liable: z.array(Liability).min(1).max(20) })
  .strict();
export type AccountabilityRule = z.infer<typeof AccountabilityRule>;

export const Accountability = z
  .object({
    roles: z.array(AccountabilityRole).default([]),
    rules: z.array(AccountabilityRule).default([]),
    /** A key of `roles` (the approver roles with people): who receives the statement the GM signed. */
    financeRole: key.optional(),
  })
  .strict()
  .default({ roles: [], rules: [] });
export type Accountability = z.infer<typeof Accountability>;

/** Problems only the whole config shows: unknown role keys, a rule given twice, an unknown finance role. */
export function accountabilityProblems(a: Accountability, configRoles: ReadonlySet<string>): Array<{ path: (string | number)[]; what: string }> {
  const out: Array<{ path: (string | number)[]; what: string }> = [];
  const keys = new Set<string>();
  a.roles.forEach((r, i) => {
    if (keys.has(r.key)) out.push({ path: ['accountability', 'roles', i, 'key'], what: `duplicate key "${r.key}"` });
    keys.add(r.key);
  });
  const seen = new Set<string>();
  a.rules.forEach((rule, i) => {
    if (!keys.has(rule.fellShort)) out.push({ path: ['accountability', 'rules', i, 'fellShort'], what: `unknown role "${rule.fellShort}" (not in accountability.roles)` });
    const id = `${rule.grade}:${rule.fellShort}`;
    if (seen.has(id)) out.push({ path: ['accountability', 'rules', i], what: `a second rule for grade ${rule.grade} and role "${rule.fellShort}"` });
    seen.add(id);
    rule.liable.forEach((l, j) => {
      if (!keys.has(l.role)) out.push({ path: ['accountability', 'rules', i, 'liable', j, 'role'], what: `unknown role "${l.role}" (not in accountability.roles)` });
    });
  });
  if (a.financeRole !== undefined && !configRoles.has(a.financeRole)) out.push({ path: ['accountability', 'financeRole'], what: `unknown role "${a.financeRole}" (not a key in roles)` });
  if (a.rules.length && a.financeRole === undefined) out.push({ path: ['accountability', 'financeRole'], what: 'needed when rules are set: who receives the signed statement' });
  return out;
}
