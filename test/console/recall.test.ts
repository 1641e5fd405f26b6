/**
 * A recall through the console (seed 001 §6.9): the department reports it from the card's button, the
 * Sales head and the GM get it by DM with the card, the GM decides from the decision button in the DM,
 * and the channel's card shows the decision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act } from '../../src/commands/act.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { actor, filingForm } from '../support/org.ts';
import { startConsole, type ConsoleRun } from '../support/console.ts';

describe('console: a recall reported from the card and decided by the GM from the DM', () => {
  let c: ConsoleRun;
  beforeAll(async () => {
    c = await startConsole();
  });
  afterAll(async () => c?.cleanup());

  const html = async (who: string, conversation: string) => (await c.api(who, `/api/conversations/${encodeURIComponent(conversation)}`)).data.html as string;

  it('reports, notifies, decides', async () => {
    const deps = c.running.core.deps;
    const { state } = await fileComplaint(deps, actor('cs.li'), filingForm());
    await act(deps, actor('q.liu'), state.complaint.number, 'acknowledge', { firstResponse: '已致电客户' });
    await c.running.engine.idle();
    expect(await html('q.liu', '#quality')).toContain('data-action="recall"');

    const form = await c.api('q.liu', '/api/forms/open', { form: 'recall', complaint: state.complaint.id });
    expect(form.status).toBe(200);
    expect(JSON.stringify(form.data)).toContain('其他受影响批次');
    const missing = await c.api('q.liu', '/api/forms/submit', { form: 'recall', complaint: state.complaint.id, values: { batches: '2403' } });
    expect(missing.status).toBe(422); // the severity is required: the form comes back with the error beside it
    const sent = await c.api('q.liu', '/api/forms/submit', { form: 'recall', complaint: state.complaint.id, values: { batches: '2403、2404', quantity: '1200', severity: 'safety' } });
    expect(sent.status).toBe(200);
    await c.running.engine.idle();

    const gm = await html('gm.wang', '@gm.wang');
    expect(gm).toContain('请在');
    expect(gm).toContain('前决定是否召回（安全性功能）');
    expect(gm).toContain('data-action="recall_decide"');
    expect(await html('s.zhou', '@s.zhou')).toContain('已上报召回（安全性功能）');

    const decided = await c.api('gm.wang', '/api/forms/submit', { form: 'recall_decide', complaint: state.complaint.id, values: { outcome: 'recall', scope: '2403、2404 全部召回', customers: '华东汽配' } });
    expect(decided.status).toBe(200);
    await c.running.engine.idle();
    expect(await html('q.liu', '@q.liu')).toContain('总经理决定召回 — 2403、2404 全部召回');
    const channel = await html('q.chen', '#quality');
    expect(channel).toContain('召回决定');
    expect(channel).toContain('召回：2403、2404 全部召回');
  });
});
