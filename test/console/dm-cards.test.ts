/**
 * The console draws every DM about a complaint with its card for the viewer under the notice (issue
 * 14): the approver sees what is asked and their Approve button; after a reassignment the old
 * department's channel keeps a "moved" card without buttons and the new one gets the card.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint } from '../../src/commands/file.ts';
import { actor, filingForm } from '../support/org.ts';
import { startConsole, type ConsoleRun } from '../support/console.ts';

describe('console: DMs carry the card, a moved card stays moved', () => {
  let c: ConsoleRun;
  beforeAll(async () => {
    c = await startConsole();
  });
  afterAll(async () => c?.cleanup());

  const html = async (who: string, conversation: string) => (await c.api(who, `/api/conversations/${encodeURIComponent(conversation)}`)).data.html as string;

  it('the approver’s DM: the request with the amount, then the card with their buttons; reassigned: “moved” in the old channel, the card in the new one', async () => {
    const { state } = await fileComplaint(c.running.core.deps, actor('cs.li'), filingForm({ claimAmount: '8600' }));
    await c.running.engine.idle();
    const dm = await html('s.zhou', '@s.zhou');
    expect(dm).toContain('需要您审批：索赔 ¥8,600.00');
    expect(dm).toContain('<article class="card');
    expect(dm).toContain('data-action="approve"');
    expect(dm).not.toContain('data-action="acknowledge"');

    const res = await c.api('cs.li', '/api/forms/submit', { form: 'reassign', complaint: state.complaint.id, values: { department: 'sales', reason: '属销售问题' } });
    expect(res.status).toBe(200);
    await c.running.engine.idle();
    const quality = await html('q.chen', '#quality');
    expect(quality).toContain('已转交销售部');
    expect(quality).not.toContain('data-action=');
    expect(await html('s.zhou', '#sales')).toContain('data-action="acknowledge"');
  });
});
