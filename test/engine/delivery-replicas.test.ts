/**
 * Replicas delivering one outbox through the real Slack deliverer, as separate processes on one
 * PostgreSQL database: every card is posted once, with one timeline thread, however long the rows
 * wait for their channel's pace (the pace and the lease are scaled down together: 20 messages a
 * second per channel against a 2 s lease puts rows past their first lease, as 1/s against 60 s does).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, type Core } from '../../src/bot/boot.ts';
import { ManualClock } from '../../src/clock.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { createLogger } from '../../src/logger.ts';
import { EXAMPLE_CONFIG } from '../support/console.ts';
import { emptyDatabaseUrl, pgAvailable } from '../support/db.ts';
import { FakeSlack } from '../support/fake-slack.ts';
import { SLACK_USERS } from '../support/slack.ts';
import { SIGNING_SECRET } from '../support/slack-requests.ts';
import { exited } from '../support/workers.ts';

const WORKER = fileURLToPath(new URL('../support/delivery-worker.ts', import.meta.url));
const DEPARTMENTS = { customer_service: 'C0CUSTSVC01', quality: 'C0QUALITY01', sales: 'C0SALES0001', production: 'C0PRODUCTN1', logistics: 'C0LOGISTIC1' };

describe.runIf(pgAvailable())('delivery replicas on PostgreSQL', () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await FakeSlack.start(Object.values(SLACK_USERS));
  });
  afterAll(async () => fake?.close());

  async function deployment(): Promise<{ core: Core; env: NodeJS.ProcessEnv; drop(): Promise<void> }> {
    const { url, drop } = await emptyDatabaseUrl('postgresql');
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: url,
      KESU_CONFIG: EXAMPLE_CONFIG,
      LOG_LEVEL: 'silent',
      SLACK_BOT_TOKEN: 'xoxb-0000-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${fake.url}api/`,
    };
    const core = await boot({ env, clock: new ManualClock('2026-03-02T01:30:00Z'), logger: createLogger('silent') });
    core.config.customerService.newComplaints = 'off'; // cards only: every post counted is a card
    return { core, env, drop: async () => (await core.close(), await drop()) };
  }

  const replicas = (env: NodeJS.ProcessEnv, n: number) =>
    Promise.all(
      Array.from({ length: n }, () =>
        exited(spawn(process.execPath, ['--import', 'tsx', WORKER], { env: { ...env, KESU_PACE: '20', KESU_LEASE_MS: '2000' }, stdio: ['ignore', 'ignore', 'pipe'] })),
      ),
    );

  /**
   * Card posts (no thread_ts) and timeline replies (thread_ts) since `since`, and updates: each complaint
   * has one card row, so a card delivered twice shows as a second post or as an update of the first.
   */
  function posts(since: number) {
    const calls = fake.calls.slice(since).filter((c) => c.method === 'chat.postMessage');
    const updates = fake.calls.slice(since).filter((c) => c.method === 'chat.update');
    return { cards: calls.filter((c) => !c.args.thread_ts), threads: calls.filter((c) => c.args.thread_ts), updates };
  }

  it('two replicas, 90 filings to one channel: 90 cards and 90 threads, none twice', { timeout: 120_000 }, async () => {
    const { core, env, drop } = await deployment();
    try {
      for (let i = 0; i < 90; i++) await fileComplaint(core.deps, { id: 'chen.jing', name: 'chen.jing' }, filing(i, 'quality'));
      const since = fake.calls.length;
      for (const r of await replicas(env, 2)) expect(r.code, r.stderr).toBe(0);
      const { cards, threads, updates } = posts(since);
      expect(updates).toHaveLength(0);
      const numbers = cards.map((c) => String(c.args.text).split(' ')[0]);
      expect(cards.every((c) => c.args.channel === 'C0QUALITY01')).toBe(true);
      expect(new Set(numbers).size).toBe(90);
      expect(cards).toHaveLength(90);
      expect(new Set(threads.map((t) => t.args.thread_ts)).size).toBe(90);
      expect(threads).toHaveLength(90);
      expect(await core.deps.db.prisma.outbox.count({ where: { status: { not: 'sent' } } })).toBe(0);
    } finally {
      await drop();
    }
  });

  it('three replicas, 500 cards over 5 channels: each posted once', { timeout: 180_000 }, async () => {
    const { core, env, drop } = await deployment();
    try {
      const keys = Object.keys(DEPARTMENTS) as Array<keyof typeof DEPARTMENTS>;
      for (let i = 0; i < 500; i += 25) {
        await Promise.all(Array.from({ length: 25 }, (_, j) => fileComplaint(core.deps, { id: 'chen.jing', name: 'chen.jing' }, filing(i + j, keys[(i + j) % 5]!))));
      }
      const since = fake.calls.length;
      for (const r of await replicas(env, 3)) expect(r.code, r.stderr).toBe(0);
      const { cards, threads, updates } = posts(since);
      expect(updates).toHaveLength(0);
      expect(cards).toHaveLength(500);
      expect(new Set(cards.map((c) => String(c.args.text).split(' ')[0])).size).toBe(500);
      for (const channel of Object.values(DEPARTMENTS)) expect(cards.filter((c) => c.args.channel === channel)).toHaveLength(100);
      expect(threads).toHaveLength(500);
      const rows = await core.deps.db.prisma.outbox.findMany({ where: { kind: 'card' } });
      expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    } finally {
      await drop();
    }
  });
});

function filing(i: number, department: string) {
  return {
    title: `副本投递 ${i}`,
    description: '客户反馈阀体内径超差。',
    demand: 'apology',
    customerName: '张伟',
    customerContact: '13812345678',
    intakeChannel: 'phone',
    category: 'product_quality',
    department,
  };
}
