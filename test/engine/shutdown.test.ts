/**
 * Stopping with a delivery backlog: the dispatcher stops between two messages instead of working
 * through a queue paced at one message a second; what was not sent stays pending, unleased, and the
 * next engine sends it — nothing lost, nothing twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { boot } from '../../src/bot/boot.ts';
import { startEngine } from '../../src/bot/engine.ts';
import { ManualClock } from '../../src/clock.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { createLogger } from '../../src/logger.ts';
import { RecordingDeliverer } from '../../src/notifiers/deliverer.ts';
import { actor, filingForm, FIXTURE_CONFIG } from '../support/org.ts';

describe('engine shutdown with a backlog', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kesu-shutdown-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves the rest pending for the next engine', async () => {
    const env = { DATABASE_URL: `file:${join(dir, 'kesu.db')}`, KESU_CONFIG: FIXTURE_CONFIG };
    const logger = createLogger('silent');
    const clock = new ManualClock('2026-03-02T01:30:00Z');
    const core = await boot({ env, cwd: dir, clock, logger });
    const slow = new RecordingDeliverer('local', 1); // one message a second to a channel
    const engine = await startEngine(core, [slow], { schedule: false });
    for (let i = 0; i < 4; i++) await fileComplaint(core.deps, actor('cs.li'), filingForm({ title: `第 ${i + 1} 件` }));
    await expect.poll(() => slow.sent.length).toBeGreaterThanOrEqual(1);
    await engine.stop();
    const { prisma } = core.deps.db;
    const pending = await prisma.outbox.findMany({ where: { status: 'pending' } });
    expect(slow.sent.length).toBeLessThan(4);
    expect(pending).toHaveLength(4 - slow.sent.length);
    expect(pending.map((r) => r.leaseOwner)).toEqual(pending.map(() => null));

    const fast = new RecordingDeliverer();
    const next = await startEngine(core, [fast], { schedule: false });
    await next.runOnce();
    await next.stop();
    await core.close();
    expect([...slow.sent, ...fast.sent].map((m) => m.view.card?.number).sort()).toEqual(['KS-2026-0001', 'KS-2026-0002', 'KS-2026-0003', 'KS-2026-0004']);
  });
});
