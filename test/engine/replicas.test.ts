/** Several engine processes on one PostgreSQL database deliver every due step exactly once. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { openTestDatabase, pgAvailable, type TestDatabase } from '../support/db.ts';
import { actor, filingForm, testOrg } from '../support/org.ts';
import { exited, spawnWorker } from '../support/workers.ts';

const org = testOrg();

describe.runIf(pgAvailable())('replicas on PostgreSQL', () => {
  let db: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'kesu-replicas-'));
  afterAll(async () => {
    await db?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('3 engine processes ticking one database deliver each of 500 due steps exactly once', { timeout: 180_000 }, async () => {
    db = await openTestDatabase('postgresql');
    const deps = org.deps(db, new ManualClock('2026-03-02T02:00:00Z'));
    // 125 complaints × (response, 8D) deadlines, each owing its overdue notice and GM escalation: 500 steps.
    for (let i = 0; i < 125; i += 25) {
      await Promise.all(Array.from({ length: 25 }, (_, j) => fileComplaint(deps, actor('cs.li'), filingForm({ title: `副本测试 ${i + j}` }))));
    }
    const log = join(dir, 'deliveries.log');
    const at = new Date('2026-03-20T03:00:00Z');
    const results = await Promise.all([1, 2, 3].map(() => exited(spawnWorker({ databaseUrl: db.url, log, at }))));
    for (const r of results) expect(r.code, r.stderr).toBe(0);

    const steps = await db.prisma.deadline.findMany();
    expect(steps).toHaveLength(250 + 125); // and each missed 8D's delay notice (seed 001 §5.3)
    expect(steps.every((d) => d.ladderStep === 3 && d.nextStepAt === null)).toBe(true);
    const done = readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('done ')).map((l) => l.slice(5));
    const outbox = await db.prisma.outbox.findMany();
    // Each step's notifications: overdue → head + channel, escalation → GM; each delay notice besides its
    // own notice; plus one digest.
    expect(outbox).toHaveLength(250 * 3 + 125 * 4 + 1);
    expect(outbox.every((r) => r.status === 'sent')).toBe(true);
    expect(done.length).toBe(outbox.length);
    expect(new Set(done).size).toBe(done.length);
    const byWorker = new Set(outbox.map((r) => r.messageId!.split(':')[0]));
    console.log(`replicas: ${done.length} deliveries, ${new Set(done).size} distinct, by ${byWorker.size} processes`);
  });
});
