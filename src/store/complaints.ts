/**
 * The complaint repository: load a complaint with its deadlines and approvals, insert a filing,
 * and apply a decision atomically behind an optimistic version check.
 */
import type { Prisma } from './generated/sqlite/client.ts';
import { KesuError } from '../errors.ts';
import type { Decision } from '../workflows/lifecycle.ts';
import type { ComplaintState, Deadline, Status, TimelineEvent } from '../workflows/model.ts';
import {
  approvalFromRow,
  approvalToRow,
  complaintFromRow,
  complaintToRow,
  deadlineFromRow,
  deadlineToRow,
  eventFromRow,
} from './mappers.ts';

export type Tx = Prisma.TransactionClient;

const NUMBER_RE = /^[A-Z][A-Z0-9]{0,9}-\d{4}-\d{4,}$/;

/** By id or by number (`KS-2026-0001`, case-insensitive). */
export async function loadState(tx: Tx, ref: string): Promise<ComplaintState | null> {
  const where = NUMBER_RE.test(ref.toUpperCase()) ? { number: ref.toUpperCase() } : { id: ref };
  const row = await tx.complaint.findUnique({
    where,
    include: { deadlines: true, approvals: { orderBy: { requestedAt: 'asc' } } },
  });
  if (!row) return null;
  return {
    complaint: complaintFromRow(row),
    deadlines: row.deadlines.map(deadlineFromRow),
    approvals: row.approvals.map(approvalFromRow),
  };
}

export async function findBySourceKey(tx: Tx, sourceKey: string): Promise<ComplaintState | null> {
  const row = await tx.complaint.findUnique({ where: { sourceKey }, select: { id: true } });
  return row ? loadState(tx, row.id) : null;
}

/**
 * Next number in a yearly sequence; inside the filing transaction, so a rolled-back filing leaves no gap.
 * The row is bumped first (on PostgreSQL that locks it, so concurrent filings of the scope queue here),
 * then checked against the highest number stored: a sequence row that lags behind the complaints (a
 * restored or edited table) moves past them instead of handing out a number that exists.
 */
export async function nextSequence(tx: Tx, scope: string): Promise<number> {
  const row = await tx.sequence.upsert({
    where: { scope },
    create: { scope, value: 1 },
    update: { value: { increment: 1 } },
  });
  const highest = await highestStoredSeq(tx, scope);
  if (row.value > highest) return row.value;
  const value = highest + 1;
  await tx.sequence.update({ where: { scope }, data: { value } });
  return value;
}

/** The highest `seq` of the complaints numbered in a scope (`KS-2026` → `KS-2026-0001`, …); 0 when none. */
async function highestStoredSeq(tx: Tx, scope: string): Promise<number> {
  const year = /-(\d{4})$/.exec(scope)?.[1];
  if (!year) return 0;
  const { _max } = await tx.complaint.aggregate({ where: { year: Number(year), number: { startsWith: `${scope}-` } }, _max: { seq: true } });
  return _max.seq ?? 0;
}

export async function insertFiling(tx: Tx, d: Decision, actorId: string, sourceKey?: string): Promise<void> {
  const c = d.complaint;
  await tx.complaint.create({
    data: { id: c.id, number: c.number, year: c.year, seq: c.seq, sourceKey: sourceKey ?? null, version: 0, ...complaintToRow(c) },
  });
  await writeChildren(tx, d, [], actorId, 0);
}

/** Write a decision taken on `before`. Throws `concurrent_update` when someone else changed the complaint meanwhile. */
export async function applyDecision(tx: Tx, before: ComplaintState, d: Decision, actorId: string): Promise<void> {
  const { id, version } = before.complaint;
  const { count } = await tx.complaint.updateMany({
    where: { id, version },
    data: { ...complaintToRow(d.complaint), version: version + 1 },
  });
  if (count === 0) throw new KesuError('concurrent_update', { number: before.complaint.number });
  const lastSeq = await tx.complaintEvent.count({ where: { complaintId: id } });
  await writeChildren(tx, d, before.deadlines, actorId, lastSeq, before);
}

async function writeChildren(tx: Tx, d: Decision, prior: Deadline[], actorId: string, lastSeq: number, before?: ComplaintState) {
  const complaintId = d.complaint.id;
  const now = d.complaint.updatedAt;
  for (const dl of d.deadlines) {
    const old = prior.find((p) => p.kind === dl.kind);
    if (old && JSON.stringify(old) === JSON.stringify(dl)) continue;
    const data = deadlineToRow(dl, now);
    await tx.deadline.upsert({
      where: { complaintId_kind: { complaintId, kind: dl.kind } },
      create: { id: `${complaintId}:${dl.kind}`, complaintId, kind: dl.kind, ...data },
      update: data,
    });
  }
  for (const a of d.approvals) {
    const old = before?.approvals.find((p) => p.id === a.id);
    if (old && JSON.stringify(old) === JSON.stringify(a)) continue;
    await tx.approval.upsert({ where: { id: a.id }, create: { id: a.id, complaintId, ...approvalToRow(a) }, update: approvalToRow(a) });
  }
  // One accepted action, one timeline entry: its own event, its effects, and the request that caused it.
  const [main, ...effects] = d.events;
  if (!main) return;
  const seq = lastSeq + 1;
  const data = { ...main.data, ...(effects.length ? { effects } : {}), ...(d.record ? { action: d.record.action, input: d.record.input } : {}) };
  await tx.complaintEvent.create({
    data: { id: `${complaintId}:${seq}`, complaintId, seq, type: main.type, actorId, at: now, data: JSON.stringify(data) },
  });
}

