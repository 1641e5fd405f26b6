/**
 * Issue 7's acceptance: the engine process is killed before Monday 09:00 and restarted at 11:00; the
 * weekly report goes out once, at the restart, and later runs never repeat it. Real processes, SIGKILL.
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
const sh = (local: string) => new Date(`${local}+08:00`);

describe('weekly report across a crash', () => {
  let db: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'kesu-report-'));
  afterAll(async () => {
    await db?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('killed across Monday 09:00 and restarted at 11:00: the weekly report is sent exactly once', { timeout: 120_000 }, async () => {
    db = await openTestDatabase('sqlite');
    const log = join(dir, 'deliveries.log');
    const size = () => (existsSync(log) ? statSync(log).size : 0);
    const run = async (local: string) => {
      const r = await exited(spawnWorker({ databaseUrl: db.url, log, at: sh(local) }));
      expect(r.code, r.stderr).toBe(0);
    };

    await run('2026-11-19T09:00:00'); // the engine runs on Thursday morning
    // Filed Thursday 10:00: their response deadlines (Friday 10:00) pass while nothing runs.
    const deps = org.deps(db, new ManualClock(sh('2026-11-19T10:00:00')));
    for (let i = 0; i < 12; i++) await fileComplaint(deps, actor('cs.li'), filingForm({ title: `周报测试 ${i}` }));

    // Monday 08:58: the engine is at work on Friday's reminders and notices when it is killed.
    const child = spawnWorker({ databaseUrl: db.url, log, at: sh('2026-11-23T08:58:00'), delayMs: 30 });
    let finished = false;
    const done = exited(child).finally(() => (finished = true));
    while (size() === 0 && !finished) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    const before = readFileSync(log, 'utf8');
    expect(before).not.toContain('report:');

    // Down over 09:00; back at 11:00, then running on through the week.
    await run('2026-11-23T11:00:00');
    await run('2026-11-23T11:30:00');
    await run('2026-11-24T09:00:00');

    const starts = readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('start report:'));
    expect(starts.sort()).toEqual(['gm.wang', 'l.he', 'q.chen', 's.zhou'].map((id) => `start report:weekly:2026-11-23:person:${id}:local:${id}`));
    const rows = await db.prisma.outbox.findMany({ where: { kind: 'report' } });
    expect(rows.map((r) => r.targetId).sort()).toEqual(['gm.wang', 'l.he', 'q.chen', 's.zhou']);
    expect(rows.every((r) => r.status === 'sent' && r.createdAt.getTime() === sh('2026-11-23T11:00:00').getTime())).toBe(true);
    const gm = JSON.parse(rows.find((r) => r.targetId === 'gm.wang')!.payload) as { text: string };
    expect(gm.text.split('\n')[1]).toMatch(/^未结 12 件 · 逾期 12 件/);
  });

  it('killed while delivering the weekly report: after the restart every recipient has it, written once', { timeout: 120_000 }, async () => {
    const second = await openTestDatabase('sqlite');
    try {
      const log = join(dir, 'deliveries-2.log');
      const lines = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);
      const run = async (local: string) => {
        const r = await exited(spawnWorker({ databaseUrl: second.url, log, at: sh(local) }));
        expect(r.code, r.stderr).toBe(0);
      };
      await run('2026-11-19T09:00:00');
      const deps = org.deps(second, new ManualClock(sh('2026-11-19T10:00:00')));
      for (let i = 0; i < 6; i++) await fileComplaint(deps, actor('cs.li'), filingForm({ title: `周报测试 ${i}` }));

      // Monday 09:00: the slot is claimed and its messages written; the process dies while sending them.
      const child = spawnWorker({ databaseUrl: second.url, log, at: sh('2026-11-23T09:00:00'), delayMs: 60 });
      let finished = false;
      const done = exited(child).finally(() => (finished = true));
      while (!lines().some((l) => l.startsWith('start report:')) && !finished) await new Promise((r) => setTimeout(r, 2));
      child.kill('SIGKILL');
      expect((await done).signal).toBe('SIGKILL');
      // Sends the dead process had started and not recorded as sent: only these may go twice.
      const startedBeforeKill = lines().filter((l) => l.startsWith('start report:')).map((l) => l.slice(6));
      const inFlight = await second.prisma.outbox.count({ where: { dedupeKey: { in: startedBeforeKill }, status: { not: 'sent' } } });
      await run('2026-11-23T09:05:00');

      const rows = await second.prisma.outbox.findMany({ where: { kind: 'report' } });
      expect(rows.map((r) => r.targetId).sort()).toEqual(['gm.wang', 'l.he', 'q.chen', 's.zhou']);
      expect(rows.every((r) => r.status === 'sent')).toBe(true);
      const starts = lines().filter((l) => l.startsWith('start report:'));
      for (const r of rows) expect(starts.filter((l) => l === `start ${r.dedupeKey}`).length).toBeGreaterThanOrEqual(1);
      // Only messages in flight at the kill go twice (the platform's own dedupe, e.g. Feishu's uuid, absorbs them).
      expect(starts.length - rows.length).toBe(inFlight);
    } finally {
      await second.cleanup();
    }
  });
});
