/**
 * Crash test: an engine process is killed with SIGKILL at random points while it ticks and delivers
 * (several targets at once), then restarted, over and over. Afterwards every due step has been
 * delivered, no step was written twice, and the only repeated deliveries are the ones in flight at a
 * kill: after each kill, the sends that process had started and not recorded as sent are counted.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { actor, filingForm, testOrg } from '../support/org.ts';
import { exited, spawnWorker } from '../support/workers.ts';

const org = testOrg();
const KILLS = 24;

describe('crash safety', () => {
  let db: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'kesu-crash-'));
  afterAll(async () => {
    await db?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`survives ${KILLS} SIGKILLs during ticks and deliveries without losing or duplicating a step`, { timeout: 300_000 }, async () => {
    db = await openTestDatabase('sqlite');
    const deps = org.deps(db, new ManualClock('2026-03-02T02:00:00Z'));
    for (let i = 0; i < 160; i++) await fileComplaint(deps, actor('cs.li'), filingForm({ title: `崩溃测试 ${i}` }));
    const log = join(dir, 'deliveries.log');
    const at = new Date('2026-03-20T03:00:00Z');
    const size = () => (existsSync(log) ? statSync(log).size : 0);

    let kills = 0;
    let inFlightAtKills = 0;
    let mostAtOneKill = 0;
    while (kills < KILLS) {
      const child = spawnWorker({ databaseUrl: db.url, log, at, delayMs: 8 });
      const done = exited(child);
      const start = size();
      // Wait until this process is at work (or finished), then kill it at a random moment.
      const deadline = Date.now() + 20_000;
      let finished = false;
      void done.then(() => (finished = true));
      while (!finished && size() === start && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      if (finished) break;
      await new Promise((r) => setTimeout(r, Math.random() * 80));
      child.kill('SIGKILL');
      const r = await done;
      if (r.signal !== 'SIGKILL') continue;
      kills++;
      // The dead process's sends: those not recorded as sent will be delivered again by the next one.
      const started = new Set(
        readFileSync(log).subarray(start).toString('utf8').split('\n').filter((l) => l.startsWith('start ')).map((l) => l.slice(6)),
      );
      const unrecorded = await db.prisma.outbox.count({ where: { dedupeKey: { in: [...started] }, status: { not: 'sent' } } });
      inFlightAtKills += unrecorded;
      mostAtOneKill = Math.max(mostAtOneKill, unrecorded);
    }
    const last = await exited(spawnWorker({ databaseUrl: db.url, log, at }));
    expect(last.code, last.stderr).toBe(0);

    const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    const starts = new Map<string, number>();
    for (const l of lines) if (l.startsWith('start ')) starts.set(l.slice(6), (starts.get(l.slice(6)) ?? 0) + 1);
    const outbox = await db.prisma.outbox.findMany();
    const deadlines = await db.prisma.deadline.findMany();

    expect(deadlines.every((d) => d.ladderStep === 3 && d.nextStepAt === null)).toBe(true);
    // Each step written once: per deadline (response, 8D) overdue ×2 and escalation ×1; per complaint the delay
    // notice its missed 8D opens (seed 001 §5.3: the notice, then its own overdue ×2 and escalation); one digest.
    expect(outbox).toHaveLength(320 * 3 + 160 * 4 + 1);
    expect(outbox.every((r) => r.status === 'sent')).toBe(true);
    for (const r of outbox) expect(starts.get(r.dedupeKey) ?? 0, r.dedupeKey).toBeGreaterThan(0);
    const repeated = [...starts.values()].filter((n) => n > 1).reduce((a, n) => a + n - 1, 0);
    console.log(
      `crash test: ${kills} kills, ${outbox.length} notifications delivered, ${repeated} repeated deliveries; ` +
        `${inFlightAtKills} sends were in flight at the kills (at most ${mostAtOneKill} at one)`,
    );
    expect(kills).toBeGreaterThanOrEqual(20);
    expect(repeated).toBe(inFlightAtKills);
  });
});
