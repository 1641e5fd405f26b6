/**
 * Scheduled reports on Slack: each one is a single file share — the chart as a PNG with the report's
 * blocks — to the GM's DM (conversations.open), the heads' DMs (the monthly one for their department) and
 * the management channel. What a
 * command answers with files (/complaint stats with its chart, /complaint export) goes to the asker's DM.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint } from '../../src/commands/file.ts';
import { filingForm } from '../support/org.ts';
import { startSlack, type SlackRun } from '../support/slack.ts';
import { fixture, slashCommand } from '../support/slack-requests.ts';

const who = (id: string) => ({ id, name: id });

describe('reports on Slack', () => {
  let s: SlackRun;
  beforeAll(async () => {
    s = await startSlack(); // Monday 2026-03-02 09:30 in Shanghai
    await s.running.engine.runOnce();
    await fileComplaint(s.running.core.deps, who('chen.jing'), filingForm());
    await fileComplaint(s.running.core.deps, who('chen.jing'), filingForm({ category: 'delivery', title: '交货延迟三天' }));
    await s.running.engine.idle();
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  const shares = (since: number) => s.fake.calls.slice(since).filter((c) => c.method === 'files.completeUploadExternal');

  it('the weekly report reaches the GM as one DM with the chart', async () => {
    s.clock.set('2026-03-09T01:00:00Z'); // Monday 09:00
    const since = s.fake.calls.length;
    await s.running.engine.runOnce();
    const gm = shares(since).find((c) => c.args.channel_id === 'D0WANG')!;
    expect(gm, 'a share to the GM’s DM').toBeDefined();
    expect(s.fake.calls.slice(since).some((c) => c.method === 'conversations.open' && c.args.users === 'U0WANG')).toBe(true);
    expect(JSON.stringify(gm.args.blocks)).toContain('投诉周报（2026-03-09 当周）— 全公司');
    const file = s.fake.uploads.get(gm.args.files[0].id)!;
    expect(file.filename).toBe('kesu-week-2026-03-09.png');
    const png = PNG.sync.read(file.bytes!);
    expect([png.width, png.height]).toEqual([1920, 1080]);
    // The quality head gets their department's report, also with a chart; nothing posted twice.
    const quality = shares(since).filter((c) => JSON.stringify(c.args.blocks).includes('当周）— 质量部'));
    expect(quality.map((c) => c.args.channel_id)).toEqual(['D0ZHANG']);
    const count = shares(since).length;
    s.clock.set('2026-03-09T03:00:00Z');
    await s.running.engine.runOnce();
    expect(shares(since)).toHaveLength(count);
  });

  it('the monthly report goes to the GM and the management channel, and to each head for their department, on the first working day', async () => {
    s.clock.set('2026-04-01T01:00:00Z'); // Wednesday 09:00
    const since = s.fake.calls.length;
    await s.running.engine.runOnce();
    const monthly = shares(since).filter((c) => JSON.stringify(c.args.blocks).includes('投诉月报'));
    const company = monthly.filter((c) => JSON.stringify(c.args.blocks).includes('2026-03 客诉统计（全公司）'));
    expect(company.map((c) => c.args.channel_id).sort()).toEqual(['C0MGMTREVIEW', 'D0WANG']);
    // Each department head gets their department's report in their DM: the quality head the quality complaint only.
    const quality = monthly.filter((c) => JSON.stringify(c.args.blocks).includes('2026-03 客诉统计（质量部）'));
    expect(quality.map((c) => c.args.channel_id)).toEqual(['D0ZHANG']);
    expect(JSON.stringify(quality[0]!.args.blocks)).toContain('受理 1 件');
    expect(JSON.stringify(quality[0]!.args.blocks)).toContain('目标与实际');
    expect(monthly.length - company.length - quality.length).toBe(new Set(monthly.map((c) => c.args.channel_id)).size - 3);
    expect(monthly.every((c) => String(c.args.channel_id).startsWith('D') || c.args.channel_id === 'C0MGMTREVIEW')).toBe(true);
    expect(monthly.every((c) => s.fake.uploads.get(c.args.files[0].id)?.filename === 'kesu-stats-2026-03.png')).toBe(true);
  });

  it('/complaint stats: the summary with the chart in the asker’s DM, a note where they asked', async () => {
    const since = s.fake.calls.length;
    const url = `${s.fake.url}response_url/stats`;
    await slashCommand(s.events, { ...fixture('slash-command'), user_id: 'U0ZHANG', channel_id: 'C0QUALITY01', text: 'stats 2026-03', response_url: url });
    const share = await s.fake.waitFor('files.completeUploadExternal', () => true, since);
    expect(share.args.channel_id).toBe('D0ZHANG');
    expect(JSON.stringify(share.args.blocks)).toContain('2026-03 客诉统计（质量部）');
    expect(s.fake.uploads.get(share.args.files[0].id)!.filename).toBe('kesu-stats-2026-03.png');
    const note = await s.fake.waitFor('response_url', () => true, since);
    expect(note.args).toMatchObject({ response_type: 'ephemeral', text: '统计（含图表）已私信发给您。' });
    // Asked in the DM with the bot itself: the chart arrives right there, without a note.
    const inDm = s.fake.calls.length;
    await slashCommand(s.events, { ...fixture('slash-command'), user_id: 'U0ZHANG', channel_id: 'D0ZHANG', text: 'stats 2026-03', response_url: url });
    await s.fake.waitFor('files.completeUploadExternal', () => true, inDm);
    // A help request after it: its answer is the only one through the response URL.
    await slashCommand(s.events, { ...fixture('slash-command'), user_id: 'U0ZHANG', channel_id: 'D0ZHANG', text: 'help', response_url: url });
    await s.fake.waitFor('response_url', () => true, inDm);
    expect(s.fake.calls.slice(inDm).filter((c) => c.method === 'response_url').map((c) => c.args.text ?? '')).toHaveLength(1);
    expect(JSON.stringify(s.fake.calls.slice(inDm).find((c) => c.method === 'response_url')!.args)).not.toContain('统计（含图表）已私信发给您');
  });

  it('/complaint export: the .xlsx and .csv in the asker’s DM, only what they may see', async () => {
    const since = s.fake.calls.length;
    const url = `${s.fake.url}response_url/export`;
    await slashCommand(s.events, { ...fixture('slash-command'), user_id: 'U0ZHANG', text: 'export 2026-03', response_url: url });
    const share = await s.fake.waitFor('files.completeUploadExternal', () => true, since);
    expect(share.args.channel_id).toBe('D0ZHANG');
    expect(share.args.initial_comment).toBe('客户抱怨处理跟踪表 2026-03-01 – 2026-03-31：共 1 件（.xlsx 与 .csv）。');
    const [xlsx, csv] = (share.args.files as Array<{ id: string }>).map((f) => s.fake.uploads.get(f.id)!);
    expect([xlsx!.filename, csv!.filename]).toEqual(['kesu-2026-03-01-2026-03-31.xlsx', 'kesu-2026-03-01-2026-03-31.csv']);
    // The quality head sees the quality complaint only (the delivery one belongs to sales).
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx!.bytes! as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.rowCount).toBe(2);
    const rows = parse(csv!.bytes!, { bom: true }) as string[][];
    expect(rows).toHaveLength(2);
    expect(rows[1]![0]).toBe('KS-2026-0001');
    const note = await s.fake.waitFor('response_url', () => true, since);
    expect(note.args.text).toBe('跟踪表 2026-03-01 – 2026-03-31 已私信发给您。');
  });

  it('without files:write the report still goes, as text with the chart’s figures', async () => {
    s.fake.fail('files.getUploadURLExternal', { error: 'missing_scope' }, 10);
    s.clock.set('2026-04-07T01:00:00Z'); // Qingming Monday 04-06 is off: the week's report is on Tuesday 09:00
    const since = s.fake.calls.length;
    await s.running.engine.runOnce();
    s.fake.clearFailures();
    const gm = s.fake.calls.slice(since).find((c) => c.method === 'chat.postMessage' && c.args.channel === 'U0WANG' && String(c.args.text).startsWith('投诉周报'))!;
    expect(gm.args.text).toContain('投诉周报（2026-04-06 当周）— 全公司');
    expect(JSON.stringify(gm.args.blocks)).toMatch(/各类别未结投诉 2026-04-06 · 交货期：1 件，按时率 0% · 产品质量：1 件，按时率 \d+%/);
    expect(await s.running.core.deps.db.prisma.outbox.count({ where: { kind: 'report', status: { not: 'sent' } } })).toBe(0);
  });

  it('/complaint stats without files:write answers in place, the chart’s figures as text', async () => {
    s.fake.fail('files.getUploadURLExternal', { error: 'missing_scope' });
    const since = s.fake.calls.length;
    const url = `${s.fake.url}response_url/stats-text`;
    await slashCommand(s.events, { ...fixture('slash-command'), user_id: 'U0ZHANG', channel_id: 'C0QUALITY01', text: 'stats 2026-03', response_url: url });
    const answer = await s.fake.waitFor('response_url', () => true, since);
    expect(answer.args.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer.args.blocks)).toMatch(/2026-03 客诉统计（质量部）[^]*各类别投诉 2026-03 · 产品质量：1 件/);
    expect(s.fake.calls.slice(since).some((c) => c.method === 'files.completeUploadExternal')).toBe(false);
  });
});
