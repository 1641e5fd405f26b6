/**
 * The transactional outbox: notifications are written in the same transaction as the change or
 * ladder step that causes them, each under a unique dedupe key, and delivered later by the
 * dispatcher. This file owns the rows' life: claiming with per-row leases, renewing them, the
 * compare-and-set before a send, and the outcome (sent, retried later, dead).
 */
import { randomBytes } from 'node:crypto';
import type { Database } from './client.ts';
import type { Tx } from './complaints.ts';
import type { Prisma } from './generated/sqlite/client.ts';

export type OutboxRow = Prisma.OutboxGetPayload<object>;

/** One row to write: who it is for on which platform, and the rendered view (JSON). */
export interface OutboxItem {
  dedupeKey: string;
  complaintId?: string;
  kind: string;
  platform: string;
  targetType: 'dm' | 'channel';
  /** The person, department key or channel kind the address stands for. */
  targetId: string;
  address: string;
  payload: string;
}

let counter = 0;
/** Ids sort by creation, so rows written in one transaction are delivered in the order written. */
function outboxId(now: Date): string {
  counter = (counter + 1) % 1_000_000;
  return `${now.getTime().toString(36).padStart(9, '0')}-${String(counter).padStart(6, '0')}-${randomBytes(3).toString('hex')}`;
}

/**
 * Writes the items; one already written under the same key (a ladder restarted by a re-grade with the
 * due time unchanged, say) is not written again. Returns how many rows were written.
 */
export async function enqueue(tx: Tx, now: Date, items: readonly OutboxItem[]): Promise<number> {
  let written = 0;
  for (const item of items) {
    // Checked first rather than caught: on PostgreSQL a failed insert would abort the whole transaction.
    if (await tx.outbox.findUnique({ where: { dedupeKey: item.dedupeKey }, select: { id: true } })) continue;
    written++;
    await tx.outbox.create({
      data: { id: outboxId(now), ...item, complaintId: item.complaintId ?? null, status: 'pending', nextAttemptAt: now, createdAt: now },
    });
  }
  return written;
}

/** A row's target: rows to one target are delivered in order, by one process at a time. */
export const targetOf = (row: Pick<OutboxRow, 'platform' | 'address'>) => `${row.platform}:${row.address}`;

export interface ClaimOptions {
  owner: string;
  platforms: readonly string[];
  /** Rows due at or before this time. */
  dueBy: Date;
  /** Lease clock: the lease runs from here. */
  now: Date;
  leaseMs: number;
  take?: number;
}

/**
 * Claims due rows with a lease each, by target: a target whose rows another process holds is left to
 * it (so one process serves a target at a time and keeps its order and pace), and within a target the
 * rows are claimed in order up to the first one that cannot be taken. A row waiting for a retry holds
 * back the later rows to its target.
 */
export async function claimDue(db: Database, o: ClaimOptions): Promise<OutboxRow[]> {
  const { prisma } = db;
  const platform = { in: [...o.platforms] };
  const candidates = await prisma.outbox.findMany({
    where: { status: 'pending', nextAttemptAt: { lte: o.dueBy }, platform, OR: [{ leaseUntil: null }, { leaseUntil: { lt: o.now } }] },
    orderBy: { id: 'asc' },
    take: o.take ?? 200,
  });
  if (candidates.length === 0) return [];
  const addresses = [...new Set(candidates.map((r) => r.address))];
  // Rows that block their target: one waiting for a retry, or one another process holds.
  const blockers = await prisma.outbox.findMany({
    where: {
      status: 'pending',
      platform,
      address: { in: addresses },
      OR: [{ nextAttemptAt: { gt: o.dueBy } }, { leaseUntil: { gte: o.now }, leaseOwner: { not: o.owner } }],
    },
    select: { id: true, platform: true, address: true, leaseOwner: true, leaseUntil: true },
  });
  const heldElsewhere = new Set<string>();
  const firstWaiting = new Map<string, string>();
  for (const b of blockers) {
    const target = targetOf(b);
    if (b.leaseOwner && b.leaseOwner !== o.owner && b.leaseUntil && b.leaseUntil >= o.now) heldElsewhere.add(target);
    else if (!firstWaiting.has(target) || b.id < firstWaiting.get(target)!) firstWaiting.set(target, b.id);
  }
  const eligible = candidates.filter((row) => {
    const target = targetOf(row);
    const waiting = firstWaiting.get(target);
    return !heldElsewhere.has(target) && (waiting === undefined || row.id < waiting);
  });
  if (eligible.length === 0) return [];
  // One compare-and-set for the batch, then read back which rows are ours.
  const until = new Date(o.now.getTime() + o.leaseMs);
  const ids = eligible.map((r) => r.id);
  await prisma.outbox.updateMany({
    where: { id: { in: ids }, status: 'pending', OR: [{ leaseUntil: null }, { leaseUntil: { lt: o.now } }] },
    data: { leaseOwner: o.owner, leaseUntil: until },
  });
  const got = new Set((await prisma.outbox.findMany({ where: { id: { in: ids }, leaseOwner: o.owner, leaseUntil: until }, select: { id: true } })).map((r) => r.id));
  // Within a target, rows after one another process took are not ours to send first: released.
  const mine: OutboxRow[] = [];
  const gap = new Set<string>();
  const release: string[] = [];
  for (const row of eligible) {
    const target = targetOf(row);
    if (!got.has(row.id)) gap.add(target);
    else if (gap.has(target)) release.push(row.id);
    else mine.push({ ...row, leaseOwner: o.owner, leaseUntil: until });
  }
  await releaseLeases(db, release, o.owner);
  return mine;
}

