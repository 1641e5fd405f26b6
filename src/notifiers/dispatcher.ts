/**
 * The outbox dispatcher. Due rows are claimed with a lease each (store/outbox.ts) and handed to one
 * lane per target (platform + channel or user). Lanes run concurrently, each paced at its target's
 * rate and all of a platform's lanes together at the app's rate, so a backlog to one channel never
 * delays another. Before each send the lane re-checks its lease with a compare-and-set; leases of
 * queued rows are renewed while they wait. A throttled send is retried by the lane's own timer after
 * the platform's Retry-After; other failures go back to the outbox with exponential backoff and
 * jitter (and a timer of their own, when `scheduleRetries`), or dead after the last attempt. A target
 * that cannot be reached is reported to `onUnreachable`, which routes its messages around it.
 */
import type { Database } from '../store/client.ts';
import { releaseLease, takeLease } from '../store/markers.ts';
import { findCardMessage, saveCardMessage } from '../store/message-refs.ts';
import {
  claimDue,
  deferRow,
  holdForSend,
  markFailed,
  markSent,
  releaseLeases,
  renewLeases,
  targetOf,
  type OutboxRow,
} from '../store/outbox.ts';
import type { Logger } from '../logger.ts';
import { DeliveryError, unresolvedPerson, type AttachedFile, type Deliverer, type PlatformName } from './deliverer.ts';
import type { Locale } from '../config/schema.ts';
import type { AttachmentRef, MessageView, TimelineView } from './views/types.ts';

/** Whom a card is drawn for: a channel (its address), or a person by DM (their user ID here, and their language when the platform knows it). */
export interface CardAudience {
  platform: PlatformName;
  address: string;
  locale?: Locale;
}

/** A card drawn for one delivery: the message with its card, and for a channel card its timeline. */
export interface RenderedCard {
  view: MessageView;
  timeline?: TimelineView;
}

export interface DispatcherOptions {
  /** This process, for leases. */
  owner: string;
  /**
   * The time for leases and outcomes. Default: the `now` of the latest dispatch, fixed for its whole run —
   * only for short runs (tests); a process that delivers for longer than a lease passes its clock.
   */
  clock?: () => Date;
  maxAttempts?: number;
  leaseMs?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** A throttled send waiting at most this long is retried by its lane; longer waits go back to the outbox. */
  maxInlineRetryMs?: number;
  /** Rows claimed and not yet delivered, at most (memory bound). */
  maxInFlight?: number;
  random?: () => number;
  /** Waits for a pace slot or a Retry-After; real time (rate limits are about the real world). */
  sleep?: (ms: number) => Promise<void>;
  /** Retry rows sent back to the outbox by a timer of their own, not only at the next dispatch (the engine). */
  scheduleRetries?: boolean;
  logger?: Logger;
  /** Stops lanes between two messages (shutdown): rows not yet delivered stay pending, their leases released. */
  signal?: AbortSignal;
  /**
   * Renders a complaint's card as it is now (cards are drawn at delivery, so they show the latest
   * state): for a card row (`kind` 'card') the channel's card, updated in place; for a person's notice
   * about a complaint (a DM row with `complaintId`) the card for that person — their buttons, contact
   * data if they may see it — sent under the notice's text. A channel card comes with its timeline (for
   * the card's thread): card and timeline are drawn once per delivery, here.
   */
  renderCard?: (row: OutboxRow, to: CardAudience) => Promise<RenderedCard | undefined>;
  /**
   * Draws a message's file (`MessageView.attachment`) for this delivery from what is stored. A failure
   * fails the delivery, which is retried like any other: the message never goes without its file.
   */
  renderFile?: (ref: AttachmentRef) => Promise<AttachedFile>;
  /** A row failed because its target cannot be reached (bot not in the channel, user gone): route around it. */
  onUnreachable?: (row: OutboxRow, error: DeliveryError) => Promise<void>;
  /** The first message this process delivered to a target (an unreachable mark on it can be cleared). */
  onReached?: (row: OutboxRow) => Promise<void>;
  /** Told the outcome of every send attempt (metrics): sent, failed and retried later, or dead; `throttled` when the platform said to wait (429). */
  onAttempt?: (attempt: { platform: string; result: 'sent' | 'retried' | 'dead'; throttled: boolean }) => void;
}

export interface DispatchResult {
  sent: number;
  retried: number;
  dead: number;
}

type Outcome = keyof DispatchResult | 'lost' | 'deferred';

/**
 * Gaps are 5 % longer than the platform's rate: requests do not arrive as evenly spaced as they leave
 * (a new connection, a slow first call), and a platform counts their arrival.
 */
const PACE_MARGIN = 1.05;
const gapOf = (perSecond: number) => (1000 / perSecond) * PACE_MARGIN;

