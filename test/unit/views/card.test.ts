import { describe, expect, it } from 'vitest';
import { buildComplaintCard } from '../../../src/notifiers/views/index.ts';
import type { Action, ComplaintState } from '../../../src/workflows/model.ts';
import { complaint, ctx, deadline, openUrgent } from './fixtures.ts';

const field = (card: ReturnType<typeof buildComplaintCard>, label: string) => card.fields.find((f) => f.label === label)?.value;

describe('complaint card', () => {
  const headActions: Action[] = ['comment', 'reject', 'regrade', 'acknowledge', 'extend', 'reassign'];

  it('shows an open urgent complaint with masked contact, deadlines and ordered buttons (zh-CN)', () => {
    const card = buildComplaintCard(openUrgent(), { ...ctx('zh-CN'), actions: headActions, showContact: false });
    expect(card).toMatchObject({
      kind: 'complaint',
      complaintId: 'c-1',
      number: 'KS-2026-0001',
      title: '阀体尺寸超差',
      status: 'open',
      statusLabel: '待受理',
      urgent: true,
      tone: 'warning',
      summary: '客户反馈第 3 批阀体内径超出公差 0.05 mm，影响装配。',
    });
    expect(field(card, '等级')).toBe('B 严重 · 紧急');
    expect(field(card, '问题类别')).toBe('产品质量');
    expect(field(card, '责任部门')).toBe('质量部');
    expect(field(card, '责任人')).toBe('未指派');
    expect(field(card, '客户')).toBe('张伟 · 宁波东方阀门有限公司');
    expect(field(card, '联系方式')).toBe('138****5678');
    expect(JSON.stringify(card)).not.toContain('13812345678');
    expect(field(card, '投诉时间')).toBe('2026-03-01 14:40');

    expect(card.deadlines.map((d) => [d.kind, d.label, d.dueText, d.state, d.timeLeftText])).toEqual([
      ['response', '首次回复', '2026-03-02 14:40', 'pending', '还剩 4 小时 40 分'],
      ['containment', '紧急措施', '2026-03-02 14:40', 'pending', '还剩 4 小时 40 分'],
      ['eightD', '8D 报告', '2026-03-10 14:40', 'pending', '还剩 8 天 4 小时'],
    ]);

    expect(card.actions).toEqual([
      { action: 'acknowledge', label: '受理', style: 'primary', value: 'c-1' },
      { action: 'extend', label: '申请延期', style: 'default', value: 'c-1' },
      { action: 'reassign', label: '转派', style: 'default', value: 'c-1' },
      { action: 'regrade', label: '调整等级', style: 'default', value: 'c-1' },
      { action: 'comment', label: '备注', style: 'default', value: 'c-1' },
      { action: 'reject', label: '不予受理', style: 'danger', value: 'c-1' },
    ]);
    expect(card.footer).toBe('李娜 于 2026-03-01 14:45 登记');
  });

  it('shows the full contact to those allowed, in English', () => {
    const card = buildComplaintCard(openUrgent(), { ...ctx('en'), actions: ['acknowledge'], showContact: true });
    expect(field(card, 'Contact')).toBe('13812345678');
    expect(field(card, 'Grade')).toBe('B · serious · urgent');
    expect(card.statusLabel).toBe('Open');
    expect(card.deadlines[0]!.timeLeftText).toBe('due in 4 h 40 min');
    expect(card.actions).toEqual([{ action: 'acknowledge', label: 'Acknowledge', style: 'primary', value: 'c-1' }]);
  });

  it('masks an email contact', () => {
    const state = openUrgent({ customer: { name: 'Zhang', contact: 'zhang@example.com', region: 'foreign' } });
    const card = buildComplaintCard(state, { ...ctx('en'), actions: [], showContact: false });
    expect(field(card, 'Contact')).toBe('z***@example.com');
    expect(field(card, 'Region')).toBe('Foreign');
    expect(card.actions).toEqual([]);
  });

  it('shows order data and the claim in money from minor units, with the pending approval', () => {
    const state: ComplaintState = {
      complaint: complaint({
        order: { orderNo: 'SO-2026-0415', productNo: 'VB-50-16', qtyOrdered: 500, qtyShipped: 480, qtyAffected: 12, shipDate: '2026-02-20' },
        claim: { amountMinor: 1234500, currency: 'CNY' },
      }),
      deadlines: [deadline('response', '2026-03-02T06:40:00Z')],
      approvals: [
        { id: 'a1', kind: 'claim', requiredRole: 'sales_vp', status: 'pending', payload: {}, requestedBy: 'cs.li', requestedAt: new Date('2026-03-01T06:45:00Z') },
      ],
    };
    const zh = buildComplaintCard(state, { ...ctx('zh-CN'), actions: [], showContact: false });
    expect(field(zh, '索赔金额')).toBe('¥12,345.00');
    expect(field(zh, '订单号')).toBe('SO-2026-0415');
    expect(field(zh, '数量')).toBe('订货 500 · 发货 480 · 问题 12');
    expect(field(zh, '发货日期')).toBe('2026-02-20');
    expect(field(zh, '审批')).toBe('索赔待销售副总审批');
    const en = buildComplaintCard(state, { ...ctx('en'), actions: [], showContact: false });
    expect(field(en, 'Claim')).toBe('CNY 12,345.00');
    expect(field(en, 'Approval')).toBe('claim awaiting Sales VP');
  });

  it('turns red when a deadline is overdue and shows met and late deadlines', () => {
    const state: ComplaintState = {
      complaint: complaint({ status: 'acknowledged', handlerId: 'q.liu', firstResponse: '已致电客户，明天到现场。' }),
      deadlines: [
        deadline('response', '2026-02-28T02:00:00Z', { metAt: new Date('2026-02-28T05:00:00Z'), breachedAt: new Date('2026-02-28T02:00:00Z') }),
        deadline('eightD', '2026-02-27T22:00:00Z'),
        deadline('containment', '2026-02-28T02:00:00Z', { cancelledAt: new Date('2026-02-28T01:00:00Z') }),
      ],
      approvals: [],
    };
    const card = buildComplaintCard(state, { ...ctx('en'), actions: ['submit_8d', 'comment', 'extend'], showContact: false });
    expect(card.tone).toBe('danger');
    expect(field(card, 'Handler')).toBe('Liu Yang');
    expect(card.fields.find((f) => f.label === 'First response')).toEqual({ label: 'First response', value: '已致电客户，明天到现场。', short: false });
    expect(card.deadlines.map((d) => [d.kind, d.state, d.timeLeftText])).toEqual([
      ['response', 'met_late', 'met 3 h late'],
      ['eightD', 'overdue', 'overdue by 2 d 4 h'],
    ]);
    expect(card.actions.map((a) => [a.action, a.style])).toEqual([
      ['submit_8d', 'primary'],
      ['extend', 'default'],
      ['comment', 'default'],
    ]);
  });

  it('shows the outcome of a finished complaint', () => {
    const state: ComplaintState = {
      complaint: complaint({
        status: 'closed',
        resolution: { kinds: ['replacement', 'compensation'], summary: '补发 12 件并赔偿运费', amountMinor: 200000, currency: 'CNY' },
        satisfaction: 9,
      }),
      deadlines: [],
      approvals: [],
    };
    const card = buildComplaintCard(state, { ...ctx('zh-CN'), actions: ['reopen', 'comment'], showContact: true });
    expect(card.tone).toBe('success');
    expect(card.statusLabel).toBe('已结案');
    expect(field(card, '处理结果')).toBe('换货、赔偿：补发 12 件并赔偿运费');
    expect(field(card, '支付金额')).toBe('¥2,000.00');
    expect(field(card, '满意度')).toBe('9/10');
    expect(card.actions.map((a) => [a.label, a.style])).toEqual([
      ['重新打开', 'default'],
      ['备注', 'default'],
    ]);
  });
});