/**
 * Renews this owner's leases on `ids`; returns the ids still held (a lease that ran out and was taken
 * by another process is lost, and its row must not be sent here).
 */
export async function renewLeases(db: Database, ids: readonly string[], owner: string, until: Date): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  await db.prisma.outbox.updateMany({ where: { id: { in: [...ids] }, leaseOwner: owner, status: 'pending' }, data: { leaseUntil: until } });
  const held = await db.prisma.outbox.findMany({ where: { id: { in: [...ids] }, leaseOwner: owner, status: 'pending' }, select: { id: true } });
  return new Set(held.map((r) => r.id));
}

/** The compare-and-set just before a send: true when this owner still holds the row (its lease renewed). */
export async function holdForSend(db: Database, id: string, owner: string, until: Date): Promise<boolean> {
  const { count } = await db.prisma.outbox.updateMany({ where: { id, leaseOwner: owner, status: 'pending' }, data: { leaseUntil: until } });
  return count === 1;
}

export async function markSent(db: Database, row: OutboxRow, at: Date, messageId: string | undefined, attempts: number): Promise<void> {
  await db.prisma.outbox.update({
    where: { id: row.id },
    data: { status: 'sent', sentAt: at, messageId: messageId ?? null, attempts, leaseOwner: null, leaseUntil: null },
  });
}

/** A failed attempt: back to pending at `nextAttemptAt` (lease released unless `keepLease`), or dead. */
export async function markFailed(
  db: Database,
  row: OutboxRow,
  f: { attempts: number; error: string; dead: boolean; nextAttemptAt: Date; keepLease?: boolean },
): Promise<void> {
  await db.prisma.outbox.update({
    where: { id: row.id },
    data: {
      status: f.dead ? 'dead' : 'pending',
      attempts: f.attempts,
      lastError: f.error.slice(0, 500),
      nextAttemptAt: f.nextAttemptAt,
      ...(f.keepLease && !f.dead ? {} : { leaseOwner: null, leaseUntil: null }),
    },
  });
}

/** Puts a row back untouched (not an attempt): pending again at `at`, lease released. */
export async function deferRow(db: Database, id: string, owner: string, at: Date): Promise<void> {
  await db.prisma.outbox.updateMany({ where: { id, leaseOwner: owner, status: 'pending' }, data: { nextAttemptAt: at, leaseOwner: null, leaseUntil: null } });
}

/** Releases this owner's leases on rows it will not deliver now (shutdown, a failed row ahead of them). */
export async function releaseLeases(db: Database, ids: readonly string[], owner: string): Promise<void> {
  if (ids.length === 0) return;
  await db.prisma.outbox.updateMany({ where: { id: { in: [...ids] }, leaseOwner: owner }, data: { leaseOwner: null, leaseUntil: null } });
}

export async function outboxCounts(tx: Tx): Promise<Record<string, number>> {
  const rows = await tx.outbox.groupBy({ by: ['status'], _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
}

/** The last `take` messages delivered on a platform, oldest first (the local console's history after a restart). */
export async function sentMessages(tx: Tx, platform: string, take = 1000): Promise<OutboxRow[]> {
  const rows = await tx.outbox.findMany({ where: { platform, status: 'sent' }, orderBy: { id: 'desc' }, take });
  return rows.reverse();
}
