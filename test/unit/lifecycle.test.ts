import { describe, expect, it } from 'vitest';
import { filed, step, testOrg } from '../support/org.ts';
import type { ComplaintState, Deadline } from '../../src/workflows/model.ts';

const org = testOrg();
const dl = (s: ComplaintState, kind: Deadline['kind']) => s.deadlines.find((d) => d.kind === kind)!;
const ACK = { firstResponse: '已致电客户致歉，48 小时内给出初步分析。' };
const EIGHT_D = {
  d1Team: '质量部陈刚、刘洋', d2Problem: '内径超差 0.05 mm', d3Containment: '库存 2000 件全检',
  d4RootCause: '刀具磨损未及时更换', rootCauseTags: '刀具磨损, 点检缺失', d5Corrective: '更换刀具并增加首件检验',
  d6Verification: '连续三批合格', d7Prevention: '刀具寿命纳入点检表',
  // Grade A: the reply goes to the customer with the submission.
  sentVia: 'email',
};
const { sentVia: _sent, ...EIGHT_D_BC } = EIGHT_D;
const RESOLVE = { kinds: ['replacement'], summary: '补发 200 件合格品' };

// Monday 2 March 2026, 10:00 in Shanghai: no holiday anywhere near.
const FILED_AT = '2026-03-02T02:00:00Z';

describe('lifecycle: the main path', () => {
  it('files → acknowledges → 8D → resolves → satisfied revisit closes', () => {
    let s = filed(org, FILED_AT);
    expect(s.complaint.status).toBe('open');
    expect(s.complaint.number).toBe('KS-2026-0001');
    expect(s.complaint.department).toBe('quality');
    expect(dl(s, 'response').dueAt.toISOString()).toBe('2026-03-03T02:00:00.000Z');
    expect(dl(s, 'eightD').dueAt.toISOString()).toBe('2026-03-11T02:00:00.000Z');
    expect(s.deadlines.map((d) => d.kind).sort()).toEqual(['eightD', 'response']);

    s = step(org, s, 'q.liu', 'acknowledge', ACK, '2026-03-02T06:00:00Z');
    expect(s.complaint).toMatchObject({ status: 'acknowledged', handlerId: 'q.liu', firstResponse: ACK.firstResponse });
    expect(dl(s, 'response').metAt?.toISOString()).toBe('2026-03-02T06:00:00.000Z');
    expect(dl(s, 'response').nextStepAt).toBeUndefined();

    s = step(org, s, 'q.liu', 'submit_8d', EIGHT_D, '2026-03-05T03:00:00Z');
    expect(s.complaint.status).toBe('replied');
    expect(s.complaint.eightD?.rootCauseTags).toEqual(['刀具磨损', '点检缺失']);
    expect(dl(s, 'eightD').metAt).toBeDefined();

    s = step(org, s, 'q.liu', 'resolve', RESOLVE, '2026-03-06T03:00:00Z');
    expect(s.complaint.status).toBe('resolved');
    // +7 days = Friday 13 March, a working day, at 10:00 local.
    expect(dl(s, 'revisit').dueAt.toISOString()).toBe('2026-03-13T02:00:00.000Z');

    s = step(org, s, 'cs.li', 'revisit', { outcome: 'satisfied', score: '9' }, '2026-03-13T02:30:00Z');
    expect(s.complaint).toMatchObject({ status: 'closed', satisfaction: 9 });
    expect(dl(s, 'revisit').metAt).toBeDefined();
  });

  it('an urgent complaint gets a containment deadline and acknowledging needs the containment action', () => {
    let s = filed(org, FILED_AT, { urgent: 'true' });
    expect(dl(s, 'containment').dueAt.toISOString()).toBe('2026-03-03T02:00:00.000Z');
    expect(() => step(org, s, 'q.liu', 'acknowledge', ACK, '2026-03-02T03:00:00Z')).toThrowError(
      expect.objectContaining({ code: 'validation_failed', fields: [{ field: 'containment', key: 'required_when_urgent' }] }),
    );
    s = step(org, s, 'q.liu', 'acknowledge', { ...ACK, containment: '在途货物停运' }, '2026-03-02T03:00:00Z');
    expect(dl(s, 'containment').metAt).toBeDefined();
  });

  it('a head may name another department member as handler, but not an outsider', () => {
    const s = filed(org, FILED_AT);
    const acked = step(org, s, 'q.chen', 'acknowledge', { ...ACK, handlerId: 'q.sun' }, '2026-03-02T03:00:00Z');
    expect(acked.complaint.handlerId).toBe('q.sun');
    expect(() => step(org, s, 'q.chen', 'acknowledge', { ...ACK, handlerId: 's.wu' }, '2026-03-02T03:00:00Z')).toThrowError(
      expect.objectContaining({ fields: [{ field: 'handlerId', key: 'not_department_member' }] }),
    );
    expect(() => step(org, s, 'q.liu', 'acknowledge', { ...ACK, handlerId: 'q.sun' }, '2026-03-02T03:00:00Z')).toThrowError(
      expect.objectContaining({ code: 'forbidden' }),
    );
  });
});

