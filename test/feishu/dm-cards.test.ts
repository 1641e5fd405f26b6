/**
 * Every DM about a complaint carries its card on Feishu (issue 14): one interactive card with the
 * notice on top and the complaint's card for that person under it (their buttons); a reassignment
 * patches the old department's card to "moved to <department>" without buttons; Feishu knows no user
 * language, so the configured one is used (a person's locale, else the organisation's).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEISHU_USERS, feishuFixture, sendFeishu, startFeishu, type FeishuRun } from '../support/feishu.ts';
import type { FeishuCall } from '../support/fake-feishu.ts';

const OU = (person: string) => FEISHU_USERS[person]!;

/** Every button's callback value in a card. */
const buttonsOf = (card: unknown): Array<{ action: string; complaint: string }> => {
  const out: Array<{ action: string; complaint: string }> = [];
  JSON.stringify(card, (key, value: any) => {
    if (value && value.tag === 'button') for (const b of value.behaviors ?? []) if (b.value?.kesu === 'act') out.push(b.value);
    return value;
  });
  return out;
};

describe('DMs about a complaint carry its card (Feishu)', () => {
  let f: FeishuRun;
  let events = 0;
  beforeAll(async () => {
    f = await startFeishu();
  });
  afterAll(async () => {
    await f?.cleanup();
  });

  const callback = (person: string, value: unknown, formValue: Record<string, unknown> = {}) => {
    const e = feishuFixture('card-action');
    e.header.event_id = `dm-cards-${++events}`;
    e.event.operator = { ...e.event.operator, open_id: OU(person) };
    e.event.action = { ...e.event.action, value, form_value: formValue };
    e.event.context = { ...e.event.context, open_message_id: `om_form_${events}` };
    return e;
  };

  /** Press a button on `card` as `person`; with `values`, fill the form that arrives by DM and submit it. Returns the form DM. */
  async function press(card: unknown, complaint: string, person: string, action: string, values?: Record<string, unknown>): Promise<FeishuCall> {
    expect(buttonsOf(card).map((b) => b.action), `the card offers ${action}`).toContain(action);
    const before = f.feishu.calls.length;
    const click = await sendFeishu(f.events, callback(person, { kesu: 'act', action, complaint }));
    expect(click.json.toast?.type, JSON.stringify(click.json)).toBe('info');
    const dm = await f.feishu.waitFor((c) => c.body.receive_id === OU(person) && JSON.stringify(c.card ?? {}).includes(`"form":"${action}"`), before);
    if (values) {
      const value = JSON.parse(JSON.stringify(dm.card).match(/"value":(\{"kesu":"form"[^}]*\})/)![1]!);
      const res = await sendFeishu(f.events, callback(person, value, values));
      expect(res.json.toast, `${action} by ${person}`).toMatchObject({ type: 'success' });
      await f.running.engine.idle();
    }
    return dm;
  }

  async function file(title: string, values: Record<string, unknown> = {}): Promise<string> {
    const value = { kesu: 'form', form: 'file', sourceKey: `feishu:${title}` };
    const form = { title, description: `${title}：客户来电`, demand: 'apology', customerName: '王芳', intakeChannel: 'phone', category: 'product_quality', ...values };
    expect((await sendFeishu(f.events, callback('chen.jing', value, form))).json.toast.type).toBe('success');
    await f.running.engine.idle();
    return (await f.running.core.deps.db.prisma.complaint.findFirstOrThrow({ where: { title } })).id;
  }

  const cardIn = (chat: string, complaintId: string, since = 0) =>
    f.feishu.sent(since).filter((c) => c.body.receive_id === chat && buttonsOf(c.card).some((b) => b.complaint === complaintId)).at(-1);

  /** The complaint's card in a chat as it is now: its latest patch, else its first post. */
  async function currentCard(chat: string, complaintId: string): Promise<unknown> {
    const ref = await f.running.core.deps.db.prisma.messageRef.findFirstOrThrow({ where: { complaintId, platform: 'feishu', address: chat } });
    const cardId = ref.messageId;
    const patch = f.feishu.calls.filter((c) => c.method === 'PATCH' && c.path.endsWith(`/messages/${cardId}`)).at(-1);
    return (patch ?? cardIn(chat, complaintId))!.card;
  }

  it('a claim to approve: the sales manager’s DM names the amount, with the card and Approve, which opens the approval form', async () => {
    const id = await file('阀门索赔', { claimAmount: '8600' });
    const dm = f.feishu.sent().find((c) => c.body.receive_id === OU('li.qiang') && JSON.stringify(c.card).includes('需要您审批'));
    expect(dm, 'the sales manager’s DM').toBeDefined();
    expect(dm!.body.msg_type).toBe('interactive');
    const elements = dm!.card.body.elements;
    expect(elements[0].text.content).toContain('需要您审批：索赔 ¥8,600.00'); // the notice on top
    expect(dm!.card.header.title.content).toContain('阀门索赔'); // the complaint's card under it
    const actions = buttonsOf(dm!.card).map((b) => b.action);
    expect(actions).toContain('approve');
    expect(actions).not.toContain('acknowledge'); // this person's buttons, not the channel's
    await press(dm!.card, id, 'li.qiang', 'approve');
  });

  it('reassigned: the old department’s card is patched to “moved to” without buttons, sales gets a new card, the new handler hears in her configured language', async () => {
    const id = await file('错发型号');
    const quality = cardIn('oc_placeholder_quality', id);
    const ref = await f.running.core.deps.db.prisma.messageRef.findFirstOrThrow({ where: { complaintId: id, platform: 'feishu', address: 'oc_placeholder_quality' } });
    const before = f.feishu.calls.length;
    await press(quality!.card, id, 'chen.jing', 'reassign', { department: 'sales', reason: '属销售下单错误' });
    const cardId = ref.messageId;
    const moved = await f.feishu.waitFor((c) => c.method === 'PATCH' && c.path.endsWith(`/messages/${cardId}`) && JSON.stringify(c.card ?? {}).includes('已转至'), before);
    expect(JSON.stringify(moved.card)).toContain('已转至 销售部');
    expect(buttonsOf(moved.card)).toEqual([]);
    const sales = cardIn('oc_placeholder_sales', id, before);
    expect(buttonsOf(sales!.card).map((b) => b.action)).toContain('acknowledge');

    const ack = f.feishu.calls.length;
    await press(sales!.card, id, 'li.qiang', 'acknowledge', { handlerId: 'zhou.min', firstResponse: '已致歉' });
    const dm = await f.feishu.waitFor((c) => c.body.receive_id === OU('zhou.min') && JSON.stringify(c.card ?? {}).includes('You are the handler of'), ack);
    expect(dm.card.body.elements[0].text.content).toContain('You are the handler of');
    expect(JSON.stringify(dm.card)).toContain('Acknowledged'); // the card in her language too
    expect(buttonsOf(dm.card).map((b) => b.action)).toContain('submit_8d');
  });

  it('a reopen tells the handler by DM with the reason, the new deadline and the card; twice unsatisfied, the GM’s DM has the card with the decision button', async () => {
    const id = await file('交货延误两周');
    const onCard = async (action: string, person: string, values: Record<string, unknown>) => press(await currentCard('oc_placeholder_quality', id), id, person, action, values);
    const dmTo = (person: string, text: string, since: number) => f.feishu.sent(since).find((c) => c.body.receive_id === OU(person) && JSON.stringify(c.card ?? {}).includes(text));
    const eightD = { d1Team: '质量部', d2Problem: '交货延误', d3Containment: '加急', d4RootCause: '排产冲突', rootCauseTags: '排产', d5Corrective: '调整排产', d6Verification: '按期交付', d7Prevention: '排产评审', sentVia: 'email' };
    await onCard('acknowledge', 'zhang.wei', { handlerId: 'zhang.wei', firstResponse: '已致歉' });
    await onCard('submit_8d', 'zhang.wei', eightD);
    await onCard('resolve', 'zhang.wei', { kinds: ['apology'], summary: '致歉' });
    let before = f.feishu.calls.length;
    await onCard('revisit', 'chen.jing', { outcome: 'unsatisfied', note: '客户仍不满意' });
    const reopened = dmTo('zhang.wei', '重新打开', before)!;
    expect(reopened.card.body.elements[0].text.content).toMatch(/客户仍不满意。首次回复需在 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 前完成/);
    expect(buttonsOf(reopened.card).map((b) => b.action)).toContain('acknowledge');

    await press(reopened.card, id, 'zhang.wei', 'acknowledge', { firstResponse: '再次致歉' });
    await onCard('resolve', 'zhang.wei', { kinds: ['compensation'], summary: '补偿运费' });
    before = f.feishu.calls.length;
    await onCard('revisit', 'chen.jing', { outcome: 'unsatisfied', note: '要求退货' });
    const toGm = dmTo('wang.jianguo', '已升级至总经理', before)!;
    expect(buttonsOf(toGm.card).map((b) => b.action)).toContain('gm_decide');
    await press(toGm.card, id, 'wang.jianguo', 'gm_decide', { decision: '同意退货' });
    expect((await f.running.core.deps.db.prisma.complaint.findUniqueOrThrow({ where: { id } })).status).toBe('closed');
  });
});
