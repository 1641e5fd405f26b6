/**
 * The monthly report in the local console of the shipped example organisation: it arrives in the
 * management channel (#管理层) on the first working day, with its chart, and anyone may read it there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint } from '../../src/commands/file.ts';
import { filingForm } from '../support/org.ts';
import { EXAMPLE_CONFIG, startConsole, type ConsoleRun } from '../support/console.ts';

describe('reports in the console', () => {
  let c: ConsoleRun;
  beforeAll(async () => {
    c = await startConsole({ config: EXAMPLE_CONFIG, start: '2026-03-31T01:30:00Z' }); // Tuesday 09:30
    await fileComplaint(c.running.core.deps, { id: 'chen.jing', name: '陈静' }, filingForm());
    await c.api('zhang.wei', '/api/clock/advance', { by: 'hour' }); // the engine's first run
  });
  afterAll(async () => c?.cleanup());

  it('the management channel is listed and readable by anyone; March’s report arrives there on April 1', async () => {
    expect((await c.api('liu.yang', '/api/session')).data.channels).toContainEqual({ id: '#management', name: '#管理层' });
    const empty = await c.api('liu.yang', `/api/conversations/${encodeURIComponent('#management')}`);
    expect(empty.status).toBe(200);
    expect(empty.data.html).not.toContain('投诉月报');
    await c.api('zhang.wei', '/api/clock/advance', { by: 'day' }); // Wednesday 04-01 10:30
    const management = await c.api('liu.yang', `/api/conversations/${encodeURIComponent('#management')}`);
    expect(management.data.html).toMatch(/投诉月报[^]*2026-03 客诉统计（全公司）[^]*受理 1 件[^]*<figure class="chart">/);
    expect(management.data.html).not.toContain('13812345678'); // statistics only, no contact data
  });
});
