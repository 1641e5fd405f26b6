/**
 * Accountability (seed 002 §4): the charges a resolution's named people owe, computed from the config's
 * rules, the complaint's grade and the money paid to the customer. Pure; refusals are coded.
 */
import type { Accountability, Liability } from '../config/schema.ts';
import { KesuError } from '../errors.ts';
import type { Grade } from './model.ts';

/** One person the resolution names: who fell short in which role, or who answers with them (joint liability). */
export interface Accountable {
  person: string;
  role: string;
  fellShort: boolean;
  /** Percent of the responsibility the customer gave this factor (seed 002 §4 (三)(4)); only for who fell short. */
  weight?: number;
}

/** What one person owes for one complaint, under the rule of the person who fell short. */
export interface Charge {
  person: string;
  role: string;
  /** The shortfall it follows from: who fell short, in which role. */
  cause: { person: string; role: string };
  /** Fixed deduction, minor units of the claims currency. */
  fixedMinor: number;
  /** Percent of the refund owed (weight applied), and what it comes to in minor units. */
  refundPct: number;
  refundMinor: number;
  /** Percent of the period's service amount, computed by finance (Kesu does not know the amount). */
  servicePct: number;
  cancelCommission: boolean;
}

/** Whether the organisation has accountability rules at all. */
export const accountabilityOn = (a: Accountability) => a.rules.length > 0;

const percentOf = (minor: number, pct: number) => Math.round((minor * pct) / 100);

/**
 * The charges of one resolution. `refundMinor`: the money paid to the customer with it, in the claims
 * currency's minor units. Every person who fell short needs a rule for the grade and their role; every
 * other role the rule makes liable needs a person named in it; nobody is named for nothing.
 */
export function chargesFor(
  rules: Accountability,
  grade: Grade,
  named: readonly Accountable[],
  refundMinor: number,
  people: ReadonlySet<string>,
  /** A role's name for the refusal's text (the key by default). */
  roleName: (key: string) => string = (k) => k,
): Charge[] {
  const roleKeys = new Set(rules.roles.map((r) => r.key));
  for (const a of named) {
    if (!people.has(a.person)) throw new KesuError('unknown_person', { id: a.person });
    if (!roleKeys.has(a.role)) throw new KesuError('accountable_unknown_role', { role: a.role });
  }
  const short = named.filter((a) => a.fellShort);
  const weighted = short.filter((a) => a.weight !== undefined);
  if (weighted.length && (weighted.length !== short.length || Math.round(short.reduce((s, a) => s + (a.weight ?? 0), 0)) !== 100)) {
    throw new KesuError('accountable_weights', {});
  }
  const used = new Set<Accountable>();
  const charges: Charge[] = [];
  for (const cause of short) {
    const rule = rules.rules.find((r) => r.grade === grade && r.fellShort === cause.role);
    if (!rule) throw new KesuError('accountable_no_rule', { grade, role: roleName(cause.role) });
    used.add(cause);
    const weight = cause.weight ?? 100;
    for (const l of rule.liable) {
      const who = l.role === cause.role ? [cause] : named.filter((a) => !a.fellShort && a.role === l.role);
      if (!who.length) throw new KesuError('accountable_missing', { role: roleName(l.role), cause: roleName(cause.role) });
      for (const a of who) {
        used.add(a);
        charges.push(charge(a, cause, l, weight, refundMinor));
      }
    }
  }
  const idle = named.find((a) => !used.has(a));
  if (idle) throw new KesuError('accountable_not_liable', { person: idle.person, role: roleName(idle.role) });
  return charges;
}

function charge(a: Accountable, cause: Accountable, l: Liability, weight: number, refundMinor: number): Charge {
  const refundPct = ((l.refundPct ?? 0) * weight) / 100;
  return {
    person: a.person,
    role: l.role,
    cause: { person: cause.person, role: cause.role },
    fixedMinor: Math.round((l.amount ?? 0) * 100),
    refundPct,
    refundMinor: percentOf(refundMinor, refundPct),
    servicePct: l.servicePct ?? 0,
    cancelCommission: l.cancelCommission,
  };
}

