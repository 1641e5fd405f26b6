import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/notifiers/dispatcher.ts';
import { DeliveryError, RecordingDeliverer } from '../../src/notifiers/deliverer.ts';
import { enqueue as write } from '../../src/store/outbox.ts';
import { outboxItem } from '../../src/commands/notify.ts';
import type { Tx } from '../../src/store/complaints.ts';
import type { Notification } from '../../src/notifiers/notifications.ts';
import type { Address } from '../../src/notifiers/targets.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

const T0 = new Date('2026-03-02T02:00:00Z');
const enqueue = (tx: Tx, now: Date, items: Array<{ n: Notification; to: Address }>) => write(tx, now, items.map(({ n, to }) => outboxItem(n, to)));
const note = (key: string, text: string) => ({
  n: { key, kind: 'remind' as const, target: { type: 'person' as const, id: 'q.liu' }, view: { text } },
  to: { platform: 'local' as const, address: 'q.liu', direct: true },
});

describe('the outbox dispatcher', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await openTestDatabase('sqlite');
  });
  afterEach(async () => db.cleanup());

  it('delivers in the order written, once, and records the message id', async () => {
    await db.prisma.$transaction((tx) => enqueue(tx, T0, [note('a', 'first'), note('b', 'second'), note('c', 'third')]));
    const out = new RecordingDeliverer();
    const d = createDispatcher(db, [out], { owner: 'p1' });
    expect(await d.dispatch(T0)).toEqual({ sent: 3, retried: 0, dead: 0 });
    expect(await d.dispatch(T0)).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(out.texts()).toEqual(['first', 'second', 'third']);
    expect((await db.prisma.outbox.findMany()).map((r) => [r.status, r.messageId, r.attempts])).toEqual([
      ['sent', 'm1', 1],
      ['sent', 'm2', 1],
      ['sent', 'm3', 1],
    ]);
  });

  it('retries with exponential backoff and jitter, honours Retry-After, and dead-letters after the last attempt', async () => {
    await db.prisma.$transaction((tx) => enqueue(tx, T0, [note('a', 'hello')]));
    const out = new RecordingDeliverer();
    const d = createDispatcher(db, [out], { owner: 'p1', maxAttempts: 4, baseBackoffMs: 1000, random: () => 1 });
    const row = () => db.prisma.outbox.findFirstOrThrow();

    out.failNext(new DeliveryError('ratelimited', 30_000));
    expect(await d.dispatch(T0)).toEqual({ sent: 0, retried: 1, dead: 0 });
    expect((await row()).nextAttemptAt.getTime() - T0.getTime()).toBe(30_000); // Retry-After wins
    expect(await d.dispatch(new Date(T0.getTime() + 29_999))).toEqual({ sent: 0, retried: 0, dead: 0 });

    const t1 = new Date(T0.getTime() + 30_000);
    out.failNext(new DeliveryError('timeout'));
    await d.dispatch(t1);
    expect((await row()).nextAttemptAt.getTime() - t1.getTime()).toBe(2000); // 1 s · 2^(2-1), full jitter share
    const t2 = new Date(t1.getTime() + 2000);
    out.failNext(new DeliveryError('timeout'));
    await d.dispatch(t2);
    expect((await row()).nextAttemptAt.getTime() - t2.getTime()).toBe(4000);
    const t3 = new Date(t2.getTime() + 4000);
    out.failNext(new DeliveryError('timeout'));
    expect(await d.dispatch(t3)).toEqual({ sent: 0, retried: 0, dead: 1 });
    expect(await row()).toMatchObject({ status: 'dead', attempts: 4, lastError: 'timeout' });
    expect(out.sent).toEqual([]);
  });

  it('keeps the order per target: a row waiting for its retry holds back later rows to the same target only', async () => {
    const other = { ...note('z', 'to someone else'), to: { platform: 'local' as const, address: 'q.sun', direct: true } };
    await db.prisma.$transaction((tx) => enqueue(tx, T0, [note('a', 'first'), note('b', 'second'), other]));
    const out = new RecordingDeliverer();
    const d = createDispatcher(db, [out], { owner: 'p1', baseBackoffMs: 1000, random: () => 1 });
    out.failNext(new DeliveryError('timeout'));
    expect(await d.dispatch(T0)).toEqual({ sent: 1, retried: 1, dead: 0 });
    expect(out.texts()).toEqual(['to someone else']);
    await d.dispatch(new Date(T0.getTime() + 1000));
    expect(out.texts()).toEqual(['to someone else', 'first', 'second']);
  });

  it('a permanent error dead-letters at once; another platform’s rows are left for its own dispatcher', async () => {
    await db.prisma.$transaction((tx) =>
      enqueue(tx, T0, [note('a', 'x'), { ...note('b', 'y'), to: { platform: 'slack', address: 'U1', direct: true } }]),
    );
    const out = new RecordingDeliverer();
    out.failNext(new DeliveryError('channel_not_found', undefined, true));
    expect(await createDispatcher(db, [out], { owner: 'p1' }).dispatch(T0)).toEqual({ sent: 0, retried: 0, dead: 1 });
    expect(await db.prisma.outbox.count({ where: { platform: 'slack', status: 'pending' } })).toBe(1);
  });

  it('paces messages to one target at the platform rate', async () => {
    await db.prisma.$transaction((tx) => enqueue(tx, T0, [note('a', '1'), note('b', '2'), note('c', '3')]));
    const waits: number[] = [];
    const out = new RecordingDeliverer('local', 5); // Feishu-like: 5 per second per chat
    await createDispatcher(db, [out], { owner: 'p1', sleep: async (ms) => void waits.push(ms) }).dispatch(T0);
    expect(waits).toHaveLength(2);
    for (const w of waits) expect(w).toBeGreaterThan(150);
  });

  it('two dispatchers never deliver the same row', async () => {
    await db.prisma.$transaction((tx) => enqueue(tx, T0, Array.from({ length: 40 }, (_, i) => note(`k${i}`, `m${i}`))));
    const a = new RecordingDeliverer();
    const b = new RecordingDeliverer();
    await Promise.all([createDispatcher(db, [a], { owner: 'a' }).dispatch(T0), createDispatcher(db, [b], { owner: 'b' }).dispatch(T0)]);
    const all = [...a.texts(), ...b.texts()].sort();
    expect(all).toEqual(Array.from({ length: 40 }, (_, i) => `m${i}`).sort());
  });

  it('a backlog to one channel never holds up another: B goes out while A still has its queue', async () => {
    const to = (address: string, i: number) => ({
      n: { key: `${address}:${i}`, kind: 'card' as const, target: { type: 'cs_channel' as const }, view: { text: `${address} ${i}` } },
      to: { platform: 'slack' as const, address, direct: false },
    });
    await db.prisma.$transaction((tx) => enqueue(tx, T0, [...Array.from({ length: 30 }, (_, i) => to('CA', i)), to('CB', 0)]));
    const slack = new RecordingDeliverer('slack', 1); // Slack's pace: one message a second per channel
    const stop = new AbortController();
    const running = createDispatcher(db, [slack], { owner: 'p1', signal: stop.signal }).dispatch(T0);
    await expect.poll(() => slack.texts().includes('CB 0'), { timeout: 5_000 }).toBe(true);
    // At one a second, A has had at most its first two slots when B is delivered.
    expect(slack.texts().filter((t) => t.startsWith('CA')).length).toBeLessThanOrEqual(2);
    stop.abort();
    await running;
    const left = await db.prisma.outbox.findMany({ where: { status: 'pending' } });
    expect(left.length).toBeGreaterThanOrEqual(28);
    expect(left.every((r) => r.leaseOwner === null)).toBe(true); // released for the next process
  });

  it('a short Retry-After is waited out by the lane itself, while other targets go on', async () => {
    const other = { ...note('z', 'to someone else'), to: { platform: 'local' as const, address: 'q.sun', direct: true } };
    await db.prisma.$transaction((tx) => enqueue(tx, T0, [note('a', 'first'), note('b', 'second'), other]));
    const out = new RecordingDeliverer();
    const waits: number[] = [];
    out.failNext(new DeliveryError('throttled', 1_000));
    const result = await createDispatcher(db, [out], { owner: 'p1', sleep: async (ms) => void waits.push(ms) }).dispatch(T0);
    expect(result).toEqual({ sent: 3, retried: 1, dead: 0 });
    expect(out.texts().sort()).toEqual(['first', 'second', 'to someone else']);
    expect(out.texts().indexOf('first')).toBeLessThan(out.texts().indexOf('second'));
    expect(Math.max(...waits)).toBeGreaterThan(900); // the lane waited out the Retry-After
    const first = await db.prisma.outbox.findFirstOrThrow({ where: { dedupeKey: { startsWith: 'a:' } } });
    expect(first).toMatchObject({ status: 'sent', attempts: 2, lastError: 'throttled' });
  });

  it('a row whose lease was taken over is not sent (compare-and-set before the send)', async () => {
    await db.prisma.$transaction((tx) => enqueue(tx, T0, [note('a', 'first'), note('b', 'second')]));
    const out = new RecordingDeliverer('local', 1);
    let stolen = false;
    const sleep = async () => {
      if (stolen) return;
      stolen = true; // while the lane waits for its pace slot, another process takes the second row
      await db.prisma.outbox.updateMany({ where: { dedupeKey: { startsWith: 'b:' } }, data: { leaseOwner: 'other', leaseUntil: new Date(T0.getTime() + 600_000) } });
    };
    await createDispatcher(db, [out], { owner: 'p1', sleep }).dispatch(T0);
    expect(out.texts()).toEqual(['first']);
    expect(await db.prisma.outbox.findFirstOrThrow({ where: { dedupeKey: { startsWith: 'b:' } } })).toMatchObject({ status: 'pending', leaseOwner: 'other' });
  });
});
