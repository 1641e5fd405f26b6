/**
 * Whole lives of complaints through the Slack app alone: signed requests in, Web API calls out. One
 * is closed after a satisfied revisit; one is rejected twice by the customer and lands with the GM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, interaction, submission } from '../support/slack-requests.ts';
import { SLACK_USERS, startSlack, type SlackRun } from '../support/slack.ts';

const U = (person: string) => SLACK_USERS[person]!.id;

describe('complaint lifecycles on Slack', () => {
  let s: SlackRun;
  let views = 100;
  beforeAll(async () => {
    s = await startSlack();
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  /** File through the global shortcut's modal. The grade follows the demand (replacement → B, apology → A). */
  async function file(title: string, demand = 'replacement'): Promise<string> {
    const before = s.fake.calls.length;
    await interaction(s.events, { type: 'shortcut', callback_id: 'kesu_file_complaint', trigger_id: `t-${views}`, user: { id: U('chen.jing') }, team: { id: 'T0KESU' }, token: 'x', action_ts: '1' });
    const view = { ...(await s.fake.waitFor('views.open', () => true, before)).args.view, id: `V${++views}` };
    const values = { title, description: `${title}：客户来电投诉`, demand, customerName: '王芳', intakeChannel: 'phone', category: 'product_quality' };
    const res = await interaction(s.events, submission(U('chen.jing'), view, values));
    expect(res.status).toBe(200);
    const complaint = await s.running.core.deps.db.prisma.complaint.findFirstOrThrow({ where: { title } });
    await s.running.engine.idle(); // the card is in the channel
    return complaint.id;
  }

  /** The complaint's card as the department channel shows it now (the last post or update of it). */
  const channelCard = (complaintId: string) =>
    s.fake.calls.filter((c) => ['chat.postMessage', 'chat.update'].includes(c.method) && c.args.channel === 'C0QUALITY01' && !c.args.thread_ts && JSON.stringify(c.args.blocks ?? []).includes(`"value":"${complaintId}"`)).at(-1);

  /** Click the card's button as `person` — only a button the channel's card really shows — fill its modal, submit. */
  async function act(complaintId: string, person: string, action: string, values: Record<string, any>): Promise<void> {
    const buttons = (channelCard(complaintId)?.args.blocks ?? []).filter((b: any) => b.type === 'actions').flatMap((b: any) => b.elements.map((e: any) => e.action_id));
    expect(buttons, `the card offers ${action}`).toContain(`kesu:act:${action}`);
    const before = s.fake.calls.length;
    const click = fixture('block-actions');
    click.user = { ...click.user, id: U(person) };
    click.actions[0] = { ...click.actions[0], action_id: `kesu:act:${action}`, value: complaintId };
    await interaction(s.events, click);
    const open = await s.fake.waitFor('views.open', (c) => c.args.view.callback_id === `kesu:form:${action}`, before);
    const view = { ...open.args.view, id: `V${++views}` };
    const res = await interaction(s.events, submission(U(person), view, values));
    expect(res.json?.view?.callback_id, `${action} by ${person}: confirmed in place`).toBe('kesu:done');
    await s.running.engine.idle();
  }

  const eightD = (problem: string, rootCause: string) => ({
    d1Team: '质量部', d2Problem: problem, d3Containment: '隔离库存', d4RootCause: rootCause, rootCauseTags: '来料',
    d5Corrective: '纠正措施', d6Verification: '抽检合格', d7Prevention: '预防措施',
  });
  const status = async (id: string) => (await s.running.core.deps.db.prisma.complaint.findUniqueOrThrow({ where: { id } })).status;

  it('filed, acknowledged, 8D, resolved, revisited satisfied: closed — the card follows every step', async () => {
    const id = await file('密封圈漏油');
    await act(id, 'zhang.wei', 'acknowledge', { handlerId: 'liu.yang', firstResponse: '已回电致歉' });
    await act(id, 'liu.yang', 'submit_8d', eightD('密封圈漏油', '来料硬度不足'));
    // Grade B: the GM approves the solution, then the reply is recorded as sent to the customer.
    expect(await status(id)).toBe('awaiting_approval');
    await act(id, 'wang.jianguo', 'approve', { kind: 'solution', decision: 'approve' });
    await act(id, 'liu.yang', 'send_8d', { via: 'email' });
    await act(id, 'liu.yang', 'resolve', { kinds: ['replacement'], summary: '更换 20 件密封圈' });
    await act(id, 'chen.jing', 'revisit', { outcome: 'satisfied', score: 9, note: '客户满意' });
    expect(await status(id)).toBe('closed');
    const refs = await s.running.core.deps.db.prisma.messageRef.findMany({ where: { complaintId: id, platform: 'slack' } });
    expect(refs).toHaveLength(1); // one card, updated in place
    const ts = refs[0]!.messageId;
    const updates = s.fake.of('chat.update').filter((c) => c.args.ts === ts);
    expect(updates.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(updates.at(-1)!.args.blocks)).toContain('已结案');
  });

  it('unsatisfied twice: escalated, the GM gets it by DM and decides', async () => {
    const id = await file('交货延误两周', 'apology');
    await act(id, 'zhang.wei', 'acknowledge', { handlerId: 'zhang.wei', firstResponse: '已致歉' });
    // Grade A: the reply goes to the customer with the 8D (the form pre-selects email).
    await act(id, 'zhang.wei', 'submit_8d', { ...eightD('交货延误', '排产冲突'), sentVia: 'email' });
    await act(id, 'zhang.wei', 'resolve', { kinds: ['apology'], summary: '致歉并加急发货' });
    await act(id, 'chen.jing', 'revisit', { outcome: 'unsatisfied', note: '仍不满意' });
    expect(await status(id)).toBe('reopened');
    await act(id, 'zhang.wei', 'acknowledge', { firstResponse: '再次致歉' });
    await act(id, 'zhang.wei', 'resolve', { kinds: ['compensation'], summary: '补偿运费' });
    const before = s.fake.calls.length;
    await act(id, 'chen.jing', 'revisit', { outcome: 'unsatisfied', note: '要求退货' });
    expect(await status(id)).toBe('escalated');
    const dm = await s.fake.waitFor('chat.postMessage', (c) => c.args.channel === U('wang.jianguo'), before);
    expect(dm.args.text).toContain('已升级至总经理');
    await act(id, 'wang.jianguo', 'gm_decide', { decision: '同意退货并补偿运费' });
    expect(await status(id)).toBe('closed');
  });
});
