/**
 * Scheduled reports in simulated time: the weekly report at 09:00 on Monday to the GM (whole company)
 * and each department head (their department); the monthly report on the month's first working day to
 * the GM and the management channel for the whole company and to each department head for their
 * department, with the targets against the actual figures; missed slots after a downtime sent once,
 * never repeated.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { act } from '../../src/commands/act.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { tick, type EngineDeps } from '../../src/commands/tick.ts';
import type { MessageView } from '../../src/notifiers/views/types.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { actor, filingForm, testConfig, testOrg } from '../support/org.ts';

const org = testOrg({ ...testConfig(), managementChannel: { slack: 'C0MGMT' } });
const sh = (local: string) => new Date(`${local}+08:00`);

describe('scheduled reports', () => {
  let db: TestDatabase;
  let clock: ManualClock;
  let deps: EngineDeps;

  beforeEach(async () => {
    db = await openTestDatabase('sqlite');
    clock = new ManualClock(sh('2026-11-20T10:00:00'));
    deps = { ...org.deps(db, clock), platforms: ['local'] };
  });
  afterEach(async () => db.cleanup());

  const reports = async () =>
    (await db.prisma.outbox.findMany({ where: { kind: 'report' }, orderBy: { id: 'asc' } })).map((r) => ({
      key: r.dedupeKey.split(':').slice(0, 3).join(':'),
      to: r.address,
      view: JSON.parse(r.payload) as MessageView,
    }));
  const at = async (local: string) => {
    clock.set(sh(local));
    return tick(deps, clock.now());
  };

  it('weekly: Monday 09:00 to the GM for the whole company and to each head for their department, once', async () => {
    // Mon 11-16: one answered the same day; its 8D is due Wed 11-25 10:00 (7 working days).
    clock.set(sh('2026-11-16T10:00:00'));
    const first = await fileComplaint(deps, actor('cs.li'), filingForm({ title: '包装破损' }));
    await act(deps, actor('q.chen'), first.state.complaint.number, 'acknowledge', { firstResponse: '已致电客户' });
    await at('2026-11-20T10:00:00'); // the engine's first run: reports start after it
    // Fri 11-20: two left unanswered past their 24-hour response deadline (Sat 10:00).
    await fileComplaint(deps, actor('cs.li'), filingForm({ title: '阀体尺寸超差' }));
    await fileComplaint(deps, actor('cs.li'), filingForm({ title: '业务员态度差', category: 'service_attitude' }));

    expect((await at('2026-11-23T08:59:00')).reports).toBe(0);
    expect((await at('2026-11-23T09:00:00')).reports).toBe(1);
    const sent = await reports();
    expect(sent.map((r) => r.to).sort()).toEqual(['gm.wang', 'l.he', 'q.chen', 's.zhou']);
    expect(new Set(sent.map((r) => r.key))).toEqual(new Set(['report:weekly:2026-11-23']));

    const gm = sent.find((r) => r.to === 'gm.wang')!.view;
    const lines = gm.text.split('\n');
    expect(lines[0]).toBe('投诉周报（2026-11-23 当周）— 全公司');
    expect(lines[1]).toBe('未结 3 件 · 逾期 2 件 · 本周到期 1 件');
    expect(lines.slice(2)).toEqual([
      '逾期：',
      '• KS-2026-0002 阀体尺寸超差（质量部）— 首次回复：已逾期 1 天 23 小时',
      '• KS-2026-0003 业务员态度差（销售部）— 首次回复：已逾期 1 天 23 小时',
      '本周到期：',
      '• KS-2026-0001 包装破损（质量部）— 8D 报告：还剩 2 天 1 小时',
    ]);
    expect(gm.chart?.bars).toEqual([
      { label: '产品质量', count: 2, rate: 0.5 },
      { label: '服务态度', count: 1, rate: 0 },
    ]);

    const quality = sent.find((r) => r.to === 'q.chen')!.view;
    expect(quality.text.split('\n')[0]).toBe('投诉周报（2026-11-23 当周）— 质量部');
    expect(quality.text).not.toContain('业务员态度差');
    expect(quality.text.split('\n')[1]).toBe('未结 2 件 · 逾期 1 件 · 本周到期 1 件');
    const logistics = sent.find((r) => r.to === 'l.he')!.view;
    expect(logistics.text.split('\n')[1]).toBe('未结 0 件 · 逾期 0 件 · 本周到期 0 件');
    expect(logistics.chart).toBeUndefined();

    for (const t of ['2026-11-23T09:01:00', '2026-11-23T15:00:00', '2026-11-24T09:00:00', '2026-11-29T23:59:00']) expect((await at(t)).reports).toBe(0);
    expect(await reports()).toHaveLength(4);
    expect((await at('2026-11-30T09:00:00')).reports).toBe(1);
    expect(await reports()).toHaveLength(8);
  });

  it('monthly: the previous month’s statistics on the first working day, to the GM, the management channel and each head for their department', async () => {
    await at('2026-10-30T10:00:00');
    await fileComplaint(deps, actor('cs.li'), filingForm());
    await fileComplaint(deps, actor('cs.li'), filingForm({ category: 'service_attitude' }));
    expect((await at('2026-11-01T09:00:00')).reports).toBe(0); // Sunday
    expect((await at('2026-11-02T09:00:00')).reports).toBe(2); // Monday: October's report and the week's
    const monthly = (await reports()).filter((r) => r.key === 'report:monthly:2026-10');
    expect(monthly.map((r) => r.to).sort()).toEqual(['#management', 'gm.wang', 'l.he', 'q.chen', 's.zhou']);
    const view = monthly.find((r) => r.to === 'gm.wang')!.view;
    expect(view.text.split('\n').slice(0, 3)).toEqual(['投诉月报', '2026-10 客诉统计（全公司）', '受理 2 件（上月 0 件）']);
    expect(view.chart?.bars.map((b) => [b.label, b.count])).toEqual([['产品质量', 1], ['服务态度', 1]]);
    // Seed 004's targets beside the actual figures: nothing revisited or closed yet, neither answered in 24 h.
    expect(view.text.split('\n').slice(-4)).toEqual([
      '目标与实际：',
      '• 满意度：暂无数据（回访满意 0/0）— 目标 ≥ 90% — 无法评估',
      '• 处理完成率：0%（已结案 0/2）— 目标 100% — 未达标',
      '• 24 小时内首次回复：0%（0/2）— 目标 100% — 未达标',
    ]);
    // One report per head, their department only.
    const quality = monthly.find((r) => r.to === 'q.chen')!.view;
    expect(quality.text.split('\n').slice(0, 3)).toEqual(['投诉月报', '2026-10 客诉统计（质量部）', '受理 1 件（上月 0 件）']);
    expect(quality.text).not.toContain('服务态度');
    expect(quality.text).toContain('• 处理完成率：0%（已结案 0/1）');
    expect(quality.chart?.bars.map((b) => [b.label, b.count])).toEqual([['产品质量', 1]]);
    expect(monthly.find((r) => r.to === 's.zhou')!.view.text.split('\n').slice(1, 3)).toEqual(['2026-10 客诉统计（销售部）', '受理 1 件（上月 0 件）']);
    expect(monthly.find((r) => r.to === 'l.he')!.view.text.split('\n').slice(1, 3)).toEqual(['2026-10 客诉统计（物流部）', '受理 0 件（上月 0 件）']);
  });

  it('after a downtime across several slots: each missed monthly report once, the weekly only for this week', async () => {
    await at('2026-08-20T10:00:00');
    clock.set(sh('2026-09-10T10:00:00'));
    await fileComplaint(deps, actor('cs.li'), filingForm());
    // Down from 08-20 until 11-24 11:00.
    expect((await at('2026-11-24T11:00:00')).reports).toBe(4);
    const keys = (await reports()).map((r) => `${r.key} ${r.to}`);
    expect(keys).toEqual([
      'report:weekly:2026-11-23 gm.wang',
      'report:weekly:2026-11-23 q.chen',
      'report:weekly:2026-11-23 s.zhou',
      'report:weekly:2026-11-23 l.he',
      'report:monthly:2026-08 gm.wang',
      'report:monthly:2026-08 #management',
      'report:monthly:2026-08 q.chen',
      'report:monthly:2026-08 s.zhou',
      'report:monthly:2026-08 l.he',
      'report:monthly:2026-09 gm.wang',
      'report:monthly:2026-09 #management',
      'report:monthly:2026-09 q.chen',
      'report:monthly:2026-09 s.zhou',
      'report:monthly:2026-09 l.he',
      'report:monthly:2026-10 gm.wang',
      'report:monthly:2026-10 #management',
      'report:monthly:2026-10 q.chen',
      'report:monthly:2026-10 s.zhou',
      'report:monthly:2026-10 l.he',
    ]);
    const september = (await reports()).find((r) => r.key === 'report:monthly:2026-09')!.view;
    expect(september.text).toContain('受理 1 件（上月 0 件）');
    expect((await at('2026-11-24T11:01:00')).reports).toBe(0);
    expect(await reports()).toHaveLength(19);
  });

  it('can be turned off', async () => {
    const off = testOrg({ ...testConfig(), reports: { ...testConfig().reports, enabled: false } });
    deps = { ...off.deps(db, clock), platforms: ['local'] };
    await at('2026-11-20T10:00:00');
    expect((await at('2026-11-23T09:00:00')).reports).toBe(0);
    expect(await reports()).toEqual([]);
  });

  it('a weekly report goes out only within its week: back on Monday 08:00, last week’s is not sent, this week’s is at 09:00', async () => {
    await at('2026-11-13T10:00:00');
    await fileComplaint(deps, actor('cs.li'), filingForm());
    expect((await at('2026-11-23T08:00:00')).reports).toBe(0); // down over 11-16 09:00; that week is over
    expect((await at('2026-11-23T09:00:00')).reports).toBe(1);
    expect(new Set((await reports()).map((r) => r.key))).toEqual(new Set(['report:weekly:2026-11-23']));
  });

  it('slots passing while reports are off are not sent when they are turned back on', async () => {
    await at('2026-08-20T10:00:00');
    const on = deps;
    deps = { ...testOrg({ ...testConfig(), reports: { ...testConfig().reports, enabled: false } }).deps(db, clock), platforms: ['local'] };
    for (const day of ['2026-09-01T10:00:00', '2026-10-08T10:00:00', '2026-11-20T10:00:00']) expect((await at(day)).reports).toBe(0);
    deps = on;
    expect((await at('2026-11-24T10:00:00')).reports).toBe(1); // this week's only: no September or October backlog
    expect((await reports()).map((r) => r.key)).toEqual(expect.arrayContaining(['report:weekly:2026-11-23']));
    expect((await reports()).some((r) => r.key.startsWith('report:monthly:'))).toBe(false);
  });
});
