/**
 * "My tasks" (buildTasks): what each complaint needs from the viewer, in their language, with its due
 * time and the button for that step. The viewer's steps come from the real lifecycle and permissions.
 */
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../src/config/schema.ts';
import { buildTasks, type TaskEntry } from '../../../src/notifiers/views/index.ts';
import { availableActions } from '../../../src/workflows/lifecycle.ts';
import type { Approval, ApprovalKind, ComplaintState } from '../../../src/workflows/model.ts';
import { mayDecideHere } from '../../../src/workflows/permissions.ts';
import { complaint, ctx, deadline, directory, openUrgent } from './fixtures.ts';

/** What `myTasks` gives the builder for `viewer`. */
const entry = (state: ComplaintState, viewer: string): TaskEntry => ({
  state,
  actions: availableActions(state, viewer, { directory }),
  approvals: state.approvals.filter((a) => mayDecideHere(viewer, a, state.complaint, directory)),
});
const tasks = (locale: Locale, viewer: string, ...states: ComplaintState[]) =>
  buildTasks(
    states.map((s) => entry(s, viewer)),
    { ...ctx(locale), title: 'T', currency: 'CNY' },
  );

function approval(kind: ApprovalKind, payload: Record<string, unknown>, role = 'gm', as: 'approve' | 'review' | 'sign' = 'approve'): Approval {
  return {
    id: `a-${kind}`,
    kind,
    requiredRole: role,
    status: 'pending',
    payload: { ...payload, chain: [{ role, as }], step: 0, signoffs: [] },
    requestedBy: 'q.liu',
    requestedAt: new Date('2026-03-02T01:00:00Z'),
  };
}

/** Acknowledged by q.liu: the 8D due 03-10 14:40 local. */
const acknowledged = (over: Partial<ComplaintState> = {}): ComplaintState => ({
  complaint: complaint({ status: 'acknowledged', handlerId: 'q.liu', acknowledgedAt: new Date('2026-03-01T07:00:00Z') }),
  deadlines: [deadline('response', '2026-03-02T06:40:00Z', { metAt: new Date('2026-03-01T07:00:00Z') }), deadline('eightD', '2026-03-10T06:40:00Z')],
  approvals: [],
  ...over,
});

/** A claim of ¥8,600 waiting for the sales manager (s.zhou), due tomorrow 09:00 local. */
const claimPending = (): ComplaintState => {
  const s = acknowledged();
  s.complaint.claim = { amountMinor: 860_000, currency: 'CNY' };
  s.approvals = [approval('claim', { amountMinor: 860_000, currency: 'CNY', amountBaseMinor: 860_000, quantity: 0, source: 'claim' }, 'sales_manager')];
  s.deadlines.push(deadline('approval_claim', '2026-03-03T01:00:00Z'));
  return s;
};

