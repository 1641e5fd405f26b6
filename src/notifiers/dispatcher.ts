/**
 * The outbox dispatcher: claims pending rows with a lease (so replicas never deliver one row at the
 * same time), delivers them in order through each platform's Deliverer at that target's rate, and
 * records the outcome — sent (with the platform's message id), retried later with exponential
 * backoff and jitter (or the platform's Retry-After), or dead after the last attempt.
 */
import type { Database } from '../store/client.ts';
import type { OutboxRow } from '../store/outbox.ts';
import type { Logger } from '../logger.ts';
import { DeliveryError, type Deliverer, type PlatformName } from './deliverer.ts';
import type { MessageView } from './views/types.ts';

export interface DispatcherOptions {
  /** This process, for leases. */
  owner: string;
  maxAttempts?: number;
  leaseMs?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
  /** Waits between messages to one target; real time (rate limits are about the real world). */
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
  /** Stops a dispatch between two messages (shutdown): rows not yet delivered stay pending, their leases released. */
  signal?: AbortSignal;
  /** Renders a complaint's card as it is now (cards are drawn at delivery, so they always show the latest state). */
  renderCard?: (complaintId: string, platform: PlatformName) => Promise<MessageView | undefined>;
}

export interface DispatchResult {
  sent: number;
  retried: number;
  dead: number;
}

const defaults = { maxAttempts: 8, leaseMs: 60_000, baseBackoffMs: 2_000, maxBackoffMs: 15 * 60_000 };

export function createDispatcher(db: Database, deliverers: readonly Deliverer[], options: DispatcherOptions) {
  const opts = { ...defaults, ...options };
  const random = opts.random ?? Math.random;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const byPlatform = new Map<PlatformName, Deliverer>(deliverers.map((d) => [d.platform, d]));
  /** Last send per platform target, for the per-target rate. */
  const lastSend = new Map<string, number>();

  async function pace(d: Deliverer, address: string): Promise<void> {
    const key = `${d.platform}:${address}`;
    const gap = 1000 / d.perTargetPerSecond;
    const wait = (lastSend.get(key) ?? -Infinity) + gap - performance.now();
    if (wait > 0) await sleep(wait);
    lastSend.set(key, performance.now());
  }

  function backoff(attempt: number): number {
    const exp = Math.min(opts.maxBackoffMs, opts.baseBackoffMs * 2 ** (attempt - 1));
    return Math.round(exp / 2 + random() * (exp / 2)); // "equal jitter"
  }

  /** The card as it is now, and where it was posted before on this platform and channel. */
  async function cardFor(row: OutboxRow, platform: PlatformName) {
    const fresh = await opts.renderCard?.(row.complaintId!, platform);
    const text = (JSON.parse(row.payload) as MessageView).text;
    const ref = await db.prisma.messageRef.findUnique({
      where: { complaintId_platform_address: { complaintId: row.complaintId!, platform, address: row.address } },
    });
    return { view: fresh ? { ...fresh, text: fresh.text || text } : undefined, ref };
  }

  async function rememberCard(row: OutboxRow, messageId: string, now: Date): Promise<void> {
    const id = `${row.complaintId}:${row.platform}:${row.address}`;
    await db.prisma.messageRef.upsert({
      where: { id },
      create: { id, complaintId: row.complaintId!, platform: row.platform, address: row.address, messageId, updatedAt: now },
      update: { messageId, updatedAt: now },
    });
  }

  async function claim(now: Date): Promise<OutboxRow[]> {
    const candidates = await db.prisma.outbox.findMany({
      where: {
        status: 'pending',
        nextAttemptAt: { lte: now },
        platform: { in: [...byPlatform.keys()] },
        OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
      },
      orderBy: { id: 'asc' },
      take: 100,
    });
    // Per-target order: a row waiting for a retry holds back the later rows to the same target.
    const waiting = await db.prisma.outbox.findMany({
      where: { status: 'pending', nextAttemptAt: { gt: now }, platform: { in: [...byPlatform.keys()] } },
      select: { id: true, platform: true, address: true },
    });
    const heldBack = (row: OutboxRow) => waiting.some((w) => w.platform === row.platform && w.address === row.address && w.id < row.id);
    const mine: OutboxRow[] = [];
    for (const row of candidates) {
      if (heldBack(row)) continue;
      const { count } = await db.prisma.outbox.updateMany({
        where: { id: row.id, status: 'pending', leaseUntil: row.leaseUntil },
        data: { leaseOwner: opts.owner, leaseUntil: new Date(now.getTime() + opts.leaseMs) },
      });
      if (count === 1) mine.push(row);
    }
    return mine;
  }

  async function deliverOne(row: OutboxRow, now: Date): Promise<'sent' | 'retried' | 'dead'> {
    const deliverer = byPlatform.get(row.platform as PlatformName)!;
    const card = row.kind === 'card' && row.complaintId ? await cardFor(row, deliverer.platform) : undefined;
    const view = card?.view ?? (JSON.parse(row.payload) as MessageView);
    try {
      await pace(deliverer, row.address);
      const { messageId } = await deliverer.deliver({
        updateMessageId: card?.ref?.messageId,
        id: row.id,
        dedupeKey: row.dedupeKey,
        kind: row.kind,
        platform: deliverer.platform,
        address: row.address,
        direct: row.targetType === 'dm',
        view,
      });
      await db.prisma.outbox.update({
        where: { id: row.id },
        data: { status: 'sent', sentAt: now, messageId: messageId ?? null, attempts: row.attempts + 1, leaseOwner: null, leaseUntil: null },
      });
      if (card && messageId) await rememberCard(row, messageId, now);
      return 'sent';
    } catch (e) {
      const attempts = row.attempts + 1;
      const err = e instanceof DeliveryError ? e : new DeliveryError(e instanceof Error ? e.message : String(e));
      const dead = err.permanent || attempts >= opts.maxAttempts;
      const delay = err.retryAfterMs ?? backoff(attempts);
      await db.prisma.outbox.update({
        where: { id: row.id },
        data: {
          status: dead ? 'dead' : 'pending',
          attempts,
          lastError: err.message.slice(0, 500),
          nextAttemptAt: new Date(now.getTime() + (dead ? 0 : delay)),
          leaseOwner: null,
          leaseUntil: null,
        },
      });
      opts.logger?.[dead ? 'error' : 'warn'](
        { outbox: row.id, kind: row.kind, platform: row.platform, attempts, retryInMs: dead ? undefined : delay },
        dead ? `notification dead-lettered after ${attempts} attempts: ${err.message}` : `delivery failed, will retry: ${err.message}`,
      );
      return dead ? 'dead' : 'retried';
    }
  }

  return {
    /** Deliver everything due at `now`; returns counts. */
    async dispatch(now: Date): Promise<DispatchResult> {
      const result: DispatchResult = { sent: 0, retried: 0, dead: 0 };
      const release = (id: string) => db.prisma.outbox.updateMany({ where: { id, leaseOwner: opts.owner }, data: { leaseOwner: null, leaseUntil: null } });
      const next = () => (opts.signal?.aborted ? Promise.resolve([]) : claim(now));
      for (let rows = await next(); rows.length > 0; rows = await next()) {
        const stalled = new Set<string>();
        for (const row of rows) {
          const target = `${row.platform}:${row.address}`;
          if (opts.signal?.aborted || stalled.has(target)) {
            // Stopping, or an earlier message to this target failed (this one waits behind it): lease released.
            await release(row.id);
            continue;
          }
          const outcome = await deliverOne(row, now);
          result[outcome]++;
          if (outcome !== 'sent') stalled.add(target);
        }
      }
      return result;
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
