/**
 * Scheduled reports on Feishu: the chart is uploaded as an image (im/v1/images, multipart) and shown in
 * the report's card, sent to the GM by open_id and to the management group. `/complaint stats` answers
 * with the chart the same way; `/complaint export` sends the .xlsx and .csv as file messages.
 */

/** A text message from a person to the bot (the fixture, with a fresh event id). */
function message(openId: string, text: string) {
  const m = feishuFixture('message-receive');
  m.header.event_id = `ev-${openId}-${text}-${Math.random()}`;
  m.event.sender.sender_id.open_id = openId;
  m.event.message.message_id = `om_${Math.random().toString(16).slice(2)}`;
  m.event.message.content = JSON.stringify({ text });
  return m;
}
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint } from '../../src/commands/file.ts';
import { filingForm } from '../support/org.ts';
import { feishuFixture, sendFeishu, startFeishu, type FeishuRun } from '../support/feishu.ts';

const who = (id: string) => ({ id, name: id });
const imageOf = (card: any): string | undefined => card.body.elements.find((e: any) => e.tag === 'img')?.img_key;

describe('reports on Feishu', () => {
  let f: FeishuRun;
  beforeAll(async () => {
    f = await startFeishu(); // Monday 2026-03-02 09:30 in Shanghai
    await f.running.engine.runOnce();
    await fileComplaint(f.running.core.deps, who('chen.jing'), filingForm());
    await f.running.engine.idle();
  });
  afterAll(async () => {
    await f?.cleanup();
  });

  it('the weekly report: a card with the chart image, to the GM', async () => {
    f.clock.set('2026-03-09T01:00:00Z'); // Monday 09:00
    const since = f.feishu.calls.length;
    await f.running.engine.runOnce();
    const gm = f.feishu.sent(since).find((c) => c.body.receive_id === 'ou_wangjianguo' && JSON.stringify(c.card).includes('投诉周报'))!;
    expect(gm.query.receive_id_type).toBe('open_id');
    const key = imageOf(gm.card)!;
    const upload = f.feishu.uploads.get(key)!;
    expect(upload.fields.image_type).toBe('message');
    const png = PNG.sync.read(upload.bytes);
    expect([png.width, png.height]).toEqual([1920, 1080]);
    expect(gm.card.body.elements.find((e: any) => e.tag === 'img').alt.content).toContain('产品质量：1 件');
  });

  it('the monthly report: to the GM and the management group, and to each head for their department', async () => {
    f.clock.set('2026-04-01T01:00:00Z');
    const since = f.feishu.calls.length;
    await f.running.engine.runOnce();
    const monthly = f.feishu.sent(since).filter((c) => JSON.stringify(c.card).includes('投诉月报'));
    const company = monthly.filter((c) => JSON.stringify(c.card).includes('2026-03 客诉统计（全公司）'));
    expect(company.map((c) => c.body.receive_id).sort()).toEqual(['oc_placeholder_management', 'ou_wangjianguo']);
    // And each department head, their department only: the quality head's report has the quality complaint.
    const quality = monthly.filter((c) => JSON.stringify(c.card).includes('2026-03 客诉统计（质量部）'));
    expect(quality.map((c) => c.body.receive_id)).toEqual(['ou_zhangwei']);
    expect(new Set(monthly.map((c) => c.body.receive_id)).size).toBe(monthly.length);
    // A department without complaints that month gets its figures without a chart.
    expect([...company, ...quality].every((c) => f.feishu.uploads.has(imageOf(c.card)!))).toBe(true);
  });

  it('/complaint stats: the summary card with the chart image', async () => {
    const since = f.feishu.calls.length;
    await sendFeishu(f.events, message('ou_zhangwei', '/complaint stats 2026-03'));
    // Asked in the DM with the bot: answered in that chat.
    const card = await f.feishu.waitFor((c) => c.path === '/open-apis/im/v1/messages', since);
    expect(card.body.receive_id).toBe(feishuFixture('message-receive').event.message.chat_id);
    expect(JSON.stringify(card.card)).toContain('2026-03 客诉统计（质量部）');
    expect(f.feishu.uploads.has(imageOf(card.card)!)).toBe(true);
  });

  it('/complaint export: a line, then the .xlsx and .csv as file messages, privately', async () => {
    const since = f.feishu.calls.length;
    await sendFeishu(f.events, message('ou_zhangwei', '投诉 导出 2026-03'));
    await f.feishu.waitFor(() => f.feishu.sent(since).length === 3, since);
    const sent = f.feishu.sent(since);
    expect(sent.every((c) => c.body.receive_id === 'ou_zhangwei' && c.query.receive_id_type === 'open_id')).toBe(true);
    expect(sent.map((c) => c.body.msg_type)).toEqual(['interactive', 'file', 'file']);
    expect(JSON.stringify(sent[0]!.card)).toContain('客户抱怨处理跟踪表 2026-03-01 – 2026-03-31：共 1 件');
    const [xlsx, csv] = sent.slice(1).map((c) => f.feishu.uploads.get(JSON.parse(c.body.content).file_key)!);
    expect([xlsx!.fields.file_type, xlsx!.fields.file_name, csv!.fields.file_type, csv!.fields.file_name]).toEqual([
      'xls',
      'kesu-2026-03-01-2026-03-31.xlsx',
      'stream',
      'kesu-2026-03-01-2026-03-31.csv',
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx!.bytes as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(2).getCell(1).value).toBe('KS-2026-0001');
    expect((parse(csv!.bytes, { bom: true }) as string[][])[1]![0]).toBe('KS-2026-0001');
  });

  it('without permission to upload images the report still goes, as text with the chart’s figures', async () => {
    f.feishu.fail('POST /open-apis/im/v1/images', { status: 400, code: 99991672 }, 10);
    f.clock.set('2026-04-07T01:00:00Z'); // Qingming Monday 04-06 is off: the week's report is on Tuesday 09:00
    const since = f.feishu.calls.length;
    await f.running.engine.runOnce();
    const gm = f.feishu.sent(since).find((c) => c.body.receive_id === 'ou_wangjianguo' && JSON.stringify(c.card).includes('投诉周报（2026-04-06 当周）'))!;
    expect(imageOf(gm.card)).toBeUndefined();
    expect(JSON.stringify(gm.card)).toContain('各类别未结投诉 2026-04-06 · 产品质量：1 件');
    expect(await f.running.core.deps.db.prisma.outbox.count({ where: { kind: 'report', status: { not: 'sent' } } })).toBe(0);
  });
});
