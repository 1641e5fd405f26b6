/**
 * The Feishu app in webhook mode: the real Lark SDK client against a fake Open API on 127.0.0.1, driven
 * only by encrypted, signed requests shaped like Feishu's (fixtures under test/fixtures/feishu/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEISHU_USERS, feishuFixture, sendFeishu, startFeishu, VERIFICATION_TOKEN, type FeishuRun } from '../support/feishu.ts';

const OU = (person: string) => FEISHU_USERS[person]!;
let events = 0;

/** A card callback from `person`: the value of the button they pressed, the form's values, the card's message. */
function callback(person: string, value: unknown, formValue: Record<string, unknown> = {}, messageId = 'om_card') {
  const e = feishuFixture('card-action');
  e.header.event_id = `ev-${++events}`;
  e.event.operator = { ...e.event.operator, open_id: OU(person) };
  e.event.action = { ...e.event.action, value, form_value: formValue };
  e.event.context = { ...e.event.context, open_message_id: messageId };
  return e;
}

/** The submit button's callback value in a form card. */
const submitValue = (card: any) => JSON.stringify(card).match(/"value":(\{"kesu":"form"[^}]*\})/)?.[1];

const FILING = {
  title: '阀体内径尺寸超差',
  description: '第 3 批阀体内径超差 0.05 mm，影响装配。',
  demand: 'replacement',
  customerName: '张伟',
  customerContact: '13812345678',
  intakeChannel: 'phone',
  category: 'product_quality',
};

describe('the Feishu app over webhooks', () => {
  let f: FeishuRun;
  let complaintId = '';
  beforeAll(async () => {
    f = await startFeishu();
  });
  afterAll(async () => {
    await f?.cleanup();
  });
  const count = () => f.running.core.deps.db.prisma.complaint.count();

  it('links people by email at start-up and answers the URL check', async () => {
    expect(f.running.core.deps.directory.personByFeishuId(OU('zhang.wei'))?.id).toBe('zhang.wei');
    const res = await sendFeishu(f.events, { type: 'url_verification', challenge: 'ajls384kdjx98XX', token: VERIFICATION_TOKEN });
    expect(res).toEqual({ status: 200, json: { challenge: 'ajls384kdjx98XX' } });
  });

  it('a /complaint message gets the filing form card; a bad submission gets a toast and the messages under the fields', async () => {
    const before = f.feishu.calls.length;
    expect((await sendFeishu(f.events, feishuFixture('message-receive'))).status).toBe(200);
    const sent = await f.feishu.waitFor((c) => c.path === '/open-apis/im/v1/messages' && c.body.receive_id === OU('chen.jing'), before);
    expect(sent.query.receive_id_type).toBe('open_id');
    expect(sent.card.schema).toBe('2.0');
    const form = sent.card.body.elements.find((e: any) => e.tag === 'form');
    expect(form.elements.map((e: any) => e.name)).toEqual(expect.arrayContaining(['title', 'description', 'customerContact', 'category', 'submit']));
    const value = JSON.parse(submitValue(sent.card)!);
    expect(value).toMatchObject({ kesu: 'form', form: 'file', sourceKey: expect.stringMatching(/^feishu:/) });

    const bad = await sendFeishu(f.events, callback('chen.jing', value, { ...FILING, customerContact: '打电话给我' }, sent.body.uuid));
    expect(bad.json.toast.type).toBe('error');
    expect(JSON.stringify(bad.json.card.data)).toMatch(/"name":"customerContact"[^]*"text_color":"red"/);
    expect(await count()).toBe(0);

    const good = await sendFeishu(f.events, callback('chen.jing', value, FILING));
    expect(good.json.toast).toEqual({ type: 'success', content: expect.stringContaining('已登记 KS-2026-0001') });
    expect(await count()).toBe(1);
    await f.running.engine.idle();
    const card = await f.feishu.waitFor((c) => c.path === '/open-apis/im/v1/messages' && c.body.receive_id === 'oc_placeholder_quality', before);
    expect(card.query.receive_id_type).toBe('chat_id');
    expect(card.body.uuid).toMatch(/^[0-9a-f]{50}$/);
    expect(JSON.stringify(card.card)).not.toContain('13812345678'); // contact masked in the group
    const ack = JSON.stringify(card.card).match(/\{"kesu":"act","action":"acknowledge","complaint":"([^"]+)"\}/);
    expect(ack).not.toBeNull();
    complaintId = ack![1]!;
  });

  it('a card button sends its form privately, and the submission patches the shared card', async () => {
    const before = f.feishu.calls.length;
    const click = await sendFeishu(f.events, callback('zhang.wei', { kesu: 'act', action: 'acknowledge', complaint: complaintId }));
    expect(click.json.toast.type).toBe('info');
    const dm = await f.feishu.waitFor((c) => c.path === '/open-apis/im/v1/messages' && c.body.receive_id === OU('zhang.wei'), before);
    const value = JSON.parse(submitValue(dm.card)!);
    expect(value).toEqual({ kesu: 'form', form: 'acknowledge', complaint: complaintId });

    const submit = callback('zhang.wei', value, { handlerId: 'liu.yang', firstResponse: '已致电客户致歉' }, 'om_dm_form_1');
    const res = await sendFeishu(f.events, submit);
    expect(res.json.toast.type).toBe('success');
    // The same event again (Feishu retries): acted once.
    expect((await sendFeishu(f.events, submit)).json).toEqual({});
    expect(await f.running.core.deps.db.prisma.complaintEvent.count({ where: { complaintId, type: 'acknowledged' } })).toBe(1);

    await f.running.engine.idle();
    const ref = await f.running.core.deps.db.prisma.messageRef.findFirstOrThrow({ where: { complaintId, platform: 'feishu' } });
    const cardId = ref.messageId;
    const patch = await f.feishu.waitFor((c) => c.method === 'PATCH' && c.path === `/open-apis/im/v1/messages/${cardId}`, before);
    expect(JSON.stringify(patch.card)).toContain('已受理');
    const dmToHandler = await f.feishu.waitFor((c) => c.path === '/open-apis/im/v1/messages' && c.body.receive_id === OU('liu.yang'), before);
    expect(JSON.stringify(dmToHandler.card)).toContain('您已被指定为 KS-2026-0001 的责任人');
  });

  it('refuses a bad signature and a stale timestamp, and changes nothing', async () => {
    const forged = await sendFeishu(f.events, feishuFixture('bot-menu'), { key: 'not-the-key' });
    expect(forged.status).toBe(401);
    const stale = await sendFeishu(f.events, feishuFixture('bot-menu'), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    expect(f.feishu.calls.filter((c) => c.body.receive_id === OU('chen.jing')).length).toBe(1); // only the first form card
  });

  it('the bot menu sends the filing form by DM', async () => {
    const before = f.feishu.calls.length;
    await sendFeishu(f.events, feishuFixture('bot-menu'));
    const sent = await f.feishu.waitFor((c) => c.body.receive_id === OU('chen.jing'), before);
    expect(JSON.stringify(sent.card)).toContain('"form":"file"');
  });

  it('a stale tenant token is refreshed and the message still goes out', async () => {
    f.feishu.expireToken();
    const before = f.feishu.calls.length;
    const res = await sendFeishu(f.events, callback('zhang.wei', { kesu: 'act', action: 'comment', complaint: complaintId }));
    expect(res.json.toast.type).toBe('info');
    const tokens = f.feishu.calls.slice(before).filter((c) => c.path.endsWith('/tenant_access_token/internal'));
    expect(tokens.length).toBeGreaterThanOrEqual(1);
  });
});
