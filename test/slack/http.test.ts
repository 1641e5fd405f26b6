/**
 * The real Bolt app in HTTP mode, driven only by signed requests shaped like Slack's (fixtures under
 * test/fixtures/slack/), against a fake Slack Web API on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, fixture, interaction, slashCommand, submission } from '../support/slack-requests.ts';
import { startSlack, type SlackRun } from '../support/slack.ts';

const FILING = {
  title: '阀体内径尺寸超差',
  description: '第 3 批阀体内径超差 0.05 mm，影响装配。',
  demand: 'replacement',
  customerName: '张伟',
  customerContact: '13812345678',
  intakeChannel: 'phone',
  category: 'product_quality',
};

describe('the Slack app over HTTP', () => {
  let s: SlackRun;
  let filingView: any;
  let complaintId = '';
  beforeAll(async () => {
    s = await startSlack();
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  const count = () => s.running.core.deps.db.prisma.complaint.count();
  const submit = (view: any, values: Record<string, any>, user = 'U0CHEN', opts = {}) => interaction(s.events, submission(user, view, values), opts);
  /** Click a card button as `user` and return the modal it opened. */
  const openForm = async (action: string, complaint: string, user: string) => {
    const before = s.fake.calls.length;
    const click = fixture('block-actions');
    click.user = { ...click.user, id: user };
    click.actions[0] = { ...click.actions[0], action_id: `kesu:act:${action}`, value: complaint };
    await interaction(s.events, click);
    return (await s.fake.waitFor('views.open', (c) => c.args.view.callback_id === `kesu:form:${action}`, before)).args.view;
  };

  it('links the people in the config to Slack users by email at start-up', () => {
    expect(s.running.core.deps.directory.personBySlackId('U0ZHANG')?.id).toBe('zhang.wei');
    expect(s.fake.of('users.lookupByEmail').length).toBeGreaterThanOrEqual(7);
  });

  it('/complaint acks and opens the filing modal with the trigger', async () => {
    const before = s.fake.calls.length;
    const res = await slashCommand(s.events, fixture('slash-command'));
    expect(res.status).toBe(200);
    const open = await s.fake.waitFor('views.open', () => true, before);
    expect(open.args.trigger_id).toBe(fixture('slash-command').trigger_id);
    filingView = { ...open.args.view, id: 'V00000001' };
    expect(filingView.callback_id).toBe('kesu:form:file');
    expect(filingView.title.text).toBe('登记客诉');
    const inputs = filingView.blocks.filter((b: any) => b.type === 'input').map((b: any) => b.block_id);
    expect(inputs).toEqual(expect.arrayContaining(['title', 'description', 'customerContact', 'category', 'urgent']));
    expect(JSON.parse(filingView.private_metadata)).toEqual({ channel: 'C0CUSTSVC01' });
  });

  it('a submission with a bad field gets `errors` on that block, and nothing is stored', async () => {
    const res = await submit(filingView, { ...FILING, customerContact: '打电话给我' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ response_action: 'errors', errors: { customerContact: expect.any(String) } });
    expect(await count()).toBe(0);
  });

  it('a valid submission stores the complaint and posts its card with buttons to the department channel', async () => {
    const before = s.fake.calls.length;
    const res = await submit(filingView, FILING);
    expect(res.status).toBe(200);
    // The modal turns into the confirmation in place: no message is sent for it.
    expect(res.json).toMatchObject({ response_action: 'update', view: { callback_id: 'kesu:done' } });
    expect(JSON.stringify(res.json)).toContain('已登记 KS-2026-0001');
    expect(await count()).toBe(1);
    await s.running.engine.idle();
    const post = await s.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'C0QUALITY01' && !c.args.thread_ts, before);
    const actions = post.args.blocks.find((b: any) => b.type === 'actions');
    expect(actions.elements.map((e: any) => e.action_id)).toContain('kesu:act:acknowledge');
    complaintId = actions.elements[0].value;
    expect(JSON.stringify(post.args.blocks)).not.toContain('13812345678'); // contact masked in the channel
    const thread = await s.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'C0QUALITY01' && !!c.args.thread_ts, before);
    expect(thread.args.blocks[0].text.text).toContain('KS-2026-0001');
    expect(s.fake.calls.slice(before).filter((c) => c.args.user === 'U0CHEN' || c.args.channel === 'U0CHEN')).toEqual([]);
  });

  it('the same submission delivered three times with retry headers files one complaint and sends the filer nothing more', async () => {
    const before = s.fake.calls.length;
    const again = await submit(filingView, FILING, 'U0CHEN', { retryNum: 1 });
    await submit(filingView, FILING, 'U0CHEN', { retryNum: 2 });
    expect(await count()).toBe(1);
    expect(JSON.stringify(again.json)).toContain('KS-2026-0001'); // answered like the first, in place
    await s.running.engine.idle();
    expect(s.fake.calls.slice(before).filter((c) => c.args.user === 'U0CHEN' || c.args.channel === 'U0CHEN')).toEqual([]);
  });

  it('a bad signature or a timestamp older than five minutes gets 401 and changes nothing', async () => {
    const bad = await submit({ ...filingView, id: 'V99999998' }, { ...FILING, title: 'forged' }, 'U0CHEN', { secret: 'not-the-secret' });
    expect(bad.status).toBe(401);
    const stale = await submit({ ...filingView, id: 'V99999999' }, { ...FILING, title: 'replayed' }, 'U0CHEN', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    expect(await count()).toBe(1);
  });

  it('answers anything but Slack’s POSTs with 404/405, and keeps running', async () => {
    expect((await fetch(s.events)).status).toBe(405);
    expect((await fetch(s.events.replace('/events', '/other'), { method: 'POST' })).status).toBe(404);
    expect((await slashCommand(s.events, { ...fixture('slash-command'), text: 'help', response_url: `${s.fake.url}response_url/alive` })).status).toBe(200);
  });

  it('a card button opens its modal for the clicker, and the submission updates the same message in place', async () => {
    const before = s.fake.calls.length;
    const click = fixture('block-actions');
    click.actions[0].value = complaintId;
    expect((await interaction(s.events, click)).status).toBe(200);
    const open = await s.fake.waitFor('views.open', (c) => c.args.view.callback_id === 'kesu:form:acknowledge', before);
    const view = { ...open.args.view, id: 'V00000002' };
    expect(JSON.parse(view.private_metadata)).toEqual({ complaint: complaintId });
    const handler = view.blocks.find((b: any) => b.block_id === 'handlerId');
    expect(handler.element.options.map((o: any) => o.value)).toEqual(['zhang.wei', 'liu.yang', 'zhao.lei']);

    const posted = s.fake.of('chat.postMessage').find((c) => c.args.channel === 'C0QUALITY01' && !c.args.thread_ts)!;
    const ref = await s.running.core.deps.db.prisma.messageRef.findFirstOrThrow({ where: { complaintId, platform: 'slack' } });
    const ts = ref.messageId;
    expect(posted).toBeDefined();
    const res = await submit(view, { handlerId: 'liu.yang', firstResponse: '已致电客户致歉，明日派人取样。' }, 'U0ZHANG');
    expect(res.status).toBe(200);
    // Slack delivers it again: acknowledged once, and the retry is answered like the first.
    expect(JSON.stringify(res.json)).toContain('已受理'); // confirmed in place
    const retry = await submit(view, { handlerId: 'liu.yang', firstResponse: '已致电客户致歉，明日派人取样。' }, 'U0ZHANG', { retryNum: 1 });
    expect(retry.status).toBe(200);
    expect(retry.json).toMatchObject({ response_action: 'update', view: { callback_id: 'kesu:done' } });
    expect(await s.running.core.deps.db.prisma.complaintEvent.count({ where: { complaintId, type: 'acknowledged' } })).toBe(1);
    await s.running.engine.idle();
    const update = await s.fake.waitFor('chat.update', (c) => c.args.ts === ts, before);
    expect(update.args.channel).toBe('C0QUALITY01');
    // The card's thread reply is its own reference, redrawn in place with the card.
    expect(ref.threadId).toMatch(/^\d+\.\d+$/);
    expect(ref.threadId).not.toBe(ts);
    await s.fake.waitFor('chat.update', (c) => c.args.ts === ref.threadId, before);
    expect(JSON.stringify(update.args.blocks)).toContain('已受理');
    const dm = await s.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'U0LIU', before); // linked by email
    expect(dm.args.text).toContain('您已被指定为 KS-2026-0001 的责任人');

    // The same click again: the complaint is acknowledged now, so only the clicker is told why.
    const again = s.fake.calls.length;
    await interaction(s.events, { ...click, user: { ...click.user, id: 'U0ZHAO' } });
    const told = await s.fake.waitFor('chat.postEphemeral', (c) => c.args.user === 'U0ZHAO', again);
    expect(told.args.text).toContain('已由 刘洋');
    expect(s.fake.calls.slice(again).some((c) => c.method === 'views.open')).toBe(false);
  });

  it('answers /complaint list and unknown subcommands ephemerally through the response URL', async () => {
    const before = s.fake.calls.length;
    const url = `${s.fake.url}response_url/list`;
    await slashCommand(s.events, { ...fixture('slash-command'), user_id: 'U0ZHANG', text: 'list', response_url: url });
    const list = await s.fake.waitFor('response_url', () => true, before);
    expect(list.args.response_type).toBe('ephemeral');
    expect(JSON.stringify(list.args.blocks)).toContain('KS-2026-0001');
    const n = s.fake.calls.length;
    await slashCommand(s.events, { ...fixture('slash-command'), user_id: 'U0ZHOU', text: 'shwo', response_url: url });
    const help = await s.fake.waitFor('response_url', () => true, n);
    expect(help.args.text).toContain('Unknown command "shwo"'); // Zhou Min reads English
  });

  it('App Home shows the viewer’s tasks with time left', async () => {
    const before = s.fake.calls.length;
    expect((await event(s.events, fixture('app-home-opened'))).status).toBe(200);
    const publish = await s.fake.waitFor('views.publish', (c) => c.args.user_id === 'U0LIU', before);
    const text = JSON.stringify(publish.args.view.blocks);
    expect(text).toContain('KS-2026-0001');
    expect(text).toContain('8D 报告');

    // A change republishes the home of those who opened it.
    const n = s.fake.calls.length;
    const state = await s.running.core.deps.db.prisma.complaint.findFirstOrThrow();
    await submit({ ...(await openForm('comment', state.id, 'U0LIU')), id: 'V0COMMENT1' }, { text: '客户要求周五前回复' }, 'U0LIU');
    // Filed for a replacement, the complaint is grade B already: the head raises it to C.
    const regraded = await submit({ ...(await openForm('regrade', state.id, 'U0ZHANG')), id: 'V0REGRADE1' }, { grade: 'C', note: '影响装配' }, 'U0ZHANG');
    expect(regraded.json).toMatchObject({ response_action: 'update', view: { callback_id: 'kesu:done' } });
    await s.running.engine.idle();
    const again = await s.fake.waitFor('views.publish', (c) => c.args.user_id === 'U0LIU', n);
    expect(JSON.stringify(again.args.view.blocks)).toContain('KS-2026-0001');
  });

  it('the message shortcut opens the filing modal with the message as the description', async () => {
    const before = s.fake.calls.length;
    await interaction(s.events, fixture('message-shortcut'));
    const open = await s.fake.waitFor('views.open', () => true, before);
    const description = open.args.view.blocks.find((b: any) => b.block_id === 'description');
    expect(description.element.initial_value).toBe('客户来电：第 3 批阀体内径超差，要求换货。');
  });
});
