/**
 * The accountability statement on Feishu (seed 002 §5), shipped example organisation: March's statement
 * reaches the GM on April 1; the finance VP may not sign it; the GM signs it with the Sign button
 * on that card (finance's click, a second click and then the command are refused);
 * finance gets the message and the .xlsx as a file message in their DM (a failed upload is retried),
 * and can fetch it again.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act } from '../../src/commands/act.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { ACK, REPORT } from '../support/controls.ts';
import { filingForm } from '../support/org.ts';
import { feishuFixture, sendFeishu, startFeishu, type FeishuRun } from '../support/feishu.ts';

/** A text message from a person to the bot (the fixture, with a fresh event id). */
function message(openId: string, text: string) {
  const m = feishuFixture('message-receive');
  m.header.event_id = `ev-${openId}-${text}-${Math.random()}`;
  m.event.sender.sender_id.open_id = openId;
  m.event.message.message_id = `om_${Math.random().toString(16).slice(2)}`;
  m.event.message.content = JSON.stringify({ text });
  return m;
}

/** A click on a card button (the fixture, with a fresh event id). */
function click(openId: string, value: unknown) {
  const e = feishuFixture('card-action');
  e.header.event_id = `ev-click-${openId}-${Math.random()}`;
  e.event.operator = { ...e.event.operator, open_id: openId };
  e.event.action = { ...e.event.action, value };
  e.event.context = { open_message_id: `om_${Math.random().toString(16).slice(2)}`, open_chat_id: 'oc_dm' };
  return e;
}

describe('accountability statement on Feishu', () => {
  let f: FeishuRun;
  beforeAll(async () => {
    f = await startFeishu(); // Monday 2026-03-02 09:30 in Shanghai
    await f.running.engine.runOnce(); // the engine's first run
    const deps = f.running.core.deps;
    const head = { id: 'li.qiang', name: '李强' };
    const n = (await fileComplaint(deps, { id: 'chen.jing', name: '陈静' }, filingForm({ category: 'service_attitude', title: '业务员态度差' }))).state.complaint.number;
    await act(deps, head, n, 'acknowledge', ACK);
    await act(deps, head, n, 'submit_8d', { ...REPORT, sentVia: 'email' });
    await act(deps, head, n, 'resolve', { kinds: ['apology'], summary: '已致歉', fellShort: 'zhou.min:sales_rep', jointlyLiable: 'liu.yang:sales_supervisor, li.qiang:sales_manager' });
    await f.running.engine.idle();
  });
  afterAll(async () => {
    await f?.cleanup();
  });

  const firstName = async (bytes: Buffer) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    return book.worksheets[0]!.getRow(2).getCell(1).value;
  };
  const to = (since: number, openId: string, text: string) => f.feishu.sent(since).filter((c) => c.body.receive_id === openId && JSON.stringify(c.card ?? c.body).includes(text));

  it('GM on April 1, finance may not sign, the GM signs, finance gets the file', async () => {
    f.clock.set('2026-04-01T01:00:00Z'); // Wednesday 09:00
    let since = f.feishu.calls.length;
    await f.running.engine.runOnce();
    await f.running.engine.idle();
    const toGm = to(since, 'ou_wangjianguo', '2026-03 责任落实明细（来源 002 第五条）：3 人');
    expect(toGm).toHaveLength(1);
    const signButton = (toGm[0]!.card.body.elements as Array<{ tag: string; behaviors?: Array<{ value: unknown }> }>).find((e) => e.tag === 'button')!;
    const sign = signButton.behaviors![0]!.value;
    expect(sign).toEqual({ kesu: 'msg', button: 'sign_statement', value: '2026-03' });

    since = f.feishu.calls.length;
    await sendFeishu(f.events, message('ou_wulihua', '投诉 责任落实 签字 2026-03'));
    await f.feishu.waitFor(() => to(since, 'ou_wulihua', '责任落实明细只能由总经理签字').length === 1, since);

    // The Sign button: finance's click is refused; the GM's signs; a second click is refused (a toast each).
    expect((await sendFeishu(f.events, click('ou_wulihua', sign))).json.toast).toEqual({ type: 'error', content: '责任落实明细只能由总经理签字。' });
    since = f.feishu.calls.length;
    expect((await sendFeishu(f.events, click('ou_wangjianguo', sign))).json.toast).toEqual({ type: 'success', content: '你已签字确认 2026-03 的责任落实明细，已提交财务（吴丽华）。' });
    expect((await sendFeishu(f.events, click('ou_wangjianguo', sign))).json.toast).toMatchObject({ type: 'error', content: expect.stringMatching(/^2026-03 的责任落实明细已由 王建国 于 2026-04-01 09:00 签字。/) });
    // The command answers the same refusal.
    const before = f.feishu.calls.length;
    await sendFeishu(f.events, message('ou_wangjianguo', '/complaint statement sign 2026-03'));
    await f.feishu.waitFor(() => f.feishu.sent(before).some((c) => JSON.stringify(c.card ?? {}).includes('已由 王建国 于 2026-04-01 09:00 签字')), before);
    // The first upload of the file fails: the delivery is retried (the text again under the same uuid, and the file).
    f.feishu.fail('POST /open-apis/im/v1/files', { code: 1_000_000 });
    await f.running.engine.runOnce();
    await f.running.engine.idle();
    const files = () => f.feishu.sent(since).filter((c) => c.body.receive_id === 'ou_wulihua' && c.body.msg_type === 'file');
    expect(files()).toHaveLength(0);
    f.clock.set('2026-04-01T01:30:00Z');
    await f.running.engine.runOnce();
    await f.running.engine.idle();
    const texts = to(since, 'ou_wulihua', '2026-03 责任落实明细已由 王建国');
    expect(texts.length).toBeGreaterThanOrEqual(1);
    expect(new Set(texts.map((c) => c.body.uuid)).size).toBe(1); // a repeat Feishu drops
    expect(files()).toHaveLength(1);
    expect(await firstName(f.feishu.uploads.get(JSON.parse(files()[0]!.body.content).file_key)!.bytes)).toBe('周敏');

    since = f.feishu.calls.length;
    await sendFeishu(f.events, message('ou_wulihua', '/complaint statement 2026-03'));
    await f.feishu.waitFor(() => f.feishu.sent(since).length === 2, since);
    const sent = f.feishu.sent(since);
    expect(sent.every((c) => c.body.receive_id === 'ou_wulihua')).toBe(true);
    expect(sent.map((c) => c.body.msg_type)).toEqual(['interactive', 'file']);
    const xlsx = f.feishu.uploads.get(JSON.parse(sent[1]!.body.content).file_key)!;
    expect(xlsx.fields.file_name).toBe('kesu-accountability-2026-03.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(2).getCell(1).value).toBe('周敏');
  });
});