/** `person:role[:weight]` entries, separated by commas, semicolons or new lines (a form's text field). */
export function parseAccountable(text: string, fellShort: boolean): Accountable[] | undefined {
  const out: Accountable[] = [];
  for (const raw of text.split(/[,;，；\n]+/)) {
    const entry = raw.trim();
    if (!entry) continue;
    const m = /^([a-z][a-z0-9_.-]{0,63})\s*[:：]\s*([a-z][a-z0-9_.-]{0,63})(?:\s*[:：]\s*(\d{1,3}(?:\.\d+)?))?$/.exec(entry);
    if (!m || (m[3] !== undefined && (!fellShort || Number(m[3]) > 100))) return undefined;
    out.push({ person: m[1]!, role: m[2]!, fellShort, ...(m[3] !== undefined ? { weight: Number(m[3]) } : {}) });
  }
  return out;
}

/** A person's total of fixed and refund deductions, minor units. */
export const chargeTotal = (c: Pick<Charge, 'fixedMinor' | 'refundMinor'>) => c.fixedMinor + c.refundMinor;

/** What a reader needs of the directory to decide who sees a statement. */
export interface StatementReaders {
  isGm(id: string): boolean;
  hasRole(id: string, role: string): boolean;
  departmentsOf(id: string): string[];
  isHeadOf(id: string, department: string): boolean;
}

/**
 * The part of a statement a person may see (seed 002 §5; issue 15): the GM and finance all of it, a
 * department head the people of their departments; anyone else nothing (undefined: refused).
 */
export function visibleLines<L extends { person: string }>(reader: string, lines: readonly L[], dir: StatementReaders, financeRole: string | undefined): L[] | undefined {
  if (dir.isGm(reader) || (financeRole !== undefined && dir.hasRole(reader, financeRole))) return [...lines];
  const own = lines.filter((l) => dir.departmentsOf(l.person).some((d) => dir.isHeadOf(reader, d)));
  return own.length ? own : undefined;
}

/** One person's month: the totals of their charges. */
export interface PersonTotal {
  person: string;
  roles: string[];
  fixedMinor: number;
  refundMinor: number;
  totalMinor: number;
  /** The service-amount percentages owed (each to be computed by finance). */
  servicePcts: number[];
  commissionsCancelled: number;
  complaints: string[];
}

export function totalsByPerson(lines: ReadonlyArray<Charge & { number: string }>): PersonTotal[] {
  const by = new Map<string, PersonTotal>();
  for (const l of lines) {
    const t = by.get(l.person) ?? { person: l.person, roles: [], fixedMinor: 0, refundMinor: 0, totalMinor: 0, servicePcts: [], commissionsCancelled: 0, complaints: [] };
    if (!t.roles.includes(l.role)) t.roles.push(l.role);
    if (!t.complaints.includes(l.number)) t.complaints.push(l.number);
    t.fixedMinor += l.fixedMinor;
    t.refundMinor += l.refundMinor;
    t.totalMinor += chargeTotal(l);
    if (l.servicePct) t.servicePcts.push(l.servicePct);
    if (l.cancelCommission) t.commissionsCancelled++;
    by.set(l.person, t);
  }
  return [...by.values()];
}

/** One charge with the complaint it comes from. */
export interface StatementLine extends Charge {
  complaintId: string;
  number: string;
  grade: Grade;
  department: string;
  /** When the complaint was resolved, ISO. */
  resolvedAt: string;
}

export interface Statement {
  period: string;
  status: 'pending' | 'signed';
  currency: string;
  lines: StatementLine[];
  createdAt: Date;
  signedBy?: string;
  signedAt?: Date;
}

