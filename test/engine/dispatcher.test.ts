import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/notifiers/dispatcher.ts';
import { DeliveryError, RecordingDeliverer } from '../../src/notifiers/deliverer.ts';
import { enqueue } from '../../src/store/outbox.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

const T0 = new Date('2026-03-02T02:00:00Z');
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
});
