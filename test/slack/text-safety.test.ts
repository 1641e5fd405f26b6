/**
 * Text safety on Slack: a complaint whose title, description, customer name and comments hold
 * `<!channel>`, `<@U0WANG>`, `&` and `<b>` is filed, acted on, listed, shown and reminded of, and no
 * payload Kesu sent carries that text unescaped in any mrkdwn text (top-level `text`, blocks, views,
 * response_url answers); plain_text is shown literally by Slack and carries it as typed. The message
 * shortcut and `/complaint new …` prefill the form with Slack's encoded text decoded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, fixture, interaction, slashCommand, submission } from '../support/slack-requests.ts';
import { SLACK_USERS, startSlack, type SlackRun } from '../support/slack.ts';
import type { Call } from '../support/fake-slack.ts';

const U = (person: string) => SLACK_USERS[person]!.id;
const EVIL = '<!channel> & <b>';
const MENTION = '<@U0WANG>';
const ESCAPED = '&lt;!channel&gt; &amp; &lt;b&gt;';

/** Every mrkdwn string of a call: each `text` (and `initial_comment`) at any depth, except plain_text objects' (shown literally). */
function mrkdwnTexts(value: unknown, path = ''): Array<{ path: string; text: string }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => mrkdwnTexts(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  const obj = value as Record<string, unknown>;
  return Object.entries(obj).flatMap(([key, v]) => {
    const at = path ? `${path}.${key}` : key;
    if ((key === 'text' || key === 'initial_comment') && typeof v === 'string') return obj.type === 'plain_text' ? [] : [{ path: at, text: v }];
    return mrkdwnTexts(v, at);
  });
}

/** What is wrong with one mrkdwn string: user text unescaped, a raw control character, or an entity escaped twice. */
function problems(text: string): string[] {
  const out: string[] = [];
  for (const raw of ['<!channel>', MENTION, ' & ', '<b>']) if (text.includes(raw)) out.push(`unescaped ${raw}`);
  if (/[<>]/.test(text)) out.push('raw < or >');
  if (/&(?!amp;|lt;|gt;)/.test(text)) out.push('raw &');
  if (/&amp;(?:amp|lt|gt);/.test(text)) out.push('escaped twice');
  return out;
}

