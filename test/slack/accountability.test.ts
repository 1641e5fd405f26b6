/**
 * The accountability statement on Slack (seed 002 §5), shipped example organisation: March's statement
 * reaches the GM's DM on April 1 with a Sign button; a member asking for it is refused privately; the
 * GM signs with the button (finance's click, a second click and then the command are refused); finance
 * gets the message with the .xlsx shared into their DM (a failed share is retried) and can fetch it again.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act } from '../../src/commands/act.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { ACK, REPORT } from '../support/controls.ts';
import { filingForm } from '../support/org.ts';
import { startSlack, type SlackRun } from '../support/slack.ts';
import { fixture, interaction, slashCommand } from '../support/slack-requests.ts';

describe('accountability statement on Slack', () => {
  let s: SlackRun;
  beforeAll(async () => {
    s = await startSlack({ start: '2026-03-31T01:30:00Z' }); // Tuesday 09:30
    await s.running.engine.runOnce(); // the engine's first run
    const deps = s.running.core.deps;
    const head = { id: 'li.qiang', name: '李强' };
    const n = (await fileComplaint(deps, { id: 'chen.jing', name: '陈静' }, filingForm({ category: 'service_attitude', title: '业务员态度差' }))).state.complaint.number;
    await act(deps, head, n, 'acknowledge', ACK);
    await act(deps, head, n, 'submit_8d', { ...REPORT, sentVia: 'email' });
    await act(deps, head, n, 'resolve', { kinds: ['apology'], summary: '已致歉', fellShort: 'zhou.min:sales_rep', jointlyLiable: 'liu.yang:sales_supervisor, li.qiang:sales_manager' });
    await s.running.engine.idle();
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  const command = async (user: string, text: string, name: string) => {
    const since = s.fake.calls.length;
    await slashCommand(s.events, { ...fixture('slash-command'), user_id: user, text, response_url: `${s.fake.url}response_url/${name}` });
    return since;
  };
  /** The first person's line of the file's first sheet: name and total. */
  const sheetOf = async (bytes: Buffer) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const row = book.worksheets[0]!.getRow(2);
    return [row.getCell(1).value, row.getCell(3).value];
  };
  /** A click on a message's button in the user's DM with the bot. */
  const click = async (user: string, button: { action_id: string; value: string }) => {
    const since = s.fake.calls.length;
    const e = fixture('block-actions');
    e.user = { ...e.user, id: user };
    e.channel = { id: 'D0DM', name: 'directmessage' };
    e.container = { ...e.container, channel_id: 'D0DM' };
    e.actions[0] = { ...e.actions[0], action_id: button.action_id, value: button.value, block_id: 'kesu:msg' };
    await interaction(s.events, e);
    return since;
  };
  const posted = (since: number, channel: string) => s.fake.calls.slice(since).filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel).map((c) => String(c.args.text));

  it('GM on April 1, refused to a member, signed by the GM, the .xlsx in finance’s DM', async () => {
    s.clock.set('2026-04-01T01:00:00Z'); // Wednesday 09:00
    let since = s.fake.calls.length;
    await s.running.engine.runOnce();
    await s.running.engine.idle();
    expect(posted(since, 'U0WANG').filter((t) => t.startsWith('2026-03 责任落实明细'))).toHaveLength(1);
    const toGm = s.fake.calls.slice(since).find((c) => c.method === 'chat.postMessage' && c.args.channel === 'U0WANG')!;
    const sign = (toGm.args.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>).find((b) => b.type === 'actions')!.elements![0]!;
    expect([sign.action_id, sign.value]).toEqual(['kesu:msg:sign_statement', '2026-03']);

    since = await command('U0ZHOU', 'statement 2026-03', 'member');
    const refusal = await s.fake.waitFor('chat.postEphemeral', () => true, since);
    expect(refusal.args.user).toBe('U0ZHOU');
    expect(JSON.stringify(refusal.args)).toContain('Accountability statements are seen only by the general manager');

    // The Sign button: finance may not sign; the GM signs; a second click (or the command) is refused.
    const answered = async (since: number, user: string) => {
      const c = await s.fake.waitFor('chat.postEphemeral', (c) => c.args.user === user, since);
      expect(c.args.channel).toBe('D0DM');
      return String(c.args.text);
    };
    since = await click('U0WUL', sign);
    expect(await answered(since, 'U0WUL')).toMatch(/责任落实明细只能由总经理签字|Only the general manager signs/);
    since = await click('U0WANG', sign);
    expect(await answered(since, 'U0WANG')).toBe('你已签字确认 2026-03 的责任落实明细，已提交财务（吴丽华）。');
    since = await click('U0WANG', sign);
    expect(await answered(since, 'U0WANG')).toMatch(/^2026-03 的责任落实明细已由 王建国 于 2026-04-01 09:00 签字。/);
    since = await command('U0WANG', 'statement sign 2026-03', 'sign');
    expect(JSON.stringify((await s.fake.waitFor('chat.postEphemeral', (c) => c.args.user === 'U0WANG', since)).args)).toContain('已由 王建国 于 2026-04-01 09:00 签字');

    // The first share into finance's DM fails: the message is retried, never sent without its file.
    s.fake.fail('files.completeUploadExternal', { error: 'internal_error' });
    await s.running.engine.idle();
    await s.running.engine.runOnce();
    await s.running.engine.idle();
    const shares = () => s.fake.calls.slice(since).filter((c) => c.method === 'files.completeUploadExternal' && c.args.channel_id === 'D0WUL');
    expect(shares()).toHaveLength(1); // the failed one
    s.clock.set('2026-04-01T01:30:00Z');
    await s.running.engine.runOnce();
    await s.running.engine.idle();
    expect(shares()).toHaveLength(2);
    const delivered = shares()[1]!;
    expect(String(delivered.args.initial_comment)).toMatch(/^2026-03 责任落实明细已由 王建国/);
    expect(await sheetOf(s.fake.uploads.get((delivered.args.files as Array<{ id: string }>)[0]!.id)!.bytes!)).toEqual(['周敏', 50]);
    expect(posted(since, 'U0WUL')).toEqual([]); // not as text alone

    since = await command('U0WUL', 'statement 2026-03', 'file');
    const share = await s.fake.waitFor('files.completeUploadExternal', () => true, since);
    expect(share.args.channel_id).toBe('D0WUL');
    expect(String(share.args.initial_comment).split('\n')[0]).toBe('2026-03 责任落实明细（王建国 已于 2026-04-01 09:00 签字）。');
    const file = s.fake.uploads.get((share.args.files as Array<{ id: string }>)[0]!.id)!;
    expect(file.filename).toBe('kesu-accountability-2026-03.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes! as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['按人汇总 2026-03', '明细 2026-03']);
    expect(book.worksheets[0]!.getRow(2).getCell(3).value).toBe(50);
    const note = await s.fake.waitFor('response_url', () => true, since);
    expect(JSON.stringify(note.args)).toContain('2026-03 的责任落实明细已发到你与机器人的私聊中。');
  });
});
