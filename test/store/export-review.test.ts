/**
 * The tracking table as the management review reads it (seed 001 §5.4), from a real database: the
 * claim's approval status and tier, the rejection, the GM's decision, the 8D's D4 and D5, every first
 * response of a reopened complaint, overdue as yes/no with the breach time beside it, times as real
 * Excel dates, the sheet named in full; `/complaint export` without a period; and the month's mean
 * satisfaction counting unsatisfied scores too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { ManualClock } from '../../src/clock.ts';
import { act } from '../../src/commands/act.ts';
import { exportFiles, exportTable } from '../../src/commands/export.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { runCommand } from '../../src/commands/run-command.ts';
import { monthlyStats } from '../../src/commands/stats.ts';
import { tick } from '../../src/commands/tick.ts';
import { sheetNameFor } from '../../src/notifiers/views/tracking-table.ts';
import { tableToCsv, tableToXlsx } from '../../src/notifiers/render/table.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { actor, filingForm, testOrg } from '../support/org.ts';

const EIGHT_D = {
  d1Team: '质量部 刘洋', d2Problem: '内径超差', d3Containment: '隔离库存', d4RootCause: '刀具磨损未及时更换', rootCauseTags: '刀具',
  d5Corrective: '刀具寿命管理纳入点检', d6Verification: '连续三批合格', d7Prevention: '修订作业指导书', sentVia: 'email',
};

describe('tracking table for the management review', () => {
  let db: TestDatabase;
  const clock = new ManualClock('2026-03-02T01:30:00Z'); // Monday 09:30 in Shanghai
  const org = testOrg();
  let deps: ReturnType<typeof org.deps>;
  const numbers: string[] = [];
  beforeAll(async () => {
    db = await openTestDatabase('sqlite');
    deps = org.deps(db, clock);
    // 1: handled, 8D, unsatisfied (score 4) → reopened, answered again, unsatisfied again → the GM decides.
    const one = (await fileComplaint(deps, actor('cs.li'), filingForm())).state.complaint.number;
    clock.advance(3_600_000);
    await act(deps, actor('q.chen'), one, 'acknowledge', { handlerId: 'q.liu', firstResponse: '已回电致歉' });
    await act(deps, actor('q.liu'), one, 'submit_8d', EIGHT_D);
    await act(deps, actor('q.liu'), one, 'resolve', { kinds: ['replacement'], summary: '补发合格品' });
    clock.set('2026-03-04T02:00:00Z');
    await act(deps, actor('cs.li'), one, 'revisit', { outcome: 'unsatisfied', score: 4, note: '补发件仍有毛刺' });
    clock.set('2026-03-04T06:00:00Z');
    await act(deps, actor('q.liu'), one, 'acknowledge', { firstResponse: '再次上门核实' });
    await act(deps, actor('q.liu'), one, 'resolve', { kinds: ['compensation'], summary: '补偿运费' });
    await act(deps, actor('cs.li'), one, 'revisit', { outcome: 'unsatisfied', score: 5, note: '要求退货' });
    await act(deps, actor('gm.wang'), one, 'gm_decide', { decision: '同意退货并全额退款' });
    // 2: a foreign claim over 100 000 — a four-step approval chain, waiting on its first step.
    clock.set('2026-03-05T02:00:00Z');
    const two = (await fileComplaint(deps, actor('cs.li'), filingForm({ title: '整批退货', customerRegion: 'foreign', claimAmount: '150000', claimCurrency: 'CNY' }))).state.complaint.number;
    // 3: rejected.
    const three = (await fileComplaint(deps, actor('cs.li'), filingForm({ title: '安装不当' }))).state.complaint.number;
    await act(deps, actor('q.chen'), three, 'reject', { reason: 'misuse', note: '安装时敲击阀体' });
    // 4: satisfied with 9; left unanswered past its response deadline until the engine records the breach.
    const four = (await fileComplaint(deps, actor('cs.li'), filingForm({ title: '包装破损' }))).state.complaint.number;
    clock.set('2026-03-09T02:00:00Z');
    await tick({ ...deps, platforms: ['local'] }, clock.now());
    await act(deps, actor('q.chen'), four, 'acknowledge', { firstResponse: '已致歉' });
    await act(deps, actor('q.chen'), four, 'submit_8d', EIGHT_D);
    await act(deps, actor('q.chen'), four, 'resolve', { kinds: ['apology'], summary: '致歉' });
    await act(deps, actor('cs.li'), four, 'revisit', { outcome: 'satisfied', score: 9 });
    numbers.push(one, two, three, four);
    clock.set('2026-04-02T02:00:00Z');
  });
  afterAll(async () => {
    await db?.cleanup();
  });

  const march = () => exportTable(deps, undefined, { from: '2026-03-01', to: '2026-03-31' });
  const row = async (n: number) => (await march()).rows.find((r) => r.number === numbers[n])!;

  it('keeps every first response of a reopened complaint, with its time', async () => {
    expect((await row(0)).firstResponses).toBe('2026-03-02 10:30 已回电致歉\n2026-03-04 14:00 再次上门核实');
  });

  it('has the 8D’s D4 and D5, the GM’s decision, the rejection with its note', async () => {
    expect(await row(0)).toMatchObject({ d4RootCause: '刀具磨损未及时更换', d5Corrective: '刀具寿命管理纳入点检', gmDecision: '同意退货并全额退款', reopenCount: 1 });
    expect(await row(2)).toMatchObject({ rejection: '客户使用不当', rejectionNote: '安装时敲击阀体', gmDecision: null });
  });

  it('has the claim’s approval status and the step it waits on', async () => {
    const claim = await row(1);
    expect(claim.claimApproval).toBe('待审批');
    expect(claim.claimTier).toBe('销售副总（第 1/4 步）');
    expect((await row(2)).claimApproval).toBeNull();
  });

  it('overdue is yes or no, with the breach time in the next column', async () => {
    const late = await row(3);
    expect(late.responseOverdue).toBe('是');
    expect(late.responseBreachedAt).toBeInstanceOf(Date);
    expect((await row(0)).responseOverdue).toBe('否');
    expect((await row(0)).responseBreachedAt).toBeNull();
    const t = await march();
    const i = t.columns.findIndex((c) => c.key === 'responseOverdue');
    expect(t.columns.slice(i, i + 2).map((c) => c.header)).toEqual(['首次回复逾期', '首次回复逾期时间']);
  });

  it('the .xlsx holds times as dates in the organisation’s time zone, under the sheet’s full name', async () => {
    const t = await march();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await tableToXlsx(t)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('客诉跟踪 2026-03');
    const col = (key: string) => t.columns.findIndex((c) => c.key === key) + 1;
    const received = sheet.getRow(2).getCell(col('receivedAt'));
    expect(received.type).toBe(ExcelJS.ValueType.Date);
    expect(received.numFmt).toBe('yyyy-mm-dd hh:mm');
    // Monday 09:30 in Shanghai is what the cell shows.
    expect((received.value as Date).toISOString()).toBe('2026-03-02T09:30:00.000Z');
    expect(sheet.getRow(2).getCell(col('responseMet')).type).toBe(ExcelJS.ValueType.Date);
    expect(sheet.getRow(2).getCell(col('firstResponses')).value).toBe('2026-03-02 10:30 已回电致歉\n2026-03-04 14:00 再次上门核实');
    expect(sheet.getRow(1).getCell(col('claimTier')).value).toBe('索赔审批层级');
  });

  it('the CSV keeps local "YYYY-MM-DD HH:mm" text', async () => {
    const t = await march();
    const rows = parse(tableToCsv(t), { bom: true }) as string[][];
    const i = t.columns.findIndex((c) => c.key === 'receivedAt');
    expect(rows[1]![i]).toBe('2026-03-02 09:30');
  });

  it('a sheet name always fits Excel’s 31 characters without losing the period', () => {
    const zh = (p: string) => `客诉跟踪 ${p}`;
    const en = (p: string) => `Complaint tracking table ${p}`;
    expect(sheetNameFor(zh, '2026-02-01', '2026-02-28')).toBe('客诉跟踪 2026-02');
    expect(sheetNameFor(zh, '2026-03-01', '2026-03-15')).toBe('客诉跟踪 2026-03-01~2026-03-15');
    expect(sheetNameFor((p) => `Tracking ${p}`, '2026-03-01', '2026-04-15')).toBe('Tracking 2026-03-01~2026-04-15');
    expect(sheetNameFor(en, '2026-03-01', '2026-04-15')).toBe('260301-260415'); // no room for the prefix: the period stays
    for (const name of [sheetNameFor(en, '2026-03-01', '2026-04-15'), sheetNameFor(zh, '2026-03-01', '2026-04-15')]) expect(name.length).toBeLessThanOrEqual(31);
  });

  it('/complaint export without a period: this month so far, and says when it is empty', async () => {
    const reply = await runCommand(deps, actor('gm.wang'), 'export');
    expect(reply).toEqual({ type: 'export', range: { from: '2026-04-01', to: '2026-04-02' } });
    const { comment, files } = await exportFiles(deps, actor('gm.wang'), { from: '2026-04-01', to: '2026-04-02' });
    expect(comment).toBe('客户抱怨处理跟踪表 2026-04-01 – 2026-04-02：该期间没有客诉（.xlsx 与 .csv 仅含表头）。');
    expect(files.map((f) => f.name)).toEqual(['kesu-2026-04-01-2026-04-02.xlsx', 'kesu-2026-04-01-2026-04-02.csv']);
    expect((await exportFiles(deps, actor('gm.wang'), { from: '2026-03-01', to: '2026-03-31' })).comment).toContain('共 4 件');
  });

  it('every revisit score counts in the mean satisfaction, unsatisfied ones too', async () => {
    const { stats } = await monthlyStats(deps, actor('gm.wang'), '2026-03');
    expect(stats.rated).toBe(3); // 4 and 5 (unsatisfied), 9 (satisfied)
    expect(stats.meanSatisfaction).toBe(6);
    expect(stats.satisfied).toEqual({ n: 1, all: 3, rate: 1 / 3 });
    expect(stats.handled).toEqual({ n: 3, all: 4, rate: 0.75 });
    // 1 answered in an hour; 2 never and 4 after a week; 3 was rejected instead.
    expect(stats.respondedInTime).toMatchObject({ n: 1, all: 3, hours: 24 });
  });

  it('/complaint stats: targets against the actual figures', async () => {
    const reply = await runCommand(deps, actor('gm.wang'), 'stats 2026-03');
    if (reply.type !== 'message') throw new Error(reply.type);
    expect(reply.message.text.split('\n').slice(-4)).toEqual([
      '目标与实际：',
      '• 满意度：33%（回访满意 1/3）— 目标 ≥ 90% — 未达标',
      '• 处理完成率：75%（已结案 3/4）— 目标 100% — 未达标',
      '• 24 小时内首次回复：33%（1/3）— 目标 100% — 未达标',
    ]);
  });

  it('a person with no scope is told so, not shown a company-wide title over zeros', async () => {
    const reply = await runCommand(deps, actor('fin.ma'), 'stats 2026-03');
    if (reply.type !== 'message') throw new Error(reply.type);
    expect(reply.message.text).toContain('您的范围内没有客诉数据（2026-03）');
    expect(reply.message.text).not.toContain('客诉统计');
    const en = await runCommand(deps, { id: 'fin.ma', name: 'fin.ma', locale: 'en' }, 'stats 2026-03');
    if (en.type !== 'message') throw new Error(en.type);
    expect(en.message.text).toMatch(/^There are no complaints in your scope for 2026-03/);
  });
});
