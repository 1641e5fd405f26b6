/**
 * Repeat detection through the Slack app (issue 15 item 8), in simulated time: a second complaint from the
 * same customer about the same product shows "possible repeat of KS-…" on its channel card; the quality head
 * confirms it from the card's button; card and timeline show the link; the monthly report counts it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, interaction, submission } from '../support/slack-requests.ts';
import { SLACK_USERS, startSlack, type SlackRun } from '../support/slack.ts';

const U = (person: string) => SLACK_USERS[person]!.id;
const CHANNEL = 'C0QUALITY01';

describe('repeat detection on Slack', () => {
  let s: SlackRun;
  let views = 500;
  beforeAll(async () => {
    s = await startSlack(); // Monday 2026-03-02 09:30 in Shanghai
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  async function file(values: Record<string, string>): Promise<{ id: string; number: string }> {
    const before = s.fake.calls.length;
    await interaction(s.events, { type: 'shortcut', callback_id: 'kesu_file_complaint', trigger_id: `t-${views}`, user: { id: U('chen.jing') }, team: { id: 'T0KESU' }, token: 'x', action_ts: '1' });
    const view = { ...(await s.fake.waitFor('views.open', () => true, before)).args.view, id: `V${++views}` };
    const res = await interaction(s.events, submission(U('chen.jing'), view, { demand: 'apology', intakeChannel: 'phone', category: 'product_quality', ...values }));
    expect(res.status).toBe(200);
    const c = await s.running.core.deps.db.prisma.complaint.findFirstOrThrow({ where: { title: values.title! } });
    await s.running.engine.idle();
    return { id: c.id, number: c.number };
  }

  /** The card as the quality channel shows it now (its last post or update), as text. */
  const card = (complaintId: string) =>
    JSON.stringify(
      s.fake.calls.filter((c) => ['chat.postMessage', 'chat.update'].includes(c.method) && c.args.channel === CHANNEL && !c.args.thread_ts && JSON.stringify(c.args.blocks ?? []).includes(`"value":"${complaintId}"`)).at(-1)?.args.blocks ?? [],
    );

  /** The card's timeline reply in its thread, as it reads now. */
  async function timeline(complaintId: string): Promise<string> {
    const ref = await s.running.core.deps.db.prisma.messageRef.findFirstOrThrow({ where: { complaintId, platform: 'slack', address: CHANNEL } });
    const last = s.fake.calls.filter((c) => (c.method === 'chat.postMessage' && c.args.thread_ts === ref.messageId) || (c.method === 'chat.update' && c.args.ts === ref.threadId)).at(-1);
    return JSON.stringify(last?.args ?? {});
  }

  it('a second complaint by the same customer about the same product is recognised, confirmed from the card and counted', async () => {
    const first = await file({
      title: '阀体内径超差',
      description: '第 3 批阀体内径超出公差 0.05 mm，影响装配。',
      customerName: '张伟',
      customerCompany: '宁波东方阀门有限公司',
      productNo: 'VB-100',
    });
    expect(card(first.id)).not.toContain('疑似重复');

    s.clock.set('2026-03-16T02:00:00Z'); // two weeks later: another contact person of the same company, the same part
    const second = await file({
      title: '阀门装不上',
      description: '客户称新到的阀门无法装入壳体。',
      customerName: '王芳',
      customerCompany: '宁波东方阀门',
      productNo: 'vb 100',
    });
    const shown = card(second.id);
    expect(shown).toContain(`疑似重复：${first.number}（同一客户、同一产品）`);
    expect(shown).toContain('"action_id":"kesu:act:link_repeat"');
    expect(await timeline(second.id)).toContain(`发现疑似重复投诉 ${first.number}（立案时）`);

    // The quality head opens the button's form: the suggested complaint is offered; they confirm it.
    const before = s.fake.calls.length;
    const click = fixture('block-actions');
    click.user = { ...click.user, id: U('zhang.wei') };
    click.actions[0] = { ...click.actions[0], action_id: 'kesu:act:link_repeat', value: second.id };
    await interaction(s.events, click);
    const open = await s.fake.waitFor('views.open', (c) => c.args.view.callback_id === 'kesu:form:link_repeat', before);
    expect(JSON.stringify(open.args.view.blocks)).toContain(`"value":"${first.number}"`);
    const res = await interaction(s.events, submission(U('zhang.wei'), { ...open.args.view, id: `V${++views}` }, { candidate: first.number, decision: 'confirm', note: '同一批次内径问题' }));
    expect(res.json?.view?.callback_id).toBe('kesu:done');
    await s.running.engine.idle();

    const after = card(second.id);
    expect(after).toContain(`重复投诉：同 ${first.number}`);
    expect(after).not.toContain('疑似重复');
    expect(after).not.toContain('kesu:act:link_repeat');
    expect(await timeline(second.id)).toContain(`确认为 ${first.number} 的重复投诉`);

    // The monthly report on April's first working day: one of March's two complaints is a repeat.
    s.clock.set('2026-04-01T01:00:00Z');
    const since = s.fake.calls.length;
    await s.running.engine.runOnce();
    const gm = s.fake.calls.slice(since).find((c) => c.method === 'files.completeUploadExternal' && c.args.channel_id === 'D0WANG' && JSON.stringify(c.args.blocks).includes('投诉月报'));
    expect(gm, 'the monthly report reached the GM').toBeDefined();
    expect(JSON.stringify(gm!.args.blocks)).toContain('重复投诉：50%（1/2）');
  });
});
