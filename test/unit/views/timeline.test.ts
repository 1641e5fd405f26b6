import { describe, expect, it } from 'vitest';
import { buildTimeline, TIMELINE_EVENT_TYPES } from '../../../src/notifiers/views/index.ts';
import type { TimelineEvent } from '../../../src/workflows/model.ts';
import { ctx } from './fixtures.ts';

let seq = 0;
const ev = (type: string, actorId: string, at: string, data: Record<string, unknown> = {}): TimelineEvent => ({ seq: ++seq, type, actorId, at: new Date(at), data });

/** Events with the data the workflows write (src/workflows/filing.ts and transitions/*). */
const EVENTS: TimelineEvent[] = [
  ev('filed', 'cs.li', '2026-03-01T06:45:00Z', { department: 'quality', category: 'product_quality', grade: 'B', urgent: true }),
  ev('approval_requested', 'cs.li', '2026-03-01T06:45:00Z', { kind: 'claim', needs: 'sales_vp' }),
  ev('acknowledged', 'q.chen', '2026-03-01T08:00:00Z', { from: 'open', handlerId: 'q.liu', firstResponse: '已致电客户', containment: '隔离库存 500 件' }),
  ev('deadline_met', 'q.chen', '2026-03-01T08:00:00Z', { kind: 'response', dueAt: '2026-03-02T06:40:00Z', late: false }),
  ev('deadline_met', 'q.chen', '2026-03-02T08:00:00Z', { kind: 'containment', dueAt: '2026-03-02T06:40:00Z', late: true }),
  ev('reassigned', 'cs.zhao', '2026-03-02T09:00:00Z', { from: 'quality', to: 'sales', reason: '属于服务问题', handlerBefore: 'q.liu' }),
  ev('extension_granted', 's.zhou', '2026-03-03T01:00:00Z', { deadline: 'eightD', from: '2026-03-10T06:40:00Z', to: '2026-03-12T10:00:00Z', reason: '等待供应商分析' }),
  ev('extension_requested', 's.zhou', '2026-03-04T01:00:00Z', { deadline: 'eightD', from: '2026-03-12T10:00:00Z', to: '2026-03-20T10:00:00Z', reason: '需要第三方检测', needs: 'gm' }),
  ev('eightd_submitted', 's.zhou', '2026-03-05T01:00:00Z', { rootCauseTags: ['机加工', '检验'], from: 'acknowledged' }),
  ev('approved', 'gm.wang', '2026-03-05T02:00:00Z', { kind: 'solution', note: '同意', requestedBy: 's.zhou' }),
  ev('declined', 'vp.xu', '2026-03-05T03:00:00Z', { kind: 'claim', note: '金额过高', requestedBy: 'cs.li' }),
  ev('resolved', 's.zhou', '2026-03-06T02:00:00Z', { kinds: ['replacement', 'compensation'], summary: '补发 12 件', amountMinor: 200000, revisitDueAt: '2026-03-13T02:00:00Z' }),
  ev('revisit_unreachable', 'cs.li', '2026-03-13T02:00:00Z', { attempt: 1, note: '电话无人接听', nextDueAt: '2026-03-16T02:00:00Z' }),
  ev('revisit_unsatisfied', 'cs.li', '2026-03-16T02:00:00Z', { note: '仍有漏油', reopenCount: 0 }),
  ev('reopened', 'cs.li', '2026-03-16T02:00:00Z', { from: 'resolved', reason: '仍有漏油', reopenCount: 1, responseDueAt: '2026-03-17T02:00:00Z' }),
  ev('escalated', 'cs.li', '2026-03-20T02:00:00Z', { to: 'gm', reason: 'unsatisfied_twice' }),
  ev('gm_decided', 'gm.wang', '2026-03-20T03:00:00Z', { decision: '全额退款并上门致歉' }),
  ev('revisit_satisfied', 'cs.li', '2026-03-21T02:00:00Z', { score: 9, note: '' }),
  ev('regraded', 'q.chen', '2026-03-21T03:00:00Z', { before: { grade: 'B', urgent: true }, after: { grade: 'C', urgent: false }, note: '客户要求退款' }),
  ev('rejected', 'cs.zhao', '2026-03-21T04:00:00Z', { from: 'open', reason: 'out_of_warranty', note: '已过保修期 6 个月' }),
  ev('commented', 'q.sun', '2026-03-21T05:00:00Z', { text: '<b>样品</b> 已寄回 {{number}} $t(status.open)' }),
  ev('something_new', 'system', '2026-03-21T06:00:00Z', { step: 2, at: '2026-03-21T06:00:00Z', nested: { x: 1 } }),
];

