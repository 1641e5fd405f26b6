/**
 * Simulated time: a recall (seed 001 §6.9) reported with the 8D, heard by the Sales and Quality heads
 * and the GM, chased by its own ladder until the GM decides, then on the card, in the timeline and in
 * the tracking table. The clock is injected; ticks run every 30 minutes of simulated time.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { tableToCsv, tableToXlsx } from '../../src/notifiers/render/table.ts';
import type { ManualClock } from '../../src/clock.ts';
import { act } from '../../src/commands/act.ts';
import { cardRenderer } from '../../src/commands/cards.ts';
import { exportTable } from '../../src/commands/export.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { tick, type EngineDeps } from '../../src/commands/tick.ts';
import { createDispatcher } from '../../src/notifiers/dispatcher.ts';
import type { RecordingDeliverer, OutboundMessage } from '../../src/notifiers/deliverer.ts';
import { loadState } from '../../src/store/complaints.ts';
import type { TestDatabase } from '../support/db.ts';
import { openWalk, shanghai, walkUntil } from '../support/walk.ts';
import { actor, filingForm, testOrg } from '../support/org.ts';

const org = testOrg();
const sh = shanghai;
const EIGHT_D = {
  d1Team: '质量部 刘洋', d2Problem: '内径超差', d3Containment: '隔离库存', d4RootCause: '刀具磨损', rootCauseTags: '刀具',
  d5Corrective: '刀具寿命管理', d6Verification: '连续三批合格', d7Prevention: '修订作业指导书', sentVia: 'email',
};

describe('a recall decided by the GM, in simulated time', () => {
  let db: TestDatabase;
  let clock: ManualClock;
  let deps: EngineDeps;
  let out: RecordingDeliverer;
  let log: string[];

  beforeEach(async () => {
    ({ db, clock, deps, out, log } = await openWalk(org, '2026-03-02T09:30:00')); // Monday
  });
  afterEach(async () => db.cleanup());

  /** Tick and deliver every half hour up to `endLocal`, running each hook at its time; logs what is not a channel card. */
  const runUntil = (endLocal: string, hooks: Record<string, () => Promise<void>> = {}) => walkUntil({ db, deps, clock, out, log }, endLocal, hooks, { skip: ['card', 'digest'], reports: false, cards: true });
  const to = (address: string, kind: string): OutboundMessage[] => out.sent.filter((m) => m.address === address && m.kind === kind);

  it('reported with the 8D: Sales and Quality heads and the GM hear; the GM is reminded, told it is overdue, decides; the ladder stops', async () => {
    const { state } = await fileComplaint(deps, actor('cs.li'), filingForm());
    const n = state.complaint.number;
    await runUntil('2026-03-05T18:00:00', {
      [sh('2026-03-02T10:00:00').toISOString()]: async () => {
        await act(deps, actor('q.liu'), n, 'acknowledge', { firstResponse: '已致电客户' });
        await act(deps, actor('q.liu'), n, 'submit_8d', {
          ...EIGHT_D, recallBatches: '2403、2404', recallOrders: 'PO-88（华东汽配）', recallQuantity: '1200', recallSeverity: 'safety', recallNote: '同一刀具加工',
        });
        // Resolving waits for the GM's word on the recall.
        await expect(act(deps, actor('q.liu'), n, 'resolve', { kinds: ['apology'], summary: '致歉' })).rejects.toMatchObject({ code: 'recall_pending' });
      },
      [sh('2026-03-04T09:00:00').toISOString()]: async () => {
        await act(deps, actor('gm.wang'), n, 'recall_decide', { outcome: 'recall', scope: '2403、2404 全部召回', quantity: '1200', customers: '华东汽配' });
      },
    });
    expect(log).toEqual([
      // The report: both heads (the quality head is also the case's head) and the GM, each by DM with the card.
      '03-02 10:00 s.zhou recall',
      '03-02 10:00 q.chen recall',
      '03-02 10:00 gm.wang recall',
      // Due one working day later (Tuesday 10:00): the reminder 4 hours before is held to the working morning.
      '03-03 09:00 gm.wang remind',
      '03-03 10:00 gm.wang overdue',
      // The GM decides on Wednesday morning, before the grace day ends: the reporter and both heads hear; no escalation follows.
      '03-04 09:00 q.liu recall',
      '03-04 09:00 s.zhou recall',
      '03-04 09:00 q.chen recall',
    ]);

    // The GM's notice carries the card with the decision button; the heads' say what was found and by when the GM decides.
    const ask = to('gm.wang', 'recall')[0]!;
    expect(ask.view.text).toContain(`${n}：请在 2026-03-03 10:00 前决定是否召回（安全性功能）。其他受影响批次：2403、2404。`);
    expect(ask.view.card?.actions.map((a) => a.action)).toContain('recall_decide');
    expect(to('s.zhou', 'recall')[0]!.view.text).toContain(`${n}：已上报召回（安全性功能）。其他受影响批次：2403、2404。总经理须在 2026-03-03 10:00 前决定。`);
    expect(to('gm.wang', 'remind')[0]!.view.text).toContain('召回决定');
    expect(to('q.liu', 'recall')[0]!.view.text).toContain(`${n}：总经理决定召回 — 2403、2404 全部召回。`);

    // Met late (after its due time): the breach stays on record.
    const stored = (await loadState(db.prisma, n))!;
    const d = stored.deadlines.find((x) => x.kind === 'recall_decision')!;
    expect(d.metAt).toEqual(sh('2026-03-04T09:00:00'));
    expect(d.breachedAt).toEqual(sh('2026-03-03T10:00:00'));
    expect(stored.complaint.recall).toMatchObject({
      reportedBy: 'q.liu', batches: '2403、2404', orders: 'PO-88（华东汽配）', quantity: 1200, severity: 'safety', note: '同一刀具加工',
      decision: { by: 'gm.wang', outcome: 'recall', scope: '2403、2404 全部召回', quantity: 1200, customers: '华东汽配' },
    });

    // On the channel's card and in its timeline.
    const card = out.sent.filter((m) => m.kind === 'card' && m.address === '#quality').at(-1)!;
    const fields = Object.fromEntries(card.view.card!.fields.map((f) => [f.label, f.value]));
    expect(fields['召回上报']).toBe('安全性功能：2403、2404；PO-88（华东汽配）；1200 件；刘洋 上报');
    expect(fields['召回决定']).toBe('召回：2403、2404 全部召回；1200 件；通知客户：华东汽配');
    const lines = card.timeline!.items.map((i) => i.text).join('\n');
    expect(lines).toContain('上报召回（安全性功能）：其他受影响批次 2403、2404。');
    expect(lines).toContain('总经理决定召回：2403、2404 全部召回。');

    // Now the case may be resolved.
    await act(deps, actor('q.liu'), n, 'resolve', { kinds: ['apology'], summary: '致歉' });

    // In the tracking table, with real dates.
    const table = await exportTable(deps, undefined, { from: '2026-03-01', to: '2026-03-31' });
    expect(table.columns.map((c) => c.header)).toEqual(expect.arrayContaining(['召回上报', '召回上报时间', '召回决定', '召回决定时间']));
    expect(table.rows[0]).toMatchObject({
      recall: '安全性功能：2403、2404；PO-88（华东汽配）；1200 件',
      recallReportedAt: sh('2026-03-02T10:00:00'),
      recallDecision: '召回：2403、2404 全部召回；1200 件；通知客户：华东汽配',
      recallDecidedAt: sh('2026-03-04T09:00:00'),
    });
    // The .xlsx holds the times as Excel dates (shown in Shanghai time), the CSV as local text.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await tableToXlsx(table)) as unknown as ArrayBuffer);
    const col = (key: string) => table.columns.findIndex((c) => c.key === key) + 1;
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(col('recallDecision')).value).toBe('召回决定');
    const decidedAt = sheet.getRow(2).getCell(col('recallDecidedAt'));
    expect(decidedAt.type).toBe(ExcelJS.ValueType.Date);
    expect((decidedAt.value as Date).toISOString()).toBe('2026-03-04T09:00:00.000Z');
    expect(sheet.getRow(2).getCell(col('recallDecision')).value).toBe('召回：2403、2404 全部召回；1200 件；通知客户：华东汽配');
    const csv = parse(tableToCsv(table), { bom: true }) as string[][];
    expect(csv[1]![col('recallReportedAt') - 1]).toBe('2026-03-02 10:00');
  });

  it('reported on its own by the Sales head; the GM says no recall with the reason; unanswered, the ladder goes on to the escalation', async () => {
    const { state } = await fileComplaint(deps, actor('cs.li'), filingForm());
    const n = state.complaint.number;
    await act(deps, actor('q.chen'), n, 'acknowledge', { firstResponse: '已致电客户', handlerId: 'q.sun' });
    await act(deps, actor('s.zhou'), n, 'recall', { batches: '2405', severity: 'critical' });
    // A second report waits for the first decision; only the GM decides, and "no recall" needs a reason.
    await expect(act(deps, actor('q.sun'), n, 'recall', { batches: '2406', severity: 'major' })).rejects.toMatchObject({ code: 'recall_pending' });
    await expect(act(deps, actor('q.chen'), n, 'recall_decide', { outcome: 'no_recall', reason: '-' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(act(deps, actor('gm.wang'), n, 'recall_decide', { outcome: 'no_recall' })).rejects.toMatchObject({ code: 'validation_failed' });
    await runUntil('2026-03-04T18:00:00');
    expect(log).toEqual([
      '03-02 09:30 q.sun assigned',
      // The Sales head reported: the Quality head and the GM hear.
      '03-02 09:30 q.chen recall',
      '03-02 09:30 gm.wang recall',
      '03-03 09:00 gm.wang remind',
      '03-03 09:30 gm.wang overdue',
      // After the grace day, still undecided: the escalation reaches the GM and the recall departments' heads.
      '03-04 09:30 gm.wang escalate',
      '03-04 09:30 s.zhou escalate',
      '03-04 09:30 q.chen escalate',
    ]);
    await act(deps, actor('gm.wang'), n, 'recall_decide', { outcome: 'no_recall', reason: '2405 批次已全检，无同样缺陷' });
    const dispatcher = createDispatcher(db, [out], { owner: 'test', renderCard: cardRenderer(deps) });
    await dispatcher.dispatch(clock.now());
    expect(to('s.zhou', 'recall').at(-1)!.view.text).toContain(`${n}：总经理决定不召回 — 2405 批次已全检，无同样缺陷。`);
    expect(to('q.sun', 'recall').at(-1)!.view.text).toContain('总经理决定不召回');
    const table = await exportTable(deps, undefined, { from: '2026-03-01', to: '2026-03-31' });
    expect(table.rows[0]).toMatchObject({ recall: '关键特性：2405', recallDecision: '不召回：2405 批次已全检，无同样缺陷' });
    // Decided: its ladder never steps again (the case's other deadlines go on).
    const recallSteps = () => db.prisma.outbox.count({ where: { dedupeKey: { contains: ':recall_decision:' } } });
    const before = await recallSteps();
    expect(before).toBe(5); // reminder, overdue notice, three escalations
    await tick(deps, new Date(clock.now().getTime() + 7 * 24 * 3600_000), { reports: false });
    expect(await recallSteps()).toBe(before);
  });
});
