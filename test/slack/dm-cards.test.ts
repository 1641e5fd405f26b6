/**
 * Every DM about a complaint carries its card on Slack (issue 14): the approver's DM names the claim's
 * amount and has an Approve button that opens the approval form; a reassignment turns the old
 * department's card into a "moved to #channel" card without buttons; reminders and overdue notices
 * carry the card too; each person reads in their language — the Slack user locale for people without
 * one in the config, the configured locale over Slack's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack, type Call } from '../support/fake-slack.ts';
import { fixture, interaction, submission } from '../support/slack-requests.ts';
import { SLACK_USERS, startSlack, type SlackRun } from '../support/slack.ts';

const U = (person: string) => SLACK_USERS[person]!.id;

describe('DMs about a complaint carry its card, in each person’s language (Slack)', () => {
  let s: SlackRun;
  let views = 500;
  beforeAll(async () => {
    // li.qiang (no locale in the config) reads Slack in English; zhou.min's config says `locale: en` while her Slack says Chinese.
    const users = { ...SLACK_USERS, 'li.qiang': { ...SLACK_USERS['li.qiang']!, locale: 'en-US' }, 'zhou.min': { ...SLACK_USERS['zhou.min']!, locale: 'zh-CN' } };
    const fake = await FakeSlack.start(Object.values(users));
    s = await startSlack({ fake });
  });
  afterAll(async () => {
    await s?.cleanup();
    await s?.fake.close();
  });

  const buttonsOf = (call: Call | undefined): string[] =>
    (call?.args.blocks ?? []).filter((b: any) => b.type === 'actions').flatMap((b: any) => b.elements.map((e: any) => e.action_id));

  /** The DMs a person got since `since` (posts to their user ID). */
  const dmsTo = (person: string, since = 0) => s.fake.calls.slice(since).filter((c) => c.method === 'chat.postMessage' && c.args.channel === U(person));

  async function file(title: string, values: Record<string, string> = {}): Promise<string> {
    const before = s.fake.calls.length;
    await interaction(s.events, { type: 'shortcut', callback_id: 'kesu_file_complaint', trigger_id: `t-${views}`, user: { id: U('chen.jing') }, team: { id: 'T0KESU' }, token: 'x', action_ts: '1' });
    const view = { ...(await s.fake.waitFor('views.open', () => true, before)).args.view, id: `V${++views}` };
    const form = { title, description: `${title}：客户来电投诉`, demand: 'apology', customerName: '王芳', intakeChannel: 'phone', category: 'product_quality', ...values };
    expect((await interaction(s.events, submission(U('chen.jing'), view, form))).status).toBe(200);
    await s.running.engine.idle();
    return (await s.running.core.deps.db.prisma.complaint.findFirstOrThrow({ where: { title } })).id;
  }

  /** Click a button as `person` (it must be on `message`), fill the modal that opens, submit. */
  async function press(message: Call | undefined, complaintId: string, person: string, action: string, values?: Record<string, any>): Promise<Call> {
    expect(buttonsOf(message), `the message offers ${action}`).toContain(`kesu:act:${action}`);
    const before = s.fake.calls.length;
    const click = fixture('block-actions');
    click.user = { ...click.user, id: U(person) };
    click.actions[0] = { ...click.actions[0], action_id: `kesu:act:${action}`, value: complaintId };
    await interaction(s.events, click);
    const open = await s.fake.waitFor('views.open', (c) => c.args.view.callback_id === `kesu:form:${action}`, before);
    if (values) {
      const res = await interaction(s.events, submission(U(person), { ...open.args.view, id: `V${++views}` }, values));
      expect(res.json?.view?.callback_id, `${action} by ${person}: confirmed in place`).toBe('kesu:done');
      await s.running.engine.idle();
    }
    return open;
  }

  const cardIn = (channel: string, complaintId: string, since = 0) =>
    s.fake.calls
      .slice(since)
      .filter((c) => ['chat.postMessage', 'chat.update'].includes(c.method) && c.args.channel === channel && !c.args.thread_ts && JSON.stringify(c.args.blocks ?? []).includes(complaintId))
      .at(-1);

  it('a claim to approve: the approver’s DM (English by their Slack locale) names the amount and carries the card with Approve, which opens the approval form', async () => {
    const id = await file('阀门索赔', { claimAmount: '8600' });
    const dm = dmsTo('li.qiang').find((c) => String(c.args.text).includes('approval'));
    expect(dm, 'the sales manager’s DM').toBeDefined();
    expect(dm!.args.text).toContain('needs your approval — claim CNY 8,600.00');
    const blocks = JSON.stringify(dm!.args.blocks);
    expect(blocks).toContain('needs your approval'); // the notice on top
    expect(blocks).toContain('阀门索赔'); // the card under it: header with the title
    expect(buttonsOf(dm)).toContain('kesu:act:approve');
    expect(buttonsOf(dm)).not.toContain('kesu:act:acknowledge'); // this person's buttons, not the channel's
    const form = await press(dm, id, 'li.qiang', 'approve');
    expect(form.args.view.callback_id).toBe('kesu:form:approve');
    expect(JSON.stringify(form.args.view)).toMatch(/Approve|approve/);
  });

  it('reassigned: the old department’s card becomes “moved to #sales” without buttons, sales gets a new card; the new handler hears by DM with the card in the configured language', async () => {
    const id = await file('错发型号');
    const quality = cardIn('C0QUALITY01', id);
    const before = s.fake.calls.length;
    await press(quality, id, 'chen.jing', 'reassign', { department: 'sales', reason: '属销售下单错误' });
    const moved = await s.fake.waitFor('chat.update', (c) => c.args.channel === 'C0QUALITY01' && JSON.stringify(c.args.blocks).includes('<#C0SALES0001>'), before);
    const ref = await s.running.core.deps.db.prisma.messageRef.findFirstOrThrow({ where: { complaintId: id, platform: 'slack', address: 'C0QUALITY01' } });
    expect(moved.args.ts).toBe(ref.messageId); // the same message, updated in place
    expect(JSON.stringify(moved.args.blocks)).toContain('已转至');
    expect(buttonsOf(moved)).toEqual([]);
    const sales = cardIn('C0SALES0001', id, before);
    expect(sales?.method).toBe('chat.postMessage');
    expect(buttonsOf(sales)).toContain('kesu:act:acknowledge');

    // zhou.min's Slack says Chinese, her config says English: English.
    const ack = s.fake.calls.length;
    await press(sales, id, 'li.qiang', 'acknowledge', { handlerId: 'zhou.min', firstResponse: '已致歉' });
    const dm = await s.fake.waitFor('chat.postMessage', (c) => c.args.channel === U('zhou.min'), ack);
    expect(dm.args.text).toContain('You are the handler of');
    expect(JSON.stringify(dm.args.blocks)).toContain('错发型号');
    expect(buttonsOf(dm)).toContain('kesu:act:submit_8d');
    expect(JSON.stringify(dm.args.blocks)).toContain('Acknowledged'); // the card in her language too
  });

  it('reminders and overdue notices: by DM with the card — English for an en-US Slack user, Chinese for a zh-CN one', async () => {
    const id = await file('包装破损', { claimAmount: '6000' });
    const { prisma } = s.running.core.deps.db;
    const deadlines = await prisma.deadline.findMany({ where: { complaintId: id, metAt: null, cancelledAt: null } });
    const response = deadlines.find((d) => d.kind === 'response')!;
    const approval = deadlines.find((d) => d.kind === 'approval_claim')!;
    const before = s.fake.calls.length;
    s.clock.set(new Date(Math.max(response.dueAt.getTime(), approval.dueAt.getTime()) + 60_000));
    await s.running.engine.runOnce();
    await s.running.engine.idle();
    // The claim's approver is told it is overdue, in English; the quality head (zh-CN) in Chinese.
    const toLi = dmsTo('li.qiang', before).find((c) => JSON.stringify(c.args.blocks).includes(id));
    expect(toLi?.args.text).toMatch(/overdue/);
    expect(buttonsOf(toLi)).toContain('kesu:act:approve');
    const toZhang = dmsTo('zhang.wei', before).find((c) => JSON.stringify(c.args.blocks).includes(id));
    expect(toZhang?.args.text).toContain('逾期');
    expect(buttonsOf(toZhang)).toContain('kesu:act:acknowledge');
  });

  it('a reopen tells the handler by DM with the customer’s complaint, the new deadline and the card; twice unsatisfied, the GM’s DM has the card with the decision button', async () => {
    const id = await file('交货延误两周');
    const onCard = (action: string, person: string, values: Record<string, any>) => press(cardIn('C0QUALITY01', id), id, person, action, values);
    const eightD = { d1Team: '质量部', d2Problem: '交货延误', d3Containment: '加急', d4RootCause: '排产冲突', rootCauseTags: '排产', d5Corrective: '调整排产', d6Verification: '按期交付', d7Prevention: '排产评审', sentVia: 'email' };
    await onCard('acknowledge', 'zhang.wei', { handlerId: 'zhang.wei', firstResponse: '已致歉' });
    await onCard('submit_8d', 'zhang.wei', eightD);
    await onCard('resolve', 'zhang.wei', { kinds: ['apology'], summary: '致歉并加急发货' });
    let before = s.fake.calls.length;
    await onCard('revisit', 'chen.jing', { outcome: 'unsatisfied', note: '客户仍不满意' });
    const reopened = dmsTo('zhang.wei', before).find((c) => String(c.args.text).includes('重新打开'))!;
    expect(reopened.args.text).toContain('客户仍不满意');
    expect(reopened.args.text).toMatch(/首次回复需在 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 前完成/);
    expect(buttonsOf(reopened)).toContain('kesu:act:acknowledge');

    await press(reopened, id, 'zhang.wei', 'acknowledge', { firstResponse: '再次致歉' });
    await onCard('resolve', 'zhang.wei', { kinds: ['compensation'], summary: '补偿运费' });
    before = s.fake.calls.length;
    await onCard('revisit', 'chen.jing', { outcome: 'unsatisfied', note: '要求退货' });
    const toGm = dmsTo('wang.jianguo', before).find((c) => String(c.args.text).includes('已升级至总经理'))!;
    expect(buttonsOf(toGm)).toContain('kesu:act:gm_decide');
    await press(toGm, id, 'wang.jianguo', 'gm_decide', { decision: '同意退货' });
    expect((await s.running.core.deps.db.prisma.complaint.findUniqueOrThrow({ where: { id } })).status).toBe('closed');
  });
});