describe('timeline', () => {
  it('renders every event type the workflows write, in Chinese', () => {
    const view = buildTimeline(EVENTS, { ...ctx('zh-CN'), number: 'KS-2026-0001' });
    expect(view.title).toBe('KS-2026-0001 处理记录');
    expect(view.items.map((i) => `${i.atText} ${i.actor}: ${i.text}`)).toEqual([
      '2026-03-01 14:45 李娜: 登记客诉（产品质量，B 严重，紧急），转交质量部。',
      '2026-03-01 14:45 李娜: 索赔已提交销售副总审批。',
      '2026-03-01 16:00 陈刚: 已受理，责任人：刘洋。首次回复：已致电客户。紧急措施：隔离库存 500 件',
      '2026-03-01 16:00 陈刚: 首次回复期限已完成。',
      '2026-03-02 16:00 陈刚: 紧急措施逾期完成（原期限 2026-03-02 14:40）。',
      '2026-03-02 17:00 赵敏: 由质量部转派至销售部：属于服务问题',
      '2026-03-03 09:00 周杰: 8D 报告期限由 2026-03-10 14:40 延至 2026-03-12 18:00：等待供应商分析',
      '2026-03-04 09:00 周杰: 申请将 8D 报告期限延至 2026-03-20 18:00，待总经理审批：需要第三方检测',
      '2026-03-05 09:00 周杰: 提交了 8D 报告。原因标签：机加工, 检验',
      '2026-03-05 10:00 王总: 批准了解决方案。说明：同意',
      '2026-03-05 11:00 徐静: 驳回了索赔。说明：金额过高',
      '2026-03-06 10:00 周杰: 处理完成（换货、赔偿）：补发 12 件。金额：¥2,000.00。回访期限 2026-03-13 10:00。',
      '2026-03-13 10:00 李娜: 第 1 次回访未联系上客户，下次回访期限 2026-03-16 10:00。说明：电话无人接听',
      '2026-03-16 10:00 李娜: 回访：客户不满意。说明：仍有漏油',
      '2026-03-16 10:00 李娜: 第 1 次重新打开：仍有漏油。新的首次回复期限 2026-03-17 10:00。',
      '2026-03-20 10:00 李娜: 已升级至总经理：客户两次回访均不满意。',
      '2026-03-20 11:00 王总: 总经理决定：全额退款并上门致歉',
      '2026-03-21 10:00 李娜: 回访：客户满意（评分 9/10）。',
      '2026-03-21 11:00 陈刚: 等级由 B 严重，紧急 调整为 C 恶劣。说明：客户要求退款',
      '2026-03-21 12:00 赵敏: 不予受理：超出保修期。已过保修期 6 个月',
      '2026-03-21 13:00 孙丽: 备注：<b>样品</b> 已寄回 {{number}} $t(status.open)',
      '2026-03-21 14:00 客诉助手: something_new (step: 2, at: 2026-03-21 14:00)',
    ]);
  });

  it('renders the same events in English', () => {
    const view = buildTimeline(EVENTS, { ...ctx('en'), number: 'KS-2026-0001' });
    expect(view.title).toBe('Timeline of KS-2026-0001');
    const text = view.items.map((i) => `${i.actor}: ${i.text}`);
    expect(text.slice(0, 3)).toEqual([
      'Li Na: Filed the complaint (Product quality, grade B · serious, urgent) and sent it to Quality.',
      'Li Na: Approval of the claim requested from Sales VP.',
      'Chen Gang: Acknowledged; handler: Liu Yang. First response: 已致电客户. Containment: 隔离库存 500 件',
    ]);
    expect(text).toContain('Chen Gang: Containment deadline met late (was due 2026-03-02 14:40).');
    expect(text).toContain('Zhou Jie: Extended the 8D report deadline from 2026-03-10 14:40 to 2026-03-12 18:00: 等待供应商分析');
    expect(text).toContain('Zhou Jie: Resolved (Replacement, Compensation): 补发 12 件. Amount: CNY 2,000.00. Revisit due 2026-03-13 10:00.');
    expect(text).toContain('Li Na: Escalated to the general manager: the customer was not satisfied twice.');
    expect(text).toContain('Chen Gang: Changed the grade from B · serious, urgent to C · severe. Note: 客户要求退款');
    expect(text).toContain('Zhao Min: Rejected: Out of warranty. 已过保修期 6 个月');
    expect(text).toContain('Kesu: something_new (step: 2, at: 2026-03-21 14:00)');
  });

  it('knows every event type the workflows write', () => {
    expect([...TIMELINE_EVENT_TYPES].sort()).toEqual(
      [
        'filed', 'acknowledged', 'reassigned', 'extension_granted', 'extension_requested', 'eightd_submitted', 'approval_requested',
        'approved', 'declined', 'resolved', 'revisit_satisfied', 'revisit_unsatisfied', 'revisit_unreachable', 'reopened',
        'escalated', 'gm_decided', 'rejected', 'regraded', 'commented', 'deadline_met',
        'claim_amended', 'payout_held', 'approval_step', 'downgrade_requested', 'contained', 'eightd_sent',
        'repeat_suggested', 'repeat_confirmed', 'repeat_dismissed',
        'recall_reported', 'recall_decided',
        'customer_contacted', 'delay_notice_due', 'deadline_missed', 'first_contact_failed',
      ].sort(),
    );
  });

  it('orders by time then sequence, and tolerates missing data', () => {
    const view = buildTimeline(
      [ev('commented', 'q.sun', '2026-03-02T02:00:00Z', { text: 'b' }), ev('escalated', 'system', '2026-03-01T02:00:00Z', { deadline: 'eightD', step: 3 }), ev('acknowledged', 'cs.x', '2026-03-02T02:00:00Z', {})],
      ctx('en'),
    );
    expect(view.title).toBe('Timeline');
    expect(view.items.map((i) => [i.actor, i.text])).toEqual([
      ['Kesu', 'Escalated to the general manager: the 8D report deadline is overdue.'],
      ['Sun Li', 'Comment: b'],
      ['cs.x', 'Acknowledged; handler: Not assigned. First response: '],
    ]);
  });
});
