/**
 * Issue 15 acceptance, accountability (seed 002 §4–5), in simulated time: complaints resolved in March
 * name who fell short; on April's first working day at the monthly report time the statement reaches
 * the GM; a non-GM cannot sign it and outsiders cannot see it; the GM signs it from chat; finance is told
 * and gets the .xlsx, read back here cell by cell. On SQLite and, when available, PostgreSQL.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { act } from '../../src/commands/act.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { loadState } from '../../src/store/complaints.ts';
import { tick, type EngineDeps } from '../../src/commands/tick.ts';
import { createInteractions, type ExportReply, type Replier, type ShownReply } from '../../src/interaction/index.ts';
import { createLogger } from '../../src/logger.ts';
import type { MessageView } from '../../src/notifiers/views/types.ts';
import { accountabilityConfig } from '../support/accountability.ts';
import { ACK, REPORT } from '../support/controls.ts';
import { openTestDatabase, pgAvailable, type TestDatabase } from '../support/db.ts';
import { actor, filingForm, testOrg } from '../support/org.ts';

const org = testOrg(accountabilityConfig());
const sh = (local: string) => new Date(`${local}+08:00`);
const providers = pgAvailable() ? (['sqlite', 'postgresql'] as const) : (['sqlite'] as const);

/** A replier that keeps what the core answered. */
function recorder() {
  const got: { replies: ShownReply[]; exports: ExportReply[] } = { replies: [], exports: [] };
  const replier: Replier = {
    form: async () => {
      throw new Error('no form expected');
    },
    reply: async (r) => void got.replies.push(r),
    chart: async (m) => void got.replies.push({ type: 'message', message: m }),
    export: async (e) => void got.exports.push(e),
  };
  return { replier, got };
}

async function rows(xlsx: Buffer): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const out: Record<string, unknown[][]> = {};
  wb.eachSheet((sheet) => {
    const data: unknown[][] = [];
    sheet.eachRow((row) => data.push((row.values as unknown[]).slice(1)));
    out[sheet.name] = data;
  });
  return out;
}