/** The stored entries, one per accepted action (see `expandEntries` for the events they hold). */
export async function timelineEntries(tx: Tx, complaintId: string): Promise<TimelineEvent[]> {
  const rows = await tx.complaintEvent.findMany({ where: { complaintId }, orderBy: { seq: 'asc' } });
  return rows.map(eventFromRow);
}

/** Every event, effects included, in order: what the timeline view, statistics and exports read. */
export async function timeline(tx: Tx, complaintId: string): Promise<TimelineEvent[]> {
  return expandEntries(await timelineEntries(tx, complaintId));
}

/** An entry's own event followed by its effects (same seq, actor and time). */
export function expandEntries(entries: readonly TimelineEvent[]): TimelineEvent[] {
  return entries.flatMap((e) => {
    const { effects, ...data } = e.data as { effects?: { type: string; data: Record<string, unknown> }[] };
    return [{ ...e, data }, ...(effects ?? []).map((x) => ({ seq: e.seq, type: x.type, actorId: e.actorId, at: e.at, data: x.data }))];
  });
}

export interface ListFilter {
  status?: Status[];
  department?: string;
  /** Only complaints with an active deadline past due at `overdueAt`. */
  overdueAt?: Date;
  involving?: string;
  /** Received in [receivedFrom, receivedBefore). */
  receivedFrom?: Date;
  receivedBefore?: Date;
  take?: number;
}

export async function listStates(tx: Tx, f: ListFilter = {}): Promise<ComplaintState[]> {
  const where: Prisma.ComplaintWhereInput = {};
  if (f.status?.length) where.status = { in: f.status };
  if (f.department) where.department = f.department;
  if (f.involving) where.OR = [{ filerId: f.involving }, { handlerId: f.involving }];
  if (f.overdueAt) where.deadlines = { some: { metAt: null, cancelledAt: null, dueAt: { lt: f.overdueAt } } };
  if (f.receivedFrom || f.receivedBefore) where.receivedAt = { ...(f.receivedFrom ? { gte: f.receivedFrom } : {}), ...(f.receivedBefore ? { lt: f.receivedBefore } : {}) };
  const rows = await tx.complaint.findMany({
    where,
    include: { deadlines: true, approvals: true },
    orderBy: { receivedAt: 'desc' },
    take: f.take ?? 200,
  });
  return rows.map((row) => ({
    complaint: complaintFromRow(row),
    deadlines: row.deadlines.map(deadlineFromRow),
    approvals: row.approvals.map(approvalFromRow),
  }));
}

export interface DueStep {
  complaintId: string;
  number: string;
  kind: Deadline['kind'];
  dueAt: Date;
  nextStepAt: Date;
  ladderStep: number;
}

/** Ladder steps due at `at`: active deadlines whose next step time has come. Uses the `nextStepAt` index only. */
export async function dueSteps(tx: Tx, at: Date, take = 500): Promise<DueStep[]> {
  const rows = await tx.deadline.findMany({
    where: { nextStepAt: { lte: at } },
    orderBy: { nextStepAt: 'asc' },
    take,
    include: { complaint: { select: { number: true } } },
  });
  return rows.map((r) => ({
    complaintId: r.complaintId,
    number: r.complaint.number,
    kind: r.kind as Deadline['kind'],
    dueAt: new Date(r.dueAt),
    nextStepAt: new Date(r.nextStepAt!),
    ladderStep: r.ladderStep,
  }));
}

/** Ids per `IN (…)` query: SQLite and PostgreSQL limit the parameters of one statement. */
const IN_CHUNK = 500;

/** The events of the given types for these complaints, by complaint id, oldest first (statistics, exports). */
export async function eventsOf(tx: Tx, complaintIds: readonly string[], types: readonly string[]): Promise<Map<string, TimelineEvent[]>> {
  const out = new Map<string, TimelineEvent[]>();
  const unique = [...new Set(complaintIds)];
  for (let i = 0; i < unique.length; i += IN_CHUNK) {
    const ids = unique.slice(i, i + IN_CHUNK);
    // Matched on the entries' own types (effects ride along and are filtered after expanding).
    const rows = await tx.complaintEvent.findMany({ where: { complaintId: { in: ids }, type: { in: [...types] } }, orderBy: { seq: 'asc' } });
    for (const row of rows) {
      const events = expandEntries([eventFromRow(row)]).filter((e) => types.includes(e.type));
      const list = out.get(row.complaintId);
      if (list) list.push(...events);
      else out.set(row.complaintId, events);
    }
  }
  return out;
}