describe('lifecycle: revisit loop', () => {
  const resolved = () => {
    let s = filed(org, FILED_AT);
    s = step(org, s, 'q.liu', 'acknowledge', ACK, '2026-03-02T06:00:00Z');
    s = step(org, s, 'q.liu', 'submit_8d', EIGHT_D, '2026-03-05T03:00:00Z');
    return step(org, s, 'q.liu', 'resolve', RESOLVE, '2026-03-06T03:00:00Z');
  };

  it('unsatisfied reopens with a fresh 24h response deadline; a second unsatisfied escalates to the GM', () => {
    let s = step(org, resolved(), 'cs.li', 'revisit', { outcome: 'unsatisfied', note: '补发件仍有毛刺' }, '2026-03-13T02:30:00Z');
    expect(s.complaint).toMatchObject({ status: 'reopened', reopenCount: 1 });
    expect(dl(s, 'response').metAt).toBeUndefined();
    expect(dl(s, 'response').ladderStep).toBe(0);
    expect(dl(s, 'response').startsAt.toISOString()).toBe('2026-03-13T02:30:00.000Z');
    expect(dl(s, 'response').dueAt.toISOString()).toBe('2026-03-14T02:30:00.000Z');

    s = step(org, s, 'q.liu', 'acknowledge', ACK, '2026-03-13T05:00:00Z');
    expect(dl(s, 'response').metAt).toBeDefined();
    s = step(org, s, 'q.liu', 'resolve', RESOLVE, '2026-03-13T07:00:00Z');
    // Handled again on Friday: the revisit is due the next working day, Monday 16 March 10:00.
    expect(dl(s, 'revisit').dueAt.toISOString()).toBe('2026-03-16T02:00:00.000Z');
    expect(dl(s, 'revisit').metAt).toBeUndefined();

    s = step(org, s, 'cs.zhao', 'revisit', { outcome: 'unsatisfied', note: '仍不满意' }, '2026-03-16T02:10:00Z');
    expect(s.complaint.status).toBe('escalated');
    s = step(org, s, 'gm.wang', 'gm_decide', { decision: '全额退款并致歉函' }, '2026-03-16T06:00:00Z');
    expect(s.complaint).toMatchObject({ status: 'closed', gmDecision: '全额退款并致歉函' });
  });

  it('an unreachable customer is tried again 48h later, held to working hours', () => {
    const s = step(org, resolved(), 'cs.li', 'revisit', { outcome: 'unreachable', note: '电话无人接听' }, '2026-03-13T02:30:00Z');
    expect(s.complaint).toMatchObject({ status: 'resolved', revisitAttempts: 1 });
    // Friday 10:30 + 48h = Sunday 10:30 → Monday 09:00.
    expect(dl(s, 'revisit').dueAt.toISOString()).toBe('2026-03-16T01:00:00.000Z');
    expect(dl(s, 'revisit').metAt).toBeUndefined();
  });

  it('customer service may reopen a closed or rejected complaint', () => {
    const closed = step(org, resolved(), 'cs.li', 'revisit', { outcome: 'satisfied', score: 10 }, '2026-03-13T02:30:00Z');
    const s = step(org, closed, 'cs.li', 'reopen', { reason: '客户来电反映复发' }, '2026-03-20T02:00:00Z');
    expect(s.complaint).toMatchObject({ status: 'reopened', reopenCount: 1, closedAt: undefined });
    expect(dl(s, 'response').dueAt.toISOString()).toBe('2026-03-21T02:00:00.000Z');
  });
});

