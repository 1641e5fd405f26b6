/** The accountability statements (seed 002 §5): the month's charges read from the resolutions, and the statement rows. */
import type { Charge, Statement, StatementLine } from '../workflows/accountability.ts';
import type { Grade } from '../workflows/model.ts';
import type { Tx } from './complaints.ts';
import { expandEntries } from './complaints.ts';
import { eventFromRow } from './mappers.ts';

export type { Statement, StatementLine };

/**
 * The charges of the resolutions recorded in [from, before): of a complaint resolved more than once in
 * that time, the last resolution's (a reopened complaint's new resolution replaces the earlier one).
 */
export async function chargesResolvedBetween(tx: Tx, from: Date, before: Date): Promise<StatementLine[]> {
  // A resolution is its own entry, or the effect of the last co-owner's sign-off (grade C, seed 002 §3).
  const rows = await tx.complaintEvent.findMany({
    where: { type: { in: ['resolved', 'approved'] }, at: { gte: from, lt: before } },
    orderBy: [{ at: 'asc' }, { seq: 'asc' }],
    include: { complaint: { select: { number: true, grade: true, department: true } } },
  });
  const last = new Map<string, StatementLine[]>();
  for (const row of rows) {
    const event = expandEntries([eventFromRow(row)]).find((e) => e.type === 'resolved');
    if (!event) continue;
    const charges = (event?.data.charges ?? []) as Charge[];
    const base = { complaintId: row.complaintId, number: row.complaint.number, grade: row.complaint.grade as Grade, department: row.complaint.department, resolvedAt: new Date(row.at).toISOString() };
    last.set(row.complaintId, charges.map((c) => ({ ...c, ...base })));
  }
  return [...last.values()].flat();
}

function fromRow(r: { period: string; status: string; lines: string; createdAt: Date; signedBy: string | null; signedAt: Date | null }): Statement {
  const body = JSON.parse(r.lines) as { currency: string; lines: StatementLine[] };
  return {
    period: r.period,
    status: r.status as Statement['status'],
    currency: body.currency,
    lines: body.lines,
    createdAt: new Date(r.createdAt),
    ...(r.signedBy ? { signedBy: r.signedBy } : {}),
    ...(r.signedAt ? { signedAt: new Date(r.signedAt) } : {}),
  };
}

export async function insertStatement(tx: Tx, s: Pick<Statement, 'period' | 'currency' | 'lines' | 'createdAt'>): Promise<void> {
  await tx.statement.create({ data: { period: s.period, status: 'pending', lines: JSON.stringify({ currency: s.currency, lines: s.lines }), createdAt: s.createdAt } });
}

export async function loadStatement(tx: Tx, period: string): Promise<Statement | undefined> {
  const row = await tx.statement.findUnique({ where: { period } });
  return row ? fromRow(row) : undefined;
}

/** Signs a pending statement; false when it was not pending any more (signed by someone at the same moment). */
export async function signStatement(tx: Tx, period: string, by: string, at: Date): Promise<boolean> {
  const r = await tx.statement.updateMany({ where: { period, status: 'pending' }, data: { status: 'signed', signedBy: by, signedAt: at } });
  return r.count === 1;
}
