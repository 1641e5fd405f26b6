import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { boot } from '../../src/bot/boot.ts';
import { startEngine } from '../../src/bot/engine.ts';
import { ManualClock } from '../../src/clock.ts';
import { RecordingDeliverer } from '../../src/notifiers/deliverer.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { FIXTURE_CONFIG, actor, filingForm } from '../support/org.ts';
import { createLogger } from '../../src/logger.ts';

describe('the engine runtime', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kesu-engine-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { DATABASE_URL: `file:${join(dir, 'kesu.db')}`, KESU_CONFIG: FIXTURE_CONFIG };

  it('on SQLite a second engine process is refused with a clear message, and may start once the first stops', async () => {
    const logger = createLogger('silent');
    const a = await boot({ env, cwd: dir, logger });
    const b = await boot({ env, cwd: dir, logger });
    try {
      const first = await startEngine(a, [new RecordingDeliverer()], { schedule: false });
      await expect(startEngine(b, [new RecordingDeliverer()], { schedule: false })).rejects.toMatchObject({ code: 'engine_running' });
      await first.stop();
      const second = await startEngine(b, [new RecordingDeliverer()], { schedule: false });
      await second.stop();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('delivers a change right after it commits, without waiting for the next tick', async () => {
    const logger = createLogger('silent');
    const core = await boot({ env: { ...env, DATABASE_URL: `file:${join(dir, 'kick.db')}` }, cwd: dir, logger });
    const out = new RecordingDeliverer();
    const engine = await startEngine(core, [out], { schedule: false });
    try {
      const { state } = await fileComplaint(core.deps, actor('cs.li'), filingForm());
      await engine.idle();
      expect(out.sent.map((m) => `${m.kind} ${m.address}`)).toEqual(['card #quality']);
      expect(out.sent[0]!.view.card?.number).toBe(state.complaint.number);
    } finally {
      await engine.stop();
      await core.close();
    }
  });

  it('urgent complaints may be configured to escalate at once, quiet hours or not', async () => {
    const logger = createLogger('silent');
    // Friday 19:00, outside working hours: an urgent complaint's 24h deadlines fall due Saturday 19:00.
    const clock = new ManualClock('2026-03-06T11:00:00Z');
    const core = await boot({ env: { ...env, DATABASE_URL: `file:${join(dir, 'urgent.db')}` }, cwd: dir, logger, clock });
    core.config.deadlines.urgentIgnoresQuietHours = true;
    const out = new RecordingDeliverer();
    const engine = await startEngine(core, [out], { schedule: false });
    try {
      await fileComplaint(core.deps, actor('cs.li'), filingForm({ urgent: 'true' }));
      await fileComplaint(core.deps, actor('cs.li'), filingForm({ title: '普通投诉' }));
      clock.set('2026-03-07T11:00:00Z'); // Saturday 19:00: both due, only the urgent one notifies now
      await engine.runOnce();
      const overdue = out.sent.filter((m) => m.kind === 'overdue');
      // The response, the containment and the containment's report to the customer (seed 001 §5.1).
      expect(overdue.map((m) => m.address).sort()).toEqual(['#quality', '#quality', '#quality', 'q.chen', 'q.chen', 'q.chen']);
      expect(overdue.every((m) => m.view.text.includes('KS-2026-0001'))).toBe(true);
    } finally {
      await engine.stop();
      await core.close();
    }
  });
});
