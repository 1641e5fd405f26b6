/**
 * The transactional outbox: notifications are written in the same transaction as the change or
 * ladder step that causes them, each under a unique dedupe key, and delivered later by the dispatcher.
 */
import { randomBytes } from 'node:crypto';
import type { Tx } from './complaints.ts';
import { targetKey, type Address } from '../notifiers/targets.ts';
import type { Notification } from '../notifiers/notifications.ts';
import type { Prisma } from './generated/sqlite/client.ts';

export type OutboxRow = Prisma.OutboxGetPayload<object>;

let counter = 0;
/** Ids sort by creation, so rows written in one transaction are delivered in the order written. */
function outboxId(now: Date): string {
  counter = (counter + 1) % 1_000_000;
  return `${now.getTime().toString(36).padStart(9, '0')}-${String(counter).padStart(6, '0')}-${randomBytes(3).toString('hex')}`;
}

/**
 * Writes the notifications; one already written under the same key (a ladder restarted by a re-grade
 * with the due time unchanged, say) is not written again. Returns how many rows were written.
 */
export async function enqueue(tx: Tx, now: Date, items: Array<{ n: Notification; to: Address }>): Promise<number> {
  let written = 0;
  for (const { n, to } of items) {
    const dedupeKey = `${n.key}:${targetKey(n.target)}:${to.platform}:${to.address}`;
    // Checked first rather than caught: on PostgreSQL a failed insert would abort the whole transaction.
    if (await tx.outbox.findUnique({ where: { dedupeKey }, select: { id: true } })) continue;
    written++;
    await tx.outbox.create({
      data: {
        id: outboxId(now),
        dedupeKey,
        complaintId: n.complaintId ?? null,
        kind: n.kind,
        platform: to.platform,
        targetType: to.direct ? 'dm' : 'channel',
        targetId: n.target.type === 'person' ? n.target.id : n.target.type === 'department' ? n.target.key : n.target.type,
        address: to.address,
        payload: JSON.stringify(n.view),
        status: 'pending',
        nextAttemptAt: now,
        createdAt: now,
      },
    });
  }
  return written;
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