describe('lifecycle: approvals', () => {
  it('grade B/C solutions wait for the GM; approval replies, a decline sends it back with the 8D deadline open', () => {
    let s = filed(org, FILED_AT, { grade: 'B', demand: 'redo' });
    s = step(org, s, 'q.liu', 'acknowledge', ACK, '2026-03-02T06:00:00Z');
    s = step(org, s, 'q.liu', 'submit_8d', EIGHT_D_BC, '2026-03-05T03:00:00Z');
    expect(s.complaint.status).toBe('awaiting_approval');
    expect(s.approvals).toMatchObject([{ kind: 'solution', requiredRole: 'gm', status: 'pending' }]);
    expect(() => step(org, s, 'q.chen', 'approve', { kind: 'solution', decision: 'approve' }, '2026-03-05T04:00:00Z')).toThrowError(
      expect.objectContaining({ code: 'forbidden' }),
    );
    const approved = step(org, s, 'gm.wang', 'approve', { kind: 'solution', decision: 'approve' }, '2026-03-05T04:00:00Z');
    expect(approved.complaint.status).toBe('replied');
    expect(approved.approvals[0]).toMatchObject({ status: 'approved', decidedBy: 'gm.wang' });

    expect(() => step(org, s, 'gm.wang', 'approve', { kind: 'solution', decision: 'decline' }, '2026-03-05T04:00:00Z')).toThrowError(
      expect.objectContaining({ fields: [{ field: 'note', key: 'required' }] }),
    );
    const declined = step(org, s, 'gm.wang', 'approve', { kind: 'solution', decision: 'decline', note: '方案不够' }, '2026-03-05T04:00:00Z');
    expect(declined.complaint.status).toBe('acknowledged');
    expect(dl(declined, 'eightD').metAt).toBeUndefined();
    expect(dl(declined, 'eightD').dueAt.toISOString()).toBe('2026-03-11T02:00:00.000Z');
  });

  it('claims follow seed 001 §5.7 thresholds and an unapproved claim blocks resolve', () => {
    const small = filed(org, FILED_AT, { claimAmount: '4999.99' });
    expect(small.approvals).toEqual([]);
    const domestic = filed(org, FILED_AT, { claimAmount: '6000' });
    expect(domestic.approvals).toMatchObject([{ kind: 'claim', requiredRole: 'sales_manager' }]);
    expect(filed(org, FILED_AT, { claimAmount: '10000.01' }).approvals[0]?.requiredRole).toBe('sales_vp');
    expect(filed(org, FILED_AT, { demand: 'replacement', qtyAffected: '150' }).approvals[0]?.requiredRole).toBe('sales_manager');
    expect(filed(org, FILED_AT, { demand: 'replacement', qtyAffected: '250' }).approvals[0]?.requiredRole).toBe('sales_vp');
    const foreign = { customerRegion: 'foreign', claimCurrency: 'USD' };
    expect(filed(org, FILED_AT, { ...foreign, claimAmount: '100' }).approvals[0]?.requiredRole).toBe('sales_manager');
    expect(filed(org, FILED_AT, { ...foreign, claimAmount: '200' }).approvals[0]?.requiredRole).toBe('sales_vp');
    // Over CNY 100,000: a chain whose first step is the sales VP's review (test/unit/controls.test.ts walks it).
    expect(filed(org, FILED_AT, { ...foreign, claimAmount: '20000' }).approvals[0]?.payload.chain).toHaveLength(4);

    let s = step(org, domestic, 'q.liu', 'acknowledge', ACK, '2026-03-02T06:00:00Z');
    s = step(org, s, 'q.liu', 'submit_8d', EIGHT_D, '2026-03-05T03:00:00Z');
    expect(() => step(org, s, 'q.liu', 'resolve', RESOLVE, '2026-03-06T03:00:00Z')).toThrowError(
      expect.objectContaining({ code: 'claim_not_approved' }),
    );
    expect(() => step(org, s, 'vp.xu', 'approve', { kind: 'claim', decision: 'approve' }, '2026-03-06T02:00:00Z')).toThrowError(
      expect.objectContaining({ code: 'forbidden' }),
    );
    s = step(org, s, 's.zhou', 'approve', { kind: 'claim', decision: 'approve' }, '2026-03-06T02:00:00Z');
    s = step(org, s, 'q.liu', 'resolve', RESOLVE, '2026-03-06T03:00:00Z');
    expect(s.complaint.status).toBe('resolved');
  });
});