const defaults = { maxAttempts: 8, leaseMs: 60_000, baseBackoffMs: 2_000, maxBackoffMs: 15 * 60_000, maxInlineRetryMs: 10_000, maxInFlight: 5_000 };

interface Lane {
  key: string;
  deliverer: Deliverer;
  queue: OutboxRow[];
  done: Promise<void>;
}

export function createDispatcher(db: Database, deliverers: readonly Deliverer[], options: DispatcherOptions) {
  const opts = { ...defaults, ...options };
  const random = opts.random ?? Math.random;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const byPlatform = new Map<PlatformName, Deliverer>(deliverers.map((d) => [d.platform, d]));
  const platforms = [...byPlatform.keys()];
  let latest = new Date();
  const clock = opts.clock ?? (() => latest);
  const leaseEnd = () => new Date(clock().getTime() + opts.leaseMs);
  const lanes = new Map<string, Lane>();
  /** performance.now() of each target's next free slot (kept after its lane ends) and each platform's app-wide one. */
  const nextAt = new Map<string, number>();
  const appNextAt = new Map<PlatformName, number>();
  const reached = new Set<string>();
  const totals: DispatchResult = { sent: 0, retried: 0, dead: 0 };
  const retryTimers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let claiming: Promise<number> | undefined;
  let renewTimer: NodeJS.Timeout | undefined;
  const aborted = () => opts.signal?.aborted === true;

  function backoff(attempt: number): number {
    const exp = Math.min(opts.maxBackoffMs, opts.baseBackoffMs * 2 ** (attempt - 1));
    return Math.round(exp / 2 + random() * (exp / 2)); // "equal jitter"
  }

  /**
   * Waits for the target's slot and then the app's. The target's next slot is counted from the moment
   * of the send (see `sending`), so database work before a send never squeezes two sends together.
   */
  async function pace(lane: Lane): Promise<void> {
    const d = lane.deliverer;
    const start = performance.now();
    let at = Math.max(start, nextAt.get(lane.key) ?? 0);
    if (d.perAppPerSecond) {
      at = Math.max(at, appNextAt.get(d.platform) ?? 0);
      appNextAt.set(d.platform, at + gapOf(d.perAppPerSecond));
    }
    nextAt.set(lane.key, at + gapOf(d.perTargetPerSecond));
    if (at > start) await sleep(at - start);
  }

  /**
   * Just before the platform call: the target's next slot is a full gap from now. Returns the function
   * to call once the call returned: the platform saw the message somewhere between the two moments (a
   * busy moment can hold a request back), so the next slot is a full gap after their midpoint too.
   */
  function sending(lane: Lane): () => void {
    const gap = gapOf(lane.deliverer.perTargetPerSecond);
    const start = performance.now();
    nextAt.set(lane.key, Math.max(nextAt.get(lane.key) ?? 0, start + gap));
    return () => nextAt.set(lane.key, Math.max(nextAt.get(lane.key) ?? 0, (start + performance.now()) / 2 + gap));
  }

  /** Renews the leases of every queued row while lanes run; rows whose lease was lost leave their lane. */
  function keepLeases(): void {
    if (renewTimer) return;
    renewTimer = setInterval(() => {
      const ids = [...lanes.values()].flatMap((l) => l.queue.map((r) => r.id));
      if (ids.length === 0) return;
      renewLeases(db, ids, opts.owner, leaseEnd()).then(
        (held) => {
          for (const lane of lanes.values()) {
            const before = lane.queue.length;
            lane.queue = lane.queue.filter((r) => held.has(r.id));
            inFlight -= before - lane.queue.length;
          }
        },
        (e: unknown) => opts.logger?.warn({ err: e }, 'outbox: renewing leases failed'),
      );
    }, Math.max(250, opts.leaseMs / 3));
    renewTimer.unref();
  }

  /** The card as it is now with its timeline, and where it was posted before on this platform and channel. */
  async function renderedCard(row: OutboxRow, platform: PlatformName) {
    const fresh = await opts.renderCard?.(row, { platform, address: row.address });
    const text = (JSON.parse(row.payload) as MessageView).text;
    const posted = await findCardMessage(db, { complaintId: row.complaintId!, platform, address: row.address });
    return { view: fresh ? { ...fresh.view, text: fresh.view.text || text } : undefined, timeline: fresh?.timeline, posted };
  }

  /**
   * A row's message for its recipient: for a person, in their language (`byLocale`, picked by what the
   * platform knows of them), and a notice about a complaint with the complaint's card for that person.
   * That card is a snapshot with their buttons as they are now; it is not updated in place later — a
   * button gone stale is refused with the reason when clicked (the form is checked again on opening).
   */
  async function personal(row: OutboxRow, deliverer: Deliverer, address: string): Promise<MessageView> {
    const { byLocale, ...view } = JSON.parse(row.payload) as MessageView;
    const dm = row.targetType === 'dm';
    const locale = byLocale && dm ? await deliverer.localeOf?.(address) : undefined;
    const chosen = (locale && byLocale?.[locale]) || view;
    if (!dm || !row.complaintId || !opts.renderCard) return chosen;
    const fresh = await opts.renderCard(row, { platform: deliverer.platform, address, ...(locale ? { locale } : {}) });
    return fresh?.view.card ? { ...chosen, card: fresh.view.card } : chosen;
  }

  async function deliverRow(lane: Lane, row: OutboxRow): Promise<Outcome> {
    const deliverer = lane.deliverer;
    let attempts = row.attempts;
    const card = row.kind === 'card' && row.complaintId ? await renderedCard(row, deliverer.platform) : undefined;
    // A card's first post on a channel is serialised across processes: two posts would be two cards.
    const cardLock = card && !card.posted ? `card:${row.complaintId}:${row.platform}:${row.address}` : undefined;
    if (cardLock && !(await takeLease(db, cardLock, opts.owner, clock(), leaseEnd()))) {
      await deferRow(db, row.id, opts.owner, new Date(clock().getTime() + 2_000));
      return 'deferred';
    }
    try {
      for (;;) {
        await pace(lane);
        if (aborted()) {
          await releaseLeases(db, [row.id], opts.owner);
          return 'lost';
        }
        if (!(await holdForSend(db, row.id, opts.owner, leaseEnd()))) return 'lost'; // lease taken over: not ours to send
        try {
          const person = row.targetType === 'dm' ? unresolvedPerson(row.address) : undefined;
          const address = person ? await deliverer.resolvePerson?.(person) : row.address;
          if (!address) throw new DeliveryError(`${row.platform}: no user found for ${person}`, undefined, true, 'user_gone');
          const view = card?.view ?? (await personal(row, deliverer, address));
          const ref = (JSON.parse(row.payload) as MessageView).attachment;
          if (ref && !opts.renderFile) throw new DeliveryError(`${row.platform}: no way to draw the message's file here`, undefined, true);
          const file = ref ? await opts.renderFile!(ref) : undefined;
          const sent = sending(lane);
          const { messageId, threadId } = await deliverer
            .deliver({
              ...(card?.posted ? { posted: card.posted } : {}),
              ...(card?.timeline ? { timeline: card.timeline } : {}),
              id: row.id,
              dedupeKey: row.dedupeKey,
              kind: row.kind,
              platform: deliverer.platform,
              address,
              direct: row.targetType === 'dm',
              view: ref ? { ...view, attachment: ref } : view,
              ...(file ? { file } : {}),
              ...(row.complaintId ? { complaintId: row.complaintId } : {}),
            })
            .finally(sent);
          const at = clock();
          await markSent(db, row, at, messageId, attempts + 1);
          opts.onAttempt?.({ platform: row.platform, result: 'sent', throttled: false });
          if (card && messageId) await saveCardMessage(db, { complaintId: row.complaintId!, platform: row.platform, address: row.address }, { messageId, ...(threadId ? { threadId } : {}) }, at);
          if (!reached.has(lane.key)) {
            reached.add(lane.key);
            await opts.onReached?.(row).catch((e: unknown) => opts.logger?.warn({ err: e }, 'outbox: clearing an unreachable mark failed'));
          }
          return 'sent';
        } catch (e) {
          attempts++;
          const err = e instanceof DeliveryError ? e : new DeliveryError(e instanceof Error ? e.message : String(e));
          const dead = err.permanent || attempts >= opts.maxAttempts;
          const delay = err.retryAfterMs ?? backoff(attempts);
          const inline = !dead && err.retryAfterMs !== undefined && err.retryAfterMs <= opts.maxInlineRetryMs;
          const nextAttemptAt = new Date(clock().getTime() + (dead ? 0 : delay));
          await markFailed(db, row, { attempts, error: err.message, dead, nextAttemptAt, keepLease: inline });
          opts.onAttempt?.({ platform: row.platform, result: dead ? 'dead' : 'retried', throttled: err.retryAfterMs !== undefined });
          opts.logger?.[dead ? 'error' : 'warn'](
            { outbox: row.id, kind: row.kind, platform: row.platform, address: row.address, attempts, retryInMs: dead ? undefined : delay },
            dead ? `notification dead-lettered after ${attempts} attempts: ${err.message}` : `delivery failed, will retry: ${err.message}`,
          );
          if (dead) {
            if (err.unreachable) {
              reached.delete(lane.key);
              await opts.onUnreachable?.(row, err).catch((x: unknown) => opts.logger?.error({ err: x, outbox: row.id }, 'outbox: routing around an unreachable target failed'));
            }
            return 'dead';
          }
          if (!inline) {
            scheduleRetry(delay);
            return 'retried';
          }
          // Throttled: this lane waits out the platform's Retry-After and tries again; other lanes go on.
          totals.retried++;
          nextAt.set(lane.key, Math.max(nextAt.get(lane.key) ?? 0, performance.now() + delay));
          if (err.appWide) appNextAt.set(deliverer.platform, Math.max(appNextAt.get(deliverer.platform) ?? 0, performance.now() + delay));
        }
      }
    } finally {
      if (cardLock) await releaseLease(db, cardLock, opts.owner).catch(() => undefined);
    }
  }

  function scheduleRetry(delay: number): void {
    if (!opts.scheduleRetries || aborted()) return;
    const timer = setTimeout(() => {
      retryTimers.delete(timer);
      kick();
    }, delay + 50);
    timer.unref();
    retryTimers.add(timer);
  }

  async function runLane(lane: Lane): Promise<void> {
    try {
      while (lane.queue.length > 0) {
        if (aborted()) break;
        const row = lane.queue.shift()!;
        inFlight--;
        const outcome = await deliverRow(lane, row).catch((e: unknown) => {
          opts.logger?.error({ err: e, outbox: row.id }, 'outbox: delivering a row failed unexpectedly; it is retried after its lease');
          return 'lost' as const;
        });
        if (outcome === 'sent' || outcome === 'retried' || outcome === 'dead') totals[outcome]++;
        // A row waiting for its retry (or for a card's first post elsewhere) holds back the rest of its target.
        if (outcome === 'retried' || outcome === 'deferred') break;
      }
    } finally {
      const rest = lane.queue.map((r) => r.id);
      inFlight -= rest.length;
      lane.queue = [];
      lanes.delete(lane.key);
      await releaseLeases(db, rest, opts.owner).catch(() => undefined);
      const now = performance.now();
      for (const [k, t] of nextAt) if (t < now && !lanes.has(k)) nextAt.delete(k); // past slots: nothing to remember
      if (lanes.size === 0 && renewTimer) {
        clearInterval(renewTimer);
        renewTimer = undefined;
      }
    }
  }

  /** One claim of due rows into lanes; returns how many were claimed. */
  async function claimInto(dueBy: Date): Promise<number> {
    if (aborted() || inFlight >= opts.maxInFlight) return 0;
    const rows = await claimDue(db, { owner: opts.owner, platforms, dueBy, now: clock(), leaseMs: opts.leaseMs, take: Math.min(500, opts.maxInFlight - inFlight) });
    for (const row of rows) {
      const key = targetOf(row);
      let lane = lanes.get(key);
      if (!lane) {
        lane = { key, deliverer: byPlatform.get(row.platform as PlatformName)!, queue: [], done: Promise.resolve() };
        lanes.set(key, lane);
        lane.queue.push(row);
        const l = lane;
        lane.done = Promise.resolve().then(() => runLane(l));
      } else {
        lane.queue.push(row);
        lane.queue.sort((a, b) => (a.id < b.id ? -1 : 1));
      }
      inFlight++;
    }
    if (rows.length) keepLeases();
    return rows.length;
  }

  /** Claims until nothing more is due (one claim at a time in this process). */
  async function claimAll(dueBy: Date): Promise<void> {
    for (;;) {
      while (claiming) await claiming.catch(() => 0);
      claiming = claimInto(dueBy);
      const n = await claiming.finally(() => (claiming = undefined));
      if (n === 0) return;
    }
  }

  /** Starts delivering what is due now, without waiting (after a commit, a retry timer). */
  function kick(): void {
    if (aborted()) return;
    const now = clock();
    claimAll(now).catch((e: unknown) => opts.logger?.error({ err: e }, 'outbox: claiming due rows failed'));
  }

  const idle = async () => {
    while (lanes.size > 0 || claiming) {
      await Promise.all([...lanes.values()].map((l) => l.done));
      await claiming?.catch(() => 0);
    }
  };

  return {
    /** Delivers everything due at `now` and resolves when it is delivered (or waiting for a retry); returns counts. */
    async dispatch(now: Date = clock()): Promise<DispatchResult> {
      if (!opts.clock) latest = now;
      const before = { ...totals };
      for (;;) {
        // Rows written meanwhile (routed around an unreachable target, say) are due by the clock's now.
        await claimAll(new Date(Math.max(now.getTime(), clock().getTime())));
        if (lanes.size === 0 || aborted()) break;
        await idle();
      }
      return { sent: totals.sent - before.sent, retried: totals.retried - before.retried, dead: totals.dead - before.dead };
    },
    kick,
    /** Resolves when no lane is delivering. */
    idle,
    /** Stops the retry timers (lanes stop through the signal). */
    close(): void {
      for (const t of retryTimers) clearTimeout(t);
      retryTimers.clear();
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
