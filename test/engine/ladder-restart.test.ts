/**
 * A re-grade restarts the ladder; when the due time stays the same, the steps already sent are not
 * sent again (their notifications keep their keys) — and the engine does not trip over them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { boot } from '../../src/bot/boot.ts';
import { startEngine } from '../../src/bot/engine.ts';
import { ManualClock } from '../../src/clock.ts';
import { act } from '../../src/commands/act.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { createLogger } from '../../src/logger.ts';
import { RecordingDeliverer } from '../../src/notifiers/deliverer.ts';
import { actor, filingForm, FIXTURE_CONFIG } from '../support/org.ts';

describe('a ladder restarted with the same due time', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kesu-restart-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sends nothing twice after a re-grade, and goes on working', async () => {
    const clock = new ManualClock('2026-03-02T01:30:00Z');
    const core = await boot({ env: { DATABASE_URL: `file:${join(dir, 'kesu.db')}`, KESU_CONFIG: FIXTURE_CONFIG }, cwd: dir, clock, logger: createLogger('silent') });
    const out = new RecordingDeliverer();
    const engine = await startEngine(core, [out], { schedule: false });
    try {
      const { state } = await fileComplaint(core.deps, actor('cs.li'), filingForm());
      await act(core.deps, actor('q.chen'), state.complaint.id, 'acknowledge', { handlerId: 'q.liu', firstResponse: '已回电' });
      clock.set('2026-03-13T01:30:00Z'); // past the 8D's escalation
      await engine.runOnce();
      const ladder = () => out.sent.filter((m) => ['remind', 'overdue', 'escalate'].includes(m.kind)).map((m) => `${m.kind} ${m.address}`);
      const before = ladder();
      expect(before).toEqual(expect.arrayContaining(['overdue #quality', 'escalate gm.wang']));

      await act(core.deps, actor('q.chen'), state.complaint.id, 'regrade', { grade: 'B', note: '影响装配' });
      clock.advance(60_000);
      const step = await engine.runOnce();
      expect(step.tick.steps).toBeGreaterThan(0); // the restarted ladder walked again…
      expect(ladder()).toEqual(before); // …but every step it reached had been sent already
    } finally {
      await engine.stop();
      await core.close();
    }
  });
});
