/**
 * Small named facts kept in the `Marker` table: things done once (a digest, a report slot, a Feishu
 * event), leases (the SQLite engine, a card's first post), the console's demo clock. The primary key
 * makes "once" hold across processes; these helpers are the only place that relies on it.
 */
import { runInTransaction, type Database } from './client.ts';
import type { Tx } from './complaints.ts';

export interface MarkerValue {
  owner: string;
  until: Date;
  createdAt: Date;
}

/** A unique-constraint violation (Prisma P2002): someone else wrote the same key first. */
export function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string } | undefined)?.code === 'P2002';
}

export async function readMarker(tx: Tx, key: string): Promise<MarkerValue | null> {
  return tx.marker.findUnique({ where: { key }, select: { owner: true, until: true, createdAt: true } });
}

export async function writeMarker(tx: Tx, key: string, value: MarkerValue): Promise<void> {
  await tx.marker.upsert({ where: { key }, create: { key, ...value }, update: value });
}

/** Writes a new marker inside the caller's transaction (a duplicate key fails it: see isUniqueViolation). */
export async function createMarker(tx: Tx, key: string, value: MarkerValue): Promise<void> {
  await tx.marker.create({ data: { key, ...value } });
}

/** Markers whose key starts with `prefix`, in key order. */
export async function markersWithPrefix(tx: Tx, prefix: string): Promise<Array<MarkerValue & { key: string }>> {
  return tx.marker.findMany({ where: { key: { startsWith: prefix } }, orderBy: { key: 'asc' } });
}

/**
 * Replaces the marker only if it still holds `expected` (a compare-and-set), or creates it when
 * `expected` is null and no marker exists. True when this call changed it.
 */
export async function swapMarker(db: Database, key: string, expected: Pick<MarkerValue, 'owner' | 'until'> | null, next: MarkerValue): Promise<boolean> {
  if (!expected) {
    try {
      await db.prisma.marker.create({ data: { key, ...next } });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }
  const { count } = await db.prisma.marker.updateMany({ where: { key, owner: expected.owner, until: expected.until }, data: { owner: next.owner, until: next.until } });
  return count === 1;
}

export async function deleteMarker(tx: Tx, key: string, owner?: string): Promise<void> {
  await tx.marker.deleteMany({ where: { key, ...(owner ? { owner } : {}) } });
}

/**
 * Claims `key` once, for good: writes its marker and runs `within` in the same transaction, so what
 * the claim stands for is written exactly once across processes. False when the key was claimed
 * before (by anyone); `within`'s work is then not done. Reads first so a taken key costs no failed
 * insert (on PostgreSQL a failed insert aborts the transaction).
 */
export async function claimOnce(db: Database, key: string, by: { owner: string; at: Date }, within?: (tx: Tx) => Promise<void>): Promise<boolean> {
  if (await db.prisma.marker.findUnique({ where: { key }, select: { key: true } })) return false;
  try {
    await runInTransaction(db, async (tx) => {
      await tx.marker.create({ data: { key, owner: by.owner, until: by.at, createdAt: by.at } });
      await within?.(tx);
    });
    return true;
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
}

/**
 * Takes the lease `key` for `owner` until `until`, or renews it; a compare-and-set, so of two processes
 * asking at once one gets it. False while someone else's lease runs (its `until` after `now`).
 */
export async function takeLease(db: Database, key: string, owner: string, now: Date, until: Date): Promise<boolean> {
  const { prisma } = db;
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await prisma.marker.findUnique({ where: { key } });
    if (!current) {
      try {
        await prisma.marker.create({ data: { key, owner, until, createdAt: now } });
        return true;
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        continue; // created by another process a moment ago: look again
      }
    }
    if (current.owner !== owner && current.until > now) return false;
    const { count } = await prisma.marker.updateMany({ where: { key, owner: current.owner, until: current.until }, data: { owner, until } });
    if (count === 1) return true;
  }
  return false;
}

/** Gives up `owner`'s lease `key` (someone else's is left alone). */
export async function releaseLease(db: Database, key: string, owner: string): Promise<void> {
  await deleteMarker(db.prisma, key, owner);
}