describe('user text in Slack payloads', () => {
  let s: SlackRun;
  let views = 500;
  let complaintId = '';
  beforeAll(async () => {
    s = await startSlack();
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  /** Click the card's button as `person`, fill its modal, submit. */
  async function act(person: string, action: string, values: Record<string, any>): Promise<void> {
    const before = s.fake.calls.length;
    const click = fixture('block-actions');
    click.user = { ...click.user, id: U(person) };
    click.actions[0] = { ...click.actions[0], action_id: `kesu:act:${action}`, value: complaintId };
    await interaction(s.events, click);
    const open = await s.fake.waitFor('views.open', (c) => c.args.view.callback_id === `kesu:form:${action}`, before);
    const res = await interaction(s.events, submission(U(person), { ...open.args.view, id: `V${++views}` }, values));
    expect(res.json?.view?.callback_id, `${action} by ${person}: confirmed in place`).toBe('kesu:done');
    await s.running.engine.idle();
  }

  it('filed, acted on, listed, shown and reminded of: no payload carries the user text unescaped in mrkdwn', async () => {
    // Filed through the global shortcut's modal.
    await interaction(s.events, { type: 'shortcut', callback_id: 'kesu_file_complaint', trigger_id: 't-1', user: { id: U('chen.jing') }, team: { id: 'T0KESU' }, token: 'x', action_ts: '1' });
    const form = (await s.fake.waitFor('views.open')).args.view;
    const filing = {
      title: `阀门漏油 ${EVIL} ${MENTION}`,
      description: `客户说 ${EVIL}x</b> 请 ${MENTION} 看看 & 回复`,
      demand: 'replacement',
      customerName: `王芳 ${EVIL}`,
      intakeChannel: 'phone',
      category: 'product_quality',
    };
    expect((await interaction(s.events, submission(U('chen.jing'), { ...form, id: `V${++views}` }, filing))).json?.view?.callback_id).toBe('kesu:done');
    complaintId = (await s.running.core.deps.db.prisma.complaint.findFirstOrThrow()).id;
    await s.running.engine.idle();

    // A few steps, each with user text of its own.
    await act('zhang.wei', 'acknowledge', { handlerId: 'liu.yang', firstResponse: `已回电 ${EVIL} ${MENTION}` });
    await act('liu.yang', 'comment', { text: `备注 ${EVIL} ${MENTION}` });
    await act('zhang.wei', 'regrade', { grade: 'C', note: `原因 ${EVIL}` });

    // A click the person may not make now: only they are told why.
    const click = fixture('block-actions');
    click.user = { ...click.user, id: U('zhao.lei') };
    click.actions[0] = { ...click.actions[0], action_id: 'kesu:act:acknowledge', value: complaintId };
    const refused = s.fake.calls.length;
    await interaction(s.events, click);
    await s.fake.waitFor('chat.postEphemeral', (c) => c.args.user === U('zhao.lei'), refused);

    // Answers through the response URL, App Home and the complaint shown in a modal.
    const url = `${s.fake.url}response_url/safety`;
    for (const text of ['show KS-2026-0001', 'list']) {
      const before = s.fake.calls.length;
      await slashCommand(s.events, { ...fixture('slash-command'), user_id: U('zhang.wei'), text, response_url: url });
      await s.fake.waitFor('response_url', () => true, before);
    }
    const home = s.fake.calls.length;
    await event(s.events, fixture('app-home-opened'));
    await s.fake.waitFor('views.publish', (c) => c.args.user_id === U('liu.yang'), home);
    const show = s.fake.calls.length;
    const listClick = fixture('block-actions');
    listClick.user = { ...listClick.user, id: U('zhang.wei') };
    listClick.actions[0] = { ...listClick.actions[0], action_id: 'kesu:show', value: 'KS-2026-0001' };
    await interaction(s.events, listClick);
    await s.fake.waitFor('views.open', (c) => c.args.view.callback_id === 'kesu:show', show);

    // The ladder: a reminder a working day before the 8D is due, then overdue notices and escalations.
    const ladder = s.fake.calls.length;
    for (let day = 3; day <= 20; day++) {
      s.clock.set(`2026-03-${String(day).padStart(2, '0')}T01:30:00Z`);
      await s.running.engine.runOnce();
    }
    const ladderPosts = s.fake.calls.slice(ladder).filter((c) => c.method === 'chat.postMessage' && !c.args.thread_ts);
    expect(ladderPosts.some((c) => String(c.args.text).startsWith('提醒：KS-2026-0001'))).toBe(true);

    // Every payload Kesu sent: nothing of the user text unescaped in any mrkdwn string.
    const sent = s.fake.calls.filter((c: Call) => !['auth.test', 'users.info', 'users.lookupByEmail', 'conversations.info', 'conversations.open', 'upload'].includes(c.method));
    // (The weekly report goes out on Monday 03-09 too: files.completeUploadExternal with its blocks.)
    expect([...new Set(sent.map((c) => c.method))]).toEqual(
      expect.arrayContaining(['views.open', 'chat.postMessage', 'chat.update', 'chat.postEphemeral', 'response_url', 'views.publish', 'files.completeUploadExternal']),
    );
    const texts = sent.flatMap((c) => mrkdwnTexts(c.args).map((t) => ({ ...t, method: c.method })));
    expect(texts.length).toBeGreaterThan(100);
    const offenders = texts.flatMap((t) => problems(t.text).map((p) => `${t.method} ${t.path}: ${p} in ${JSON.stringify(t.text.slice(0, 200))}`));
    expect(offenders).toEqual([]);

    // The user text did reach mrkdwn — escaped: top-level texts (notifications), blocks and views.
    expect(ladderPosts.some((c) => String(c.args.text).includes(ESCAPED))).toBe(true); // the reminder names the title
    const topLevel = sent.filter((c) => typeof c.args.text === 'string').map((c) => c.args.text as string);
    expect(topLevel.some((t) => t.includes(ESCAPED))).toBe(true);
    expect(topLevel.some((t) => t.includes('&lt;@U0WANG&gt;'))).toBe(true);
    for (const method of ['chat.postMessage', 'chat.update', 'response_url', 'views.publish', 'views.open']) {
      const escaped = texts.filter((t) => t.method === method && t.path !== 'text' && t.text.includes(ESCAPED));
      expect(escaped.length, `${method}: the user text in blocks`).toBeGreaterThan(0);
    }

    // plain_text (the card's header) is shown literally by Slack: the title as typed, not escaped.
    const card = s.fake.of('chat.postMessage').find((c) => c.args.channel === 'C0QUALITY01' && !c.args.thread_ts)!;
    const header = card.args.blocks.find((b: any) => b.type === 'header');
    expect(header.text).toMatchObject({ type: 'plain_text', text: `KS-2026-0001 ${filing.title}` });
  });

  it('the message shortcut prefills the description with the message as the person read it', async () => {
    const before = s.fake.calls.length;
    const shortcut = fixture('message-shortcut');
    shortcut.trigger_id = 't-message';
    shortcut.message.text =
      '客户 <@U0WANG> 转来：阀体 &lt;DN50&gt; 漏油 &amp; 渗水，见 <https://qa.example/r?id=7&amp;v=2|质检报告> 和 <https://qa.example/photo.jpg>，<#C0QUALITY01|quality> 请跟进 <!channel>，抄送 <@U0NOBODY>';
    expect((await interaction(s.events, shortcut)).status).toBe(200);
    const open = await s.fake.waitFor('views.open', (c) => c.args.trigger_id === 't-message', before);
    const description = open.args.view.blocks.find((b: any) => b.block_id === 'description');
    expect(description.element.initial_value).toBe(
      '客户 @王建国 转来：阀体 <DN50> 漏油 & 渗水，见 质检报告 (https://qa.example/r?id=7&v=2) 和 https://qa.example/photo.jpg，#quality 请跟进 @channel，抄送 @U0NOBODY',
    );
  });

  it('`/complaint new …` prefills the description with the command’s encoded text decoded', async () => {
    const before = s.fake.calls.length;
    await slashCommand(s.events, { ...fixture('slash-command'), trigger_id: 't-command', text: 'new 阀体 &lt;DN50&gt; &amp; 渗水 <@U0WANG|wang>' });
    const open = await s.fake.waitFor('views.open', (c) => c.args.trigger_id === 't-command', before);
    const description = open.args.view.blocks.find((b: any) => b.block_id === 'description');
    expect(description.element.initial_value).toBe('阀体 <DN50> & 渗水 @王建国');
  });
});
