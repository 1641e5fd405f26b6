/**
 * Improvement actions on Slack: March's monthly report opens one for the top cause and its owner, the
 * quality head, gets the notice by DM; they close it with the slash command and get the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act } from '../../src/commands/act.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { filingForm } from '../support/org.ts';
import { startSlack, type SlackRun } from '../support/slack.ts';
import { fixture, slashCommand } from '../support/slack-requests.ts';

const who = (id: string) => ({ id, name: id });

describe('improvement actions on Slack', () => {
  let s: SlackRun;
  beforeAll(async () => {
    s = await startSlack(); // Monday 2026-03-02 09:30 in Shanghai
    await s.running.engine.runOnce();
    const deps = s.running.core.deps;
    const { state } = await fileComplaint(deps, who('chen.jing'), filingForm());
    const n = state.complaint.number;
    await act(deps, who('zhang.wei'), n, 'acknowledge', { firstResponse: '已致电客户' });
    await act(deps, who('zhang.wei'), n, 'submit_8d', {
      d1Team: 'a', d2Problem: 'b', d3Containment: 'c', d4RootCause: 'd', causeCategory: 'measurement', rootCauseTags: '检具未校准', d5Corrective: 'e', d6Verification: 'f', d7Prevention: 'g',
    });
    await s.running.engine.idle();
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  it('the owner hears it by DM on April 1 and closes it with /complaint improvement close', async () => {
    s.clock.set('2026-04-01T01:00:00Z'); // Wednesday 09:00
    const since = s.fake.calls.length;
    await s.running.engine.runOnce();
    await s.running.engine.idle();
    const dm = await s.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'U0ZHANG' && String(c.args.text ?? JSON.stringify(c.args.blocks)).includes('IA-2026-03-1'), since);
    expect(JSON.stringify(dm.args)).toContain('改进行动 IA-2026-03-1 由您负责：“测量（检具未校准）”是 2026-03 第 1 大原因');

    const before = s.fake.calls.length;
    const url = `${s.fake.url}response_url/improvement`;
    await slashCommand(s.events, { ...fixture('slash-command'), user_id: 'U0ZHANG', channel_id: 'C0QUALITY01', text: 'improvement close IA-2026-03-1 检具已校准并纳入周检', response_url: url });
    const answer = await s.fake.waitFor('response_url', () => true, before);
    expect(JSON.stringify(answer.args)).toContain('改进行动 IA-2026-03-1（“测量（检具未校准）”）已关闭。');
    expect((await s.running.core.deps.db.prisma.improvement.findUniqueOrThrow({ where: { id: 'IA-2026-03-1' } })).status).toBe('closed');
  });
});
