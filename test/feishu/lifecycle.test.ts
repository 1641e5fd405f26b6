/**
 * Whole lives on Feishu (closed after a satisfied revisit; twice unsatisfied → the GM), the bot menu
 * and a DM command bringing the filing form, and one complaint worked from both platforms against one
 * database: filed on Slack, acknowledged on Feishu, and both platforms' cards show the same state.
 * Every scenario runs on both transports: webhooks, and the long connection (frames to the real
 * WSClient from the fake endpoint, answers read from the client's response frames).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, interaction, slashCommand, submission } from '../support/slack-requests.ts';
import { FEISHU_USERS, feishuFixture, startFeishu, type FeishuRun, type Transport } from '../support/feishu.ts';
import { SLACK_USERS } from '../support/slack.ts';

const OU = (person: string) => FEISHU_USERS[person]!;

describe.each<Transport>(['webhook', 'long-connection'])('complaints on Feishu, and on Slack and Feishu at once (%s)', (transport) => {
  let f: FeishuRun;
  let events = 0;
  beforeAll(async () => {
    f = await startFeishu({ withSlack: true, transport });
  });
  afterAll(async () => {
    await f?.cleanup();
  });

  const callback = (person: string, value: unknown, formValue: Record<string, unknown> = {}) => {
    const e = feishuFixture('card-action');
    e.header.event_id = `life-${++events}`;
    e.event.operator = { ...e.event.operator, open_id: OU(person) };
    e.event.action = { ...e.event.action, value, form_value: formValue };
    e.event.context = { ...e.event.context, open_message_id: `om_form_${events}` };
    return e;
  };

  /** Press the card's button as `person` on Feishu, fill the form that arrives by DM, submit it. */
  async function act(complaint: string, person: string, action: string, values: Record<string, unknown>): Promise<void> {
    const before = f.feishu.calls.length;
    const click = await f.send(callback(person, { kesu: 'act', action, complaint }));
    expect(click.json.toast?.type, JSON.stringify(click.json)).toBe('info');
    const dm = await f.feishu.waitFor((c) => c.body.receive_id === OU(person) && JSON.stringify(c.card ?? {}).includes(`"form":"${action}"`), before);
    const value = JSON.parse(JSON.stringify(dm.card).match(/"value":(\{"kesu":"form"[^}]*\})/)![1]!);
    const res = await f.send(callback(person, value, values));
    expect(res.json.toast, `${action} by ${person}`).toMatchObject({ type: 'success' });
    await f.running.engine.idle();
  }

  /** File on Feishu. The grade follows the demand (replacement → B, apology → A). */
  async function fileOnFeishu(title: string, demand = 'replacement'): Promise<string> {
    const value = { kesu: 'form', form: 'file', sourceKey: `feishu:${title}` };
    const values = { title, description: `${title}：客户来电`, demand, customerName: '王芳', intakeChannel: 'phone', category: 'product_quality' };
    expect((await f.send(callback('chen.jing', value, values))).json.toast.type).toBe('success');
    return (await f.running.core.deps.db.prisma.complaint.findFirstOrThrow({ where: { title } })).id;
  }

  const status = async (id: string) => (await f.running.core.deps.db.prisma.complaint.findUniqueOrThrow({ where: { id } })).status;
  const eightD = { d1Team: '质量部', d2Problem: '漏油', d3Containment: '隔离库存', d4RootCause: '来料硬度不足', rootCauseTags: '来料', d5Corrective: '换批次', d6Verification: '抽检合格', d7Prevention: '来料检验加严' };

  it('filed, acknowledged, 8D, resolved, revisited satisfied: closed', async () => {
    const id = await fileOnFeishu('密封圈漏油');
    await act(id, 'zhang.wei', 'acknowledge', { handlerId: 'liu.yang', firstResponse: '已回电致歉' });
    await act(id, 'liu.yang', 'submit_8d', eightD);
    // Grade B: the GM approves the solution, then the reply is recorded as sent to the customer.
    expect(await status(id)).toBe('awaiting_approval');
    await act(id, 'wang.jianguo', 'approve', { kind: 'solution', decision: 'approve' });
    await act(id, 'liu.yang', 'send_8d', { via: 'email' });
    await act(id, 'liu.yang', 'resolve', { kinds: ['replacement'], summary: '更换 20 件' });
    await act(id, 'chen.jing', 'revisit', { outcome: 'satisfied', score: '9', note: '满意' });
    expect(await status(id)).toBe('closed');
  });

  it('unsatisfied twice: the GM gets the case by DM', async () => {
    const id = await fileOnFeishu('交货延误', 'apology');
    await act(id, 'zhang.wei', 'acknowledge', { firstResponse: '已致歉' });
    // Grade A: the reply goes to the customer with the 8D (the form pre-selects email).
    await act(id, 'zhang.wei', 'submit_8d', { ...eightD, sentVia: 'email' });
    await act(id, 'zhang.wei', 'resolve', { kinds: ['apology'], summary: '致歉' });
    await act(id, 'chen.jing', 'revisit', { outcome: 'unsatisfied', note: '不满意' });
    await act(id, 'zhang.wei', 'acknowledge', { firstResponse: '再次致歉' });
    await act(id, 'zhang.wei', 'resolve', { kinds: ['compensation'], summary: '补偿运费' });
    const before = f.feishu.calls.length;
    await act(id, 'chen.jing', 'revisit', { outcome: 'unsatisfied', note: '要求退货' });
    expect(await status(id)).toBe('escalated');
    const dm = await f.feishu.waitFor((c) => c.body.receive_id === OU('wang.jianguo') && JSON.stringify(c.card ?? {}).includes('已升级至总经理'), before);
    expect(dm.query.receive_id_type).toBe('open_id');
  });

  it('the bot menu and a DM command bring the filing form; submitting it files the complaint', async () => {
    const isFileForm = (c: { body: any; card?: unknown }) => c.body.receive_id === OU('chen.jing') && JSON.stringify(c.card ?? {}).includes('"form":"file"');
    const before = f.feishu.calls.length;
    const menu = feishuFixture('bot-menu');
    menu.header.event_id = `life-${++events}`;
    expect(await f.send(menu)).toMatchObject({ status: 200 });
    const form = await f.feishu.waitFor(isFileForm, before);
    const since = f.feishu.calls.length;
    const dm = feishuFixture('message-receive');
    dm.header.event_id = `life-${++events}`;
    dm.event.message = { ...dm.event.message, message_id: `om_dm_${events}`, content: JSON.stringify({ text: '/complaint' }) };
    expect(await f.send(dm)).toMatchObject({ status: 200 });
    await f.feishu.waitFor(isFileForm, since);
    const value = JSON.parse(JSON.stringify(form.card).match(/"value":(\{"kesu":"form"[^}]*\})/)![1]!);
    const values = { title: '菜单登记', description: '从菜单登记的客诉', demand: 'apology', customerName: '韩梅', intakeChannel: 'phone', category: 'product_quality' };
    const res = await f.send(callback('chen.jing', value, values));
    expect(res.json.toast).toMatchObject({ type: 'success' });
    expect(await f.running.core.deps.db.prisma.complaint.count({ where: { title: '菜单登记' } })).toBe(1);
  });

  it('filed on Slack, acknowledged on Feishu: both cards end up showing the same state', async () => {
    const slack = f.slack!;
    const events = `${f.running.url}slack/events`;
    const n = slack.calls.length;
    await slashCommand(events, fixture('slash-command'));
    const view = { ...(await slack.waitFor('views.open', () => true, n)).args.view, id: 'V0CROSS01' };
    const values = { title: '跨平台客诉', description: '在 Slack 登记，在飞书受理', demand: 'redo', customerName: '李雷', intakeChannel: 'email', category: 'product_quality' };
    expect((await interaction(events, submission(SLACK_USERS['chen.jing']!.id, view, values))).status).toBe(200);
    const id = (await f.running.core.deps.db.prisma.complaint.findFirstOrThrow({ where: { title: '跨平台客诉' } })).id;
    await f.running.engine.idle();

    await act(id, 'zhang.wei', 'acknowledge', { handlerId: 'liu.yang', firstResponse: '已联系客户' });
    const refs = await f.running.core.deps.db.prisma.messageRef.findMany({ where: { complaintId: id } });
    expect(refs.map((r) => r.platform).sort()).toEqual(['feishu', 'slack']);
    const slackTs = refs.find((r) => r.platform === 'slack')!.messageId;
    const feishuId = refs.find((r) => r.platform === 'feishu')!.messageId;
    const slackCard = await slack.waitFor('chat.update', (c) => c.args.ts === slackTs, n);
    const feishuCard = await f.feishu.waitFor((c) => c.method === 'PATCH' && c.path.endsWith(`/${feishuId}`));
    for (const text of [JSON.stringify(slackCard.args.blocks), JSON.stringify(feishuCard.card)]) {
      expect(text).toContain('已受理');
      expect(text).toContain('刘洋');
    }
  });
});