describe('my tasks: what is needed from the viewer', () => {
  it('the sales manager is asked to approve the claim, with its amount and currency, in both languages', () => {
    const zh = tasks('zh-CN', 's.zhou', claimPending());
    expect(zh.items).toHaveLength(1);
    const [item] = zh.items;
    expect(item!.needs).toEqual([
      { action: 'approve', text: '批准索赔 ¥8,600.00', dueAt: new Date('2026-03-03T01:00:00Z'), dueText: '2026-03-03 09:00 前，还剩 23 小时', overdue: false, line: '批准索赔 ¥8,600.00：2026-03-03 09:00 前，还剩 23 小时' },
    ]);
    expect(item!.button).toEqual({ action: 'approve', label: '审批', style: 'primary', value: 'c-1' });
    expect(zh.showLabel).toBe('查看');
    const en = tasks('en', 's.zhou', claimPending());
    expect(en.items[0]!.needs[0]!.line).toBe('Approve claim CNY 8,600.00 — by 2026-03-03 09:00, due in 23 h');
    expect(en.items[0]!.button.label).toBe('Review approval');
    expect(en.showLabel).toBe('Open');
  });

  it('names pieces, a claim in another currency and the step of a chain (review, sign)', () => {
    const pieces = claimPending();
    pieces.approvals = [approval('claim', { quantity: 150, currency: 'CNY' }, 'sales_manager')];
    expect(tasks('zh-CN', 's.zhou', pieces).items[0]!.needs[0]!.text).toBe('批准索赔 150 件');
    expect(tasks('en', 's.zhou', pieces).items[0]!.needs[0]!.text).toBe('Approve claim 150 pcs');
    const foreign = claimPending();
    foreign.approvals = [approval('claim', { amountMinor: 2_000_000, currency: 'USD', quantity: 30 }, 'sales_vp', 'review')];
    expect(tasks('zh-CN', 'vp.xu', foreign).items[0]!.needs[0]!.text).toBe('审核索赔 USD 20,000.00、30 件');
    expect(tasks('en', 'vp.xu', foreign).items[0]!.needs[0]!.text).toBe('Review claim USD 20,000.00, 30 pcs');
    const bare = claimPending();
    bare.approvals = [approval('claim', {}, 'sales_manager', 'sign')];
    expect(tasks('en', 's.zhou', bare).items[0]!.needs[0]!.text).toBe('Sign the claim');
  });

  it('the GM sees every approval they may decide on a case, the one due first leading; one button decides each', () => {
    const s = claimPending();
    s.approvals.push(approval('extension', { deadline: 'eightD', from: '2026-03-10T06:40:00Z', to: '2026-03-20T10:00:00Z', reason: '等待来料' }));
    s.deadlines.push(deadline('approval_extension', '2026-03-02T06:00:00Z'));
    const zh = tasks('zh-CN', 'gm.wang', s).items[0]!;
    expect(zh.needs.map((n) => n.line)).toEqual(['批准延期至 2026-03-20 18:00（8D 报告）：2026-03-02 14:00 前，还剩 4 小时', '批准索赔 ¥8,600.00：2026-03-03 09:00 前，还剩 23 小时']);
    expect(zh.button.action).toBe('approve');
    const en = tasks('en', 'gm.wang', s).items[0]!;
    expect(en.needs.map((n) => n.text)).toEqual(['Approve the extension to 2026-03-20 18:00 (8D report)', 'Approve claim CNY 8,600.00']);
    // The sales manager may decide the claim only: the extension is the GM's.
    expect(tasks('en', 's.zhou', s).items[0]!.needs.map((n) => n.text)).toEqual(['Approve claim CNY 8,600.00']);
  });

  it('an approval beats the viewer’s other steps on the same case, even one due sooner', () => {
    // s.zhou heads sales and is the sales manager: on a sales case he may acknowledge, and decide its claim.
    const s = openUrgent({ department: 'sales', category: 'service_attitude' });
    s.approvals = [{ ...approval('claim', { amountMinor: 860_000, currency: 'CNY' }, 'sales_manager'), requestedBy: 'cs.li' }];
    s.deadlines.push(deadline('approval_claim', '2026-03-03T01:00:00Z'));
    expect(availableActions(s, 's.zhou', { directory })).toEqual(expect.arrayContaining(['acknowledge', 'approve']));
    const item = tasks('zh-CN', 's.zhou', s).items[0]!;
    expect(item.needs.map((n) => n.text)).toEqual(['批准索赔 ¥8,600.00']);
    expect(item.button.action).toBe('approve');
    // A downgrade is the GM's; the quality head on a quality case acknowledges.
    const q = openUrgent();
    q.approvals = [approval('downgrade', { grade: 'A', urgent: false })];
    expect(tasks('zh-CN', 'gm.wang', q).items[0]!.needs.map((n) => n.text)).toEqual(['批准降级为 A 轻微 并取消加急']);
    expect(tasks('zh-CN', 'q.chen', q).items[0]!.needs.map((n) => n.action)).toEqual(['acknowledge']);
  });

  it('names downgrades and solutions', () => {
    const grade = acknowledged({ approvals: [approval('downgrade', { grade: 'A', urgent: false })] });
    expect(tasks('en', 'gm.wang', grade).items[0]!.needs[0]!.text).toBe('Approve the downgrade to A · minor');
    const urgent = acknowledged({ approvals: [approval('downgrade', { grade: 'B', urgent: false })] });
    urgent.complaint.urgent = true;
    expect(tasks('zh-CN', 'gm.wang', urgent).items[0]!.needs[0]!.text).toBe('批准取消加急');
    expect(tasks('en', 'gm.wang', urgent).items[0]!.needs[0]!.text).toBe('Approve dropping the urgent flag');
    const solution = acknowledged({ approvals: [approval('solution', { grade: 'B', eightDVersion: 1, round: 0 })] });
    solution.complaint.status = 'awaiting_approval';
    expect(tasks('zh-CN', 'gm.wang', solution).items[0]!.needs[0]!.text).toBe('批准 8D 报告中的解决方案');
    expect(tasks('en', 'gm.wang', solution).items[0]!.needs[0]!.text).toBe('Approve the solution (8D report)');
  });

  it('acknowledge within the response time; on an urgent case that comes before the containment due at the same time', () => {
    const zh = tasks('zh-CN', 'q.liu', openUrgent()).items[0]!;
    expect(zh.needs).toEqual([
      { action: 'acknowledge', text: '受理并首次回复客户', dueAt: new Date('2026-03-02T06:40:00Z'), dueText: '2026-03-02 14:40 前，还剩 4 小时 40 分', overdue: false, line: '受理并首次回复客户：2026-03-02 14:40 前，还剩 4 小时 40 分' },
    ]);
    expect(zh.button).toMatchObject({ action: 'acknowledge', label: '受理', style: 'primary' });
    expect(zh.deadlines.map((d) => d.kind)).toEqual(['response', 'containment', 'eightD']);
    expect(tasks('en', 'q.liu', openUrgent()).items[0]!.needs[0]!.line).toBe('Acknowledge and give the customer a first response — by 2026-03-02 14:40, due in 4 h 40 min');
  });

  it('the handler contains an urgent case before the 8D, then submits the 8D, sends it, resolves', () => {
    const urgent = acknowledged({ deadlines: [...acknowledged().deadlines, deadline('containment', '2026-03-02T06:40:00Z')] });
    urgent.complaint.urgent = true;
    expect(tasks('en', 'q.liu', urgent).items[0]!.needs.map((n) => n.text)).toEqual(['Take the containment measure']);
    const zh8d = tasks('zh-CN', 'q.liu', acknowledged()).items[0]!;
    expect(zh8d.needs[0]!.line).toBe('提交 8D 报告：2026-03-10 14:40 前，还剩 8 天 4 小时');
    expect(zh8d.button.action).toBe('submit_8d');

    const eightD = { d1Team: 't', d2Problem: 'p', d3Containment: 'c', d4RootCause: 'r', rootCauseTags: [], d5Corrective: 'c', d6Verification: 'v', d7Prevention: 'p', d8Closure: '' };
    const toSend = acknowledged();
    Object.assign(toSend.complaint, { status: 'replied', grade: 'A', eightD });
    expect(tasks('en', 'q.liu', toSend).items[0]!.needs.map((n) => n.line)).toEqual(['Send the 8D report to the customer — by 2026-03-10 14:40, due in 8 d 4 h']);
    expect(tasks('zh-CN', 'q.liu', toSend).items[0]!.button.action).toBe('send_8d');

    const sent = acknowledged();
    Object.assign(sent.complaint, { status: 'replied', grade: 'A', eightD: { ...eightD, sent: { by: 'q.liu', at: '2026-03-02T01:00:00Z', via: 'email' } } });
    sent.deadlines = sent.deadlines.map((d) => (d.kind === 'eightD' ? { ...d, metAt: new Date('2026-03-02T01:00:00Z') } : d));
    const resolve = tasks('zh-CN', 'q.liu', sent).items[0]!;
    expect(resolve.needs).toEqual([{ action: 'resolve', text: '落实并登记处理结果', overdue: false, line: '落实并登记处理结果' }]);
    expect(resolve.button.action).toBe('resolve');
    expect(tasks('en', 'q.liu', sent).items[0]!.needs[0]!.text).toBe('Carry out and record the resolution');
  });

  it('customer service revisits by the revisit deadline; the GM decides the twice-unsatisfied case', () => {
    const resolved = acknowledged({ deadlines: [deadline('revisit', '2026-03-01T02:00:00Z')] });
    resolved.complaint.status = 'resolved';
    const zh = tasks('zh-CN', 'cs.li', resolved);
    expect(zh.items[0]!.needs[0]).toMatchObject({ action: 'revisit', text: '回访客户', overdue: true, line: '回访客户：2026-03-01 10:00 前，已逾期 1 天' });
    expect(zh.items[0]!.overdue).toBe(true);
    expect(zh.totalText).toBe('共 1 件，其中逾期 1 件');
    expect(tasks('en', 'cs.zhao', resolved).items[0]!.needs[0]!.line).toBe('Revisit the customer — by 2026-03-01 10:00, overdue by 1 d');

    const escalated = acknowledged({ deadlines: [] });
    escalated.complaint.status = 'escalated';
    expect(tasks('zh-CN', 'gm.wang', escalated).items[0]!.needs).toEqual([{ action: 'gm_decide', text: '裁决客户两次不满意的投诉', overdue: false, line: '裁决客户两次不满意的投诉' }]);
    expect(tasks('en', 'gm.wang', escalated).items[0]!.needs[0]!.text).toBe('Decide the case: the customer was unsatisfied twice');
    expect(tasks('en', 'gm.wang', escalated).items[0]!.button).toMatchObject({ action: 'gm_decide', label: 'GM decision' });
  });

  it('puts the need due first on top, leaves out cases with nothing for the viewer, and says so when there is none', () => {
    const later = acknowledged();
    const sooner = openUrgent({ id: 'c-2', number: 'KS-2026-0002' });
    const closed = acknowledged();
    Object.assign(closed.complaint, { id: 'c-3', number: 'KS-2026-0003', status: 'closed' });
    const view = tasks('en', 'q.liu', later, closed, sooner);
    expect(view.items.map((i) => i.number)).toEqual(['KS-2026-0002', 'KS-2026-0001']);
    expect(view.totalText).toBe('Total: 2');
    expect(view.emptyText).toBeUndefined();
    const none = tasks('zh-CN', 's.wu', later);
    expect(none).toEqual({ title: 'T', items: [], totalText: '共 0 件', showLabel: '查看', emptyText: '暂时没有需要您处理的事项。' });
  });
});
