/**
 * Improvement actions for the top causes (seed 001 §6.10) in simulated time: complaints filed in March
 * with 8Ds whose causes are spelled differently but are the same; the April 1 monthly report (March's)
 * opens one action per top cause, owned by the head of the department with most of its complaints,
 * told by DM; the engine chases them in April (reminder, then overdue to the owner and the GM); one is
 * closed from chat; May's report lists the open ones and the one closed in April; June's the open ones.
 * On SQLite and, when available, PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { act } from '../../src/commands/act.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { runCommand } from '../../src/commands/run-command.ts';
import { tick, type EngineDeps } from '../../src/commands/tick.ts';
import { insertImprovements } from '../../src/store/improvements.ts';
import type { MessageView } from '../../src/notifiers/views/types.ts';
import { openTestDatabase, pgAvailable, type TestDatabase } from '../support/db.ts';
import { actor, filingForm, testConfig, testOrg } from '../support/org.ts';

const config = testConfig();
const org = testOrg({ ...config, improvements: { ...config.improvements, dueDays: 20 } });
const sh = (local: string) => new Date(`${local}+08:00`);

const providers = pgAvailable() ? (['sqlite', 'postgresql'] as const) : (['sqlite'] as const);

describe.each(providers)('improvement actions for the top causes (%s)', (provider) => {
  let db: TestDatabase;
  let clock: ManualClock;
  let deps: EngineDeps;

  beforeEach(async () => {
    db = await openTestDatabase(provider);
    clock = new ManualClock(sh('2026-02-20T10:00:00'));
    deps = { ...org.deps(db, clock), platforms: ['local'] };
  });
  afterEach(async () => db.cleanup());

  const at = async (local: string) => {
    clock.set(sh(local));
    return tick(deps, clock.now());
  };
  /** Outbox messages of `kind` (optionally whose dedupe key starts with `key`), by recipient address. */
  const sent = async (kind: string, key = '') =>
    (await db.prisma.outbox.findMany({ where: { kind, dedupeKey: { startsWith: key } }, orderBy: { id: 'asc' } })).map((r) => ({
      key: r.dedupeKey.split(':').slice(0, 3).join(':'),
      to: r.address,
      text: (JSON.parse(r.payload) as MessageView).text,
    }));

  /** Files, acknowledges and answers with an 8D carrying a cause category and tags. */
  async function withCause(local: string, over: Record<string, unknown>, head: string, causeCategory: string | undefined, tags: string): Promise<string> {
    clock.set(sh(local));
    const { state } = await fileComplaint(deps, actor('cs.li'), filingForm(over));
    const n = state.complaint.number;
    await act(deps, actor(head), n, 'acknowledge', { firstResponse: '已致电客户' });
    await act(deps, actor(head), n, 'submit_8d', {
      d1Team: '小组', d2Problem: '问题', d3Containment: '围堵', d4RootCause: '根因', rootCauseTags: tags, d5Corrective: '纠正', d6Verification: '验证', d7Prevention: '预防',
      ...(causeCategory ? { causeCategory } : {}),
    });
    return n;
  }

  it('opened by March’s monthly report, chased in April, closed from chat, listed until closed', async () => {
    await at('2026-02-20T10:00:00'); // the engine's first run: reports start after it
    // March: the same cause three times in three spellings (case, full-width, spaces), another twice, a third once.
    const worn = [
      await withCause('2026-03-03T10:00:00', {}, 'q.chen', 'machine', 'Worn tool'),
      await withCause('2026-03-04T10:00:00', {}, 'q.chen', 'machine', 'ｗｏｒｎ  ＴＯＯＬ'),
      await withCause('2026-03-05T10:00:00', {}, 'q.chen', 'machine', ' worn tool , Worn Tool'),
    ];
    const training = [
      await withCause('2026-03-10T10:00:00', { category: 'service_attitude' }, 's.zhou', 'man', 'Training'),
      await withCause('2026-03-11T10:00:00', { category: 'service_attitude' }, 's.zhou', undefined, '人员, training'),
    ];
    await withCause('2026-03-12T10:00:00', {}, 'q.chen', 'material', '');
    expect(await db.prisma.improvement.count()).toBe(0);

    // April 1 (Wednesday) 09:00: March's report opens one action per top cause, in the report's order.
    await at('2026-04-01T08:59:00'); // February's report (no causes) and the week's
    expect(await db.prisma.improvement.count()).toBe(0);
    await at('2026-04-01T09:00:00');
    const opened = await db.prisma.improvement.findMany({ orderBy: { id: 'asc' } });
    expect(opened.map((i) => [i.id, i.causeKey, i.count, i.department, i.ownerId, i.status])).toEqual([
      ['IA-2026-03-1', 'machine:worn tool', 3, 'quality', 'q.chen', 'open'],
      ['IA-2026-03-2', 'man:training', 2, 'sales', 's.zhou', 'open'],
      ['IA-2026-03-3', 'material:', 1, 'quality', 'q.chen', 'open'],
    ]);
    expect(JSON.parse(opened[0]!.complaints)).toEqual(worn);
    expect(JSON.parse(opened[1]!.complaints)).toEqual(training);
    // Due 20 days later at the end of that working day (Tue 04-21 18:00); the reminder 3 days before, on a working day (Fri 04-17 09:00).
    expect(opened[0]!.dueAt).toEqual(sh('2026-04-21T18:00:00'));
    expect(opened[0]!.nextStepAt).toEqual(sh('2026-04-17T09:00:00'));

    // The owners hear it by DM, with what to do and how to close it.
    const told = await sent('improvement', 'improvement:');
    expect(told.map((m) => [m.key, m.to])).toEqual([
      ['improvement:IA-2026-03-1:opened', 'q.chen'],
      ['improvement:IA-2026-03-2:opened', 's.zhou'],
      ['improvement:IA-2026-03-3:opened', 'q.chen'],
    ]);
    expect(told[0]!.text).toBe(
      `改进行动 IA-2026-03-1 由您负责：“设备（worn tool）”是 2026-03 第 1 大原因（3 件客诉：${worn.join(', ')}）。请为质量部开展内部 8D——分析根本原因、制订纠正预防措施并验证其效果——于 2026-04-21 18:00 前完成。完成后发送：/complaint 改进 关闭 IA-2026-03-1 <已实施的措施及验证结果>`,
    );
    // The report ranks the same cause once and lists the actions: the GM's for all, each head's for their department.
    const march = await sent('report', 'report:monthly:2026-03');
    const gm = march.find((m) => m.to === 'gm.wang')!.text.split('\n');
    expect(gm).toContain('主要根本原因：设备（worn tool） 3 · 人员（training） 2 · 材料 1');
    expect(gm.slice(-4)).toEqual([
      '前五大原因的改进行动：',
      '• IA-2026-03-1 设备（worn tool）（3 件）— 质量部，陈刚 — 进行中，2026-04-21 18:00 到期',
      '• IA-2026-03-2 人员（training）（2 件）— 销售部，周杰 — 进行中，2026-04-21 18:00 到期',
      '• IA-2026-03-3 材料（1 件）— 质量部，陈刚 — 进行中，2026-04-21 18:00 到期',
    ]);
    const sales = march.find((m) => m.to === 's.zhou')!.text;
    expect(sales).toContain('• IA-2026-03-2 人员（training）');
    expect(sales).not.toContain('IA-2026-03-1');
    expect(march.find((m) => m.to === 'l.he')!.text).not.toContain('改进行动');

    // The same slot again (a restart, another replica): nothing is opened or told twice.
    await at('2026-04-01T09:05:00');
    expect(await db.prisma.improvement.count()).toBe(3);
    expect(await sent('improvement', 'improvement:')).toHaveLength(3);

    // Someone else may not close it; the sales head closes theirs from chat on April 10.
    clock.set(sh('2026-04-10T15:00:00'));
    await expect(runCommand(deps, actor('l.he'), '/complaint improvement close IA-2026-03-1 done')).rejects.toMatchObject({ code: 'improvement_forbidden' });
    await expect(runCommand(deps, actor('s.zhou'), '/complaint improvement close IA-2026-03-2')).rejects.toMatchObject({ code: 'improvement_usage' });
    const closed = await runCommand(deps, actor('s.zhou'), '/complaint 改进 关闭 ia-2026-03-2 全员服务培训已完成，4 月无同类投诉');
    expect(closed).toMatchObject({ type: 'message', message: { text: '改进行动 IA-2026-03-2（“人员（training）”）已关闭。' } });
    await expect(runCommand(deps, actor('gm.wang'), '/complaint improvement close IA-2026-03-2 again')).rejects.toMatchObject({ code: 'improvement_closed' });
    const list = await runCommand(deps, actor('cs.li'), '/complaint improvement');
    expect(list.type === 'message' && list.message.text.split('\n')).toEqual([
      '未关闭的改进行动',
      '• IA-2026-03-1 设备（worn tool）（3 件）— 质量部，陈刚 — 进行中，2026-04-21 18:00 到期',
      '• IA-2026-03-3 材料（1 件）— 质量部，陈刚 — 进行中，2026-04-21 18:00 到期',
    ]);

    // The reminder, Fri 04-17 09:00, to the owner of each open action — not to the closed one's.
    await at('2026-04-17T08:59:00');
    expect(await sent('improvement', 'improvement:IA-2026-03-1:reminder')).toHaveLength(0);
    expect((await at('2026-04-17T09:00:00')).steps).toBe(2);
    const reminders = await sent('improvement', 'improvement:');
    expect(reminders.slice(3).map((m) => [m.key, m.to])).toEqual([
      ['improvement:IA-2026-03-1:reminder', 'q.chen'],
      ['improvement:IA-2026-03-3:reminder', 'q.chen'],
    ]);
    expect(reminders[3]!.text).toBe('提醒：改进行动 IA-2026-03-1（“设备（worn tool）”，质量部）将于 2026-04-21 18:00 到期。完成后发送：/complaint 改进 关闭 IA-2026-03-1 <已实施的措施及验证结果>');
    expect((await at('2026-04-17T09:01:00')).steps).toBe(0);

    // Overdue at Tue 04-21 18:00: the owner and the GM, once each.
    expect((await at('2026-04-21T17:59:00')).steps).toBe(0);
    expect((await at('2026-04-21T18:00:00')).steps).toBe(2);
    const overdue = (await sent('improvement', 'improvement:')).slice(5);
    expect(overdue.map((m) => [m.key, m.to])).toEqual([
      ['improvement:IA-2026-03-1:overdue', 'q.chen'],
      ['improvement:IA-2026-03-1:overdue', 'gm.wang'],
      ['improvement:IA-2026-03-3:overdue', 'q.chen'],
      ['improvement:IA-2026-03-3:overdue', 'gm.wang'],
    ]);
    expect(overdue[1]!.text).toContain('已逾期：改进行动 IA-2026-03-1（“设备（worn tool）”，质量部，负责人 陈刚）已于 2026-04-21 18:00 到期，仍未关闭。');
    for (const t of ['2026-04-22T09:00:00', '2026-04-30T09:00:00']) expect((await at(t)).steps).toBe(0);
    expect(await sent('improvement', 'improvement:')).toHaveLength(9);

    // May's report (April's, on Wed 05-06 after the Labour Day holiday) still lists the open ones, and the one closed in April.
    await at('2026-05-06T09:00:00');
    const may = (await sent('report', 'report:monthly:2026-04')).find((m) => m.to === 'gm.wang')!.text.split('\n');
    expect(may.slice(-4)).toEqual([
      '前五大原因的改进行动：',
      '• IA-2026-03-1 设备（worn tool）（3 件）— 质量部，陈刚 — 进行中，已于 2026-04-21 18:00 逾期',
      '• IA-2026-03-2 人员（training）（2 件）— 销售部，周杰 — 已于 2026-04-10 15:00 关闭：全员服务培训已完成，4 月无同类投诉',
      '• IA-2026-03-3 材料（1 件）— 质量部，陈刚 — 进行中，已于 2026-04-21 18:00 逾期',
    ]);
    // April had no causes: nothing new opened. June's report lists only what is still open.
    expect(await db.prisma.improvement.count()).toBe(3);
    await at('2026-06-01T09:00:00');
    const june = (await sent('report', 'report:monthly:2026-05')).find((m) => m.to === 'gm.wang')!.text;
    expect(june).toContain('• IA-2026-03-1 ');
    expect(june).toContain('• IA-2026-03-3 ');
    expect(june).not.toContain('IA-2026-03-2');
  });

  it('concurrent ticks send each ladder step once', async () => {
    await at('2026-02-20T10:00:00');
    await withCause('2026-03-03T10:00:00', {}, 'q.chen', 'machine', 'worn tool');
    await at('2026-04-01T09:00:00');
    clock.set(sh('2026-04-21T18:00:00'));
    const results = await Promise.all([tick(deps, clock.now(), { reports: false }), tick(deps, clock.now(), { reports: false }), tick(deps, clock.now(), { reports: false })]);
    expect(results.reduce((n, r) => n + r.steps, 0)).toBe(1);
    expect((await sent('improvement', 'improvement:IA-2026-03-1:overdue')).map((m) => m.to)).toEqual(['q.chen', 'gm.wang']);
  });

  it('opened once per month and cause; two closes at once: one wins, the other is told who closed it', async () => {
    await at('2026-02-20T10:00:00');
    await withCause('2026-03-03T10:00:00', {}, 'q.chen', 'machine', 'worn tool');
    await at('2026-04-01T09:00:00');
    const [row] = await db.prisma.improvement.findMany();
    const again = { ...row!, id: 'IA-2026-03-9', status: 'open' as const, complaints: [], closedBy: undefined, closingNote: undefined, closedAt: undefined };
    expect(await db.prisma.$transaction((tx) => insertImprovements(tx, [again], clock.now()))).toEqual([]);
    expect(await db.prisma.improvement.count()).toBe(1);
    clock.set(sh('2026-04-02T10:00:00'));
    const results = await Promise.allSettled([
      runCommand(deps, actor('q.chen'), '/complaint improvement close IA-2026-03-1 换刀周期缩短'),
      runCommand(deps, actor('gm.wang'), '/complaint improvement close IA-2026-03-1 已验证'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'improvement_closed' } });
    expect((await db.prisma.improvement.findUniqueOrThrow({ where: { id: 'IA-2026-03-1' } })).nextStepAt).toBeNull();
  });
});