describe.each(providers)('accountability statement for March (%s)', (provider) => {
  let db: TestDatabase;
  let clock: ManualClock;
  let deps: EngineDeps;

  beforeEach(async () => {
    db = await openTestDatabase(provider);
    clock = new ManualClock(sh('2026-03-02T09:30:00'));
    deps = { ...org.deps(db, clock), platforms: ['local'] };
  });
  afterEach(async () => db.cleanup());

  const outbox = async (kind: string) =>
    (await db.prisma.outbox.findMany({ where: { kind }, orderBy: { id: 'asc' } })).map((r) => ({ key: r.dedupeKey, to: r.address, view: JSON.parse(r.payload) as MessageView }));
  const at = async (local: string) => {
    clock.set(sh(local));
    return tick(deps, clock.now());
  };

  it('compiled on 1 April, refused to a non-GM and to outsiders, signed by the GM, sent to finance as .xlsx', async () => {
    await at('2026-03-02T09:30:00'); // the engine's first run
    // Grade A, service attitude (sales): the representative fell short; supervisor and manager answer with her.
    clock.set(sh('2026-03-02T10:00:00'));
    const a = (await fileComplaint(deps, actor('cs.li'), filingForm({ title: '业务员态度差', category: 'service_attitude' }))).state.complaint.number;
    await act(deps, actor('s.zhou'), a, 'acknowledge', ACK);
    clock.set(sh('2026-03-03T10:00:00'));
    await act(deps, actor('s.zhou'), a, 'submit_8d', { ...REPORT, sentVia: 'email' });
    clock.set(sh('2026-03-04T10:00:00'));
    await act(deps, actor('s.zhou'), a, 'resolve', { kinds: ['apology'], summary: '已致歉', fellShort: 's.wu:sales_rep', jointlyLiable: 'q.sun:sales_supervisor, s.zhou:sales_manager' });

    // Grade C refund of 4,000 yuan: the GM approves the 8D, it reaches the customer, the refund is paid.
    clock.set(sh('2026-03-10T10:00:00'));
    const c = (await fileComplaint(deps, actor('cs.li'), filingForm({ title: '培训质量差', demand: 'refund', category: 'service_attitude' }))).state.complaint.number;
    await act(deps, actor('s.zhou'), c, 'acknowledge', ACK);
    await act(deps, actor('s.zhou'), c, 'submit_8d', REPORT);
    clock.set(sh('2026-03-11T10:00:00'));
    await act(deps, actor('gm.wang'), c, 'approve', { kind: 'solution', decision: 'approve' });
    await act(deps, actor('s.zhou'), c, 'send_8d', { via: 'email' });
    clock.set(sh('2026-03-12T10:00:00'));
    // A wrong naming is refused: the rule for the representative holds the supervisor and manager too.
    await expect(act(deps, actor('s.zhou'), c, 'resolve', { kinds: ['refund'], summary: '退款', amount: '4000', fellShort: 's.wu:sales_rep' })).rejects.toMatchObject({ code: 'accountable_missing' });
    await act(deps, actor('s.zhou'), c, 'resolve', { kinds: ['refund'], summary: '退款', amount: '4000', fellShort: 's.wu:sales_rep', jointlyLiable: 'q.sun:sales_supervisor, s.zhou:sales_manager' });
    // Grade C: resolved when its co-owners have signed (seed 002 §3) — customer service's manager, then the GM
    // for the sales head, who handles it; the charges come with that resolution.
    expect((await loadState(db.prisma, (await db.prisma.complaint.findUniqueOrThrow({ where: { number: c } })).id))!.complaint.status).toBe('replied');
    await act(deps, actor('cs.zhao'), c, 'approve', { kind: 'signoff', decision: 'approve' });
    await act(deps, actor('gm.wang'), c, 'approve', { kind: 'signoff', decision: 'approve' });

    // Resolved in April: not in March's statement.
    clock.set(sh('2026-03-31T10:00:00'));
    const later = (await fileComplaint(deps, actor('cs.li'), filingForm({ title: '调度失误', category: 'service_attitude' }))).state.complaint.number;
    await act(deps, actor('s.zhou'), later, 'acknowledge', ACK);
    await act(deps, actor('s.zhou'), later, 'submit_8d', { ...REPORT, sentVia: 'email' });
    clock.set(sh('2026-04-01T08:00:00'));
    await act(deps, actor('s.zhou'), later, 'resolve', { kinds: ['apology'], summary: '已致歉', fellShort: 'l.he:brand_dispatcher' });

    expect((await outbox('report')).filter((r) => r.key.startsWith('statement:'))).toEqual([]);
    await at('2026-04-01T08:59:00');
    expect((await outbox('report')).filter((r) => r.key.startsWith('statement:'))).toEqual([]);
    await at('2026-04-01T09:00:00'); // Wednesday, the first working day: the monthly slot
    const toGm = (await outbox('report')).filter((r) => r.key.startsWith('statement:2026-03'));
    expect(toGm.map((r) => r.to)).toEqual(['gm.wang']);
    // Per person: 吴芳 50 + 5 % of 4,000 = 250; 孙丽 the same; 周杰 the same; six commissions cancelled.
    expect(toGm[0]!.view.text.split('\n')).toEqual([
      '2026-03 责任落实明细（来源 002 第五条）：3 人，扣款合计 ¥750.00，取消提成 6 项。签字后提交财务执行（点下方按钮，或 `/complaint statement sign 2026-03`）。明细文件：`/complaint statement 2026-03`。',
      '• 吴芳：¥250.00，取消提成 ×2',
      '• 孙丽：¥250.00，取消提成 ×2',
      '• 周杰：¥250.00，取消提成 ×2',
    ]);
    expect(toGm[0]!.view.buttons).toEqual([{ id: 'sign_statement', value: '2026-03', label: '签字确认', style: 'primary' }]);
    await at('2026-04-02T09:00:00');
    expect((await outbox('report')).filter((r) => r.key.startsWith('statement:'))).toHaveLength(1);

    const io = createInteractions(deps, createLogger('silent'));
    const ask = async (who: string, text: string) => {
      const r = recorder();
      await io.command(r.replier, actor(who), text);
      return r.got;
    };
    // Finance may read but not sign; a department head whose people are not in it and a member see nothing.
    await expect(ask('fin.ma', 'statement sign 2026-03')).rejects.toMatchObject({ code: 'statement_sign_forbidden' });
    await expect(io.messageButton(actor('fin.ma'), 'sign_statement', '2026-03')).rejects.toMatchObject({ code: 'statement_sign_forbidden' });
    await expect(io.messageButton(actor('gm.wang'), 'no_such_button', '2026-03')).rejects.toMatchObject({ code: 'foreign_button' });
    await expect(ask('s.zhou', '责任落实 签字 2026-03')).rejects.toMatchObject({ code: 'statement_sign_forbidden' });
    await expect(ask('l.he', 'statement 2026-03')).rejects.toMatchObject({ code: 'statement_forbidden' });
    await expect(ask('s.wu', 'statement 2026-03')).rejects.toMatchObject({ code: 'statement_forbidden' });
    await expect(ask('cs.li', 'statement 2026-02')).rejects.toMatchObject({ code: 'statement_forbidden' });
    await expect(io.statementFile(actor('s.wu'), '2026-03')).rejects.toMatchObject({ code: 'statement_forbidden' });
    expect(await outbox('report').then((r) => r.filter((x) => x.to === 'fin.ma'))).toEqual([]);

    // The GM signs from chat (April 2, 10:00).
    clock.set(sh('2026-04-02T10:00:00'));
    const signed = await ask('gm.wang', 'statement sign 2026-03');
    expect(signed.replies).toEqual([{ type: 'message', message: { text: '你已签字确认 2026-03 的责任落实明细，已提交财务（马超）。', tone: 'success' } }]);
    await expect(ask('gm.wang', 'statement sign 2026-03')).rejects.toMatchObject({ code: 'statement_already_signed' });
    // The Sign button goes the same way as the command: refused once signed.
    await expect(io.messageButton(actor('gm.wang'), 'sign_statement', '2026-03')).rejects.toMatchObject({ code: 'statement_already_signed' });
    const toFinance = (await outbox('report')).filter((r) => r.to === 'fin.ma');
    expect(toFinance).toHaveLength(1);
    expect(toFinance[0]!.view.text.split('\n')[0]).toBe(
      '2026-03 责任落实明细已由 王总 于 2026-04-02 10:00 签字：3 人，扣款合计 ¥750.00，取消提成 6 项，请从工资中扣除。明细文件见附件（再次获取：`/complaint statement 2026-03`）。',
    );
    // The file goes with it, drawn at delivery for finance: a reference in the outbox, not the bytes.
    expect(toFinance[0]!.view.attachment).toEqual({ statement: '2026-03', reader: 'fin.ma' });

    // Finance gets the file: one row per person, one per item.
    const got = await ask('fin.ma', 'statement 2026-03');
    expect(got.exports.map((e) => e.statement)).toEqual(['2026-03']);
    const { comment, files } = await got.exports[0]!.make();
    expect(comment.split('\n')[0]).toBe('2026-03 责任落实明细（王总 已于 2026-04-02 10:00 签字）。');
    expect(files.map((f) => f.name)).toEqual(['kesu-accountability-2026-03.xlsx']);
    const sheets = await rows(files[0]!.bytes);
    expect(Object.keys(sheets)).toEqual(['按人汇总 2026-03', '明细 2026-03']);
    expect(sheets['按人汇总 2026-03']).toEqual([
      ['人员', '岗位', '扣款合计', '定额扣款', '退款分担', '服务金额扣取比例 %', '取消提成项数', '币种', '客诉'],
      ['吴芳', '营销代表', 250, 50, 200, undefined, 2, 'CNY', `${a}, ${c}`],
      ['孙丽', '营销主任', 250, 50, 200, undefined, 2, 'CNY', `${a}, ${c}`],
      ['周杰', '营销经理', 250, 50, 200, undefined, 2, 'CNY', `${a}, ${c}`],
    ]);
    const items = sheets['明细 2026-03']!;
    expect(items).toHaveLength(7);
    expect(items[0]).toEqual(['客诉编号', '等级', '处理完成时间', '人员', '岗位', '未达标人', '定额扣款', '退款比例 %', '退款分担', '服务金额扣取比例 %', '取消提成', '币种']);
    expect(items.slice(1).map((r) => [r[0], r[1], r[3], r[5], r[6], r[7], r[8], r[10]])).toEqual([
      [a, 'A', '吴芳', '吴芳 (营销代表)', 50, undefined, 0, '是'],
      [a, 'A', '孙丽', '吴芳 (营销代表)', 50, undefined, 0, '是'],
      [a, 'A', '周杰', '吴芳 (营销代表)', 50, undefined, 0, '是'],
      [c, 'C', '吴芳', '吴芳 (营销代表)', 0, 5, 200, '是'],
      [c, 'C', '孙丽', '吴芳 (营销代表)', 0, 5, 200, '是'],
      [c, 'C', '周杰', '吴芳 (营销代表)', 0, 5, 200, '是'],
    ]);
    // The resolution time is a real Excel date, in Shanghai wall-clock time.
    expect(items[1]![2]).toEqual(new Date('2026-03-04T10:00:00Z'));

    // A head sees only the people of their departments: 周杰 (sales) sees 吴芳 and himself, not 孙丽 (quality).
    const head = await (await ask('s.zhou', 'statement 2026-03')).exports[0]!.make();
    const headRows = (await rows(head.files[0]!.bytes))['按人汇总 2026-03']!;
    expect(headRows.slice(1).map((r) => r[0])).toEqual(['吴芳', '周杰']);
    // The console's download gives the same file to whoever may see it.
    expect((await io.statementFile(actor('gm.wang'), '2026-03')).name).toBe('kesu-accountability-2026-03.xlsx');
  });
});
