/**
 * "My tasks" on Slack from the outside: the sales manager opens App Home (a signed app_home_opened) and
 * reads what a complaint needs from him — "批准索赔 ¥8,600.00" — with the button for it; clicking that
 * button (a signed block_actions from the home tab) opens the approval form, and deciding it takes the
 * task off his home.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint } from '../../src/commands/file.ts';
import { event, fixture, interaction, submission } from '../support/slack-requests.ts';
import { SLACK_USERS, startSlack, type SlackRun } from '../support/slack.ts';
import { filingForm } from '../support/org.ts';

const U = (person: string) => SLACK_USERS[person]!.id;

describe('my tasks in Slack App Home', () => {
  let s: SlackRun;
  let complaintId = '';
  let events = 0;
  beforeAll(async () => {
    s = await startSlack();
    // A domestic claim of ¥8,600 (over 5,000): the sales manager, Li Qiang, approves it.
    const filed = await fileComplaint(s.running.core.deps, { id: 'chen.jing', name: '陈静' }, filingForm({ title: '阀门漏水索赔', claimAmount: '8600' }));
    complaintId = filed.state.complaint.id;
    await s.running.engine.idle();
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  async function openHome(person: string) {
    const before = s.fake.calls.length;
    const opened = fixture('app-home-opened');
    opened.event_id = `Ev0TASKS${++events}`;
    opened.event = { ...opened.event, user: U(person), channel: `D0${person}` };
    expect((await event(s.events, opened)).status).toBe(200);
    return (await s.fake.waitFor('views.publish', (c) => c.args.user_id === U(person), before)).args.view;
  }

  it('the approver’s home names the claim to approve with its amount, and its button opens the approval form', async () => {
    const home = await openHome('li.qiang');
    const section = home.blocks.find((b: any) => b.type === 'section' && String(b.text?.text).includes('阀门漏水索赔'));
    expect(section.text.text).toMatch(/➜ \*批准索赔 ¥8,600\.00：\d{4}-\d\d-\d\d \d\d:\d\d 前，还剩 .+\*/);
    const actions = home.blocks.find((b: any) => b.type === 'actions' && b.block_id === `kesu:task:${complaintId}`);
    const [approve, show] = actions.elements;
    expect(approve).toMatchObject({ action_id: 'kesu:act:approve', value: complaintId, style: 'primary', text: { text: '审批' } });
    expect(show).toMatchObject({ action_id: 'kesu:show', value: 'KS-2026-0001' });

    // Clicked on the home tab: the payload carries the home view, and the form opens as a modal.
    const before = s.fake.calls.length;
    const click = fixture('block-actions');
    delete click.channel;
    delete click.message;
    click.container = { type: 'view', view_id: home.id };
    click.view = { ...home, type: 'home' };
    click.user = { ...click.user, id: U('li.qiang') };
    click.actions[0] = { ...click.actions[0], action_id: approve.action_id, block_id: actions.block_id, value: approve.value };
    expect((await interaction(s.events, click)).status).toBe(200);
    const open = await s.fake.waitFor('views.open', (c) => c.args.view.callback_id === 'kesu:form:approve', before);
    const kind = open.args.view.blocks.find((b: any) => b.block_id === 'kind');
    expect(kind.element.initial_option.value).toBe('claim');

    // Deciding it: the task leaves his home.
    const res = await interaction(s.events, submission(U('li.qiang'), { ...open.args.view, id: 'V0TASKAPPROVE' }, { kind: 'claim', decision: 'approve' }));
    expect(res.json?.view?.callback_id).toBe('kesu:done'); // confirmed in place
    await s.running.engine.idle();
    const after = await openHome('li.qiang');
    expect(JSON.stringify(after.blocks)).not.toContain('批准索赔');
    expect(JSON.stringify(after.blocks)).toContain('暂时没有需要您处理的事项。');
  });

  it('the department sees its own step on the same complaint: acknowledge, with the button for it', async () => {
    const home = await openHome('zhang.wei');
    const text = JSON.stringify(home.blocks);
    expect(text).toContain('受理并首次回复客户');
    const actions = home.blocks.find((b: any) => b.type === 'actions' && b.block_id === `kesu:task:${complaintId}`);
    expect(actions.elements[0]).toMatchObject({ action_id: 'kesu:act:acknowledge', value: complaintId });
  });
});
