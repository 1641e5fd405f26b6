import { describe, expect, it } from 'vitest';
import { filed, step, testOrg } from '../support/org.ts';
import type { ComplaintState, Deadline } from '../../src/workflows/model.ts';

const org = testOrg();
const dl = (s: ComplaintState, kind: Deadline['kind']) => s.deadlines.find((d) => d.kind === kind)!;
const FILED_AT = '2026-03-02T02:00:00Z'; // Monday 10:00 Shanghai

describe('extensions', () => {
  it('a first extension within the limit is granted at once; a second needs the GM', () => {
    let s = step(org, filed(org, FILED_AT), 'q.liu', 'acknowledge', { firstResponse: '已回复' }, '2026-03-02T03:00:00Z');
    // 8D due Wed 11 March 10:00; limit +3 working days = Mon 16 March 10:00.
    s = step(org, s, 'q.chen', 'extend', { newDueAt: '2026-03-13', reason: '等待客户寄回样品' }, '2026-03-09T02:00:00Z');
    expect(dl(s, 'eightD')).toMatchObject({ extensions: 1, ladderStep: 0 });
    expect(dl(s, 'eightD').dueAt.toISOString()).toBe('2026-03-13T10:00:00.000Z'); // 18:00 local
    expect(s.approvals).toEqual([]);

    s = step(org, s, 'q.liu', 'extend', { newDueAt: '2026-03-20 12:00', reason: '需第三方检测' }, '2026-03-12T02:00:00Z');
    expect(dl(s, 'eightD').dueAt.toISOString()).toBe('2026-03-13T10:00:00.000Z');
    expect(s.approvals).toMatchObject([{ kind: 'extension', requiredRole: 'gm', status: 'pending' }]);
    expect(() => step(org, s, 'q.liu', 'extend', { newDueAt: '2026-03-27', reason: 'x' }, '2026-03-12T03:00:00Z')).toThrowError(
      expect.objectContaining({ code: 'approval_pending' }),
    );

    s = step(org, s, 'gm.wang', 'approve', { kind: 'extension', decision: 'approve' }, '2026-03-12T04:00:00Z');
    expect(dl(s, 'eightD')).toMatchObject({ extensions: 2, ladderStep: 0 });
    expect(dl(s, 'eightD').dueAt.toISOString()).toBe('2026-03-20T04:00:00.000Z');
  });

  it('a first extension beyond the limit needs the GM; a date before the due time is a field error', () => {
    const s = step(org, filed(org, FILED_AT), 'q.liu', 'acknowledge', { firstResponse: '已回复' }, '2026-03-02T03:00:00Z');
    const far = step(org, s, 'q.liu', 'extend', { newDueAt: '2026-03-31', reason: '停产检修' }, '2026-03-03T02:00:00Z');
    expect(far.approvals).toHaveLength(1);
    expect(() => step(org, s, 'q.liu', 'extend', { newDueAt: '2026-03-10', reason: 'x' }, '2026-03-03T02:00:00Z')).toThrowError(
      expect.objectContaining({ fields: [{ field: 'newDueAt', key: 'must_be_after_due' }] }),
    );
  });
});

describe('re-grading recomputes from the original start, without losing time', () => {
  it('A → C urgent: response shortens to 12h from receipt, a containment deadline appears; back to non-urgent cancels it', () => {
    let s = filed(org, FILED_AT);
    s = step(org, s, 'cs.li', 'regrade', { grade: 'C', urgent: 'true', note: '客户要求退款' }, '2026-03-02T06:00:00Z');
    expect(dl(s, 'response').dueAt.toISOString()).toBe('2026-03-02T14:00:00.000Z');
    expect(dl(s, 'response').startsAt.toISOString()).toBe('2026-03-02T02:00:00.000Z');
    expect(dl(s, 'containment').dueAt.toISOString()).toBe('2026-03-03T02:00:00.000Z');
    expect(dl(s, 'eightD').dueAt.toISOString()).toBe('2026-03-11T02:00:00.000Z');

    // Removing `urgent` is a downgrade: the head asks, the GM decides (seed 002).
    s = step(org, s, 'q.chen', 'regrade', { urgent: 'false' }, '2026-03-02T07:00:00Z');
    expect(s.complaint.urgent).toBe(true);
    expect(s.approvals.find((a) => a.kind === 'downgrade')).toMatchObject({ status: 'pending', requiredRole: 'gm' });
    s = step(org, s, 'gm.wang', 'approve', { kind: 'downgrade', decision: 'approve' }, '2026-03-02T07:00:00Z');
    expect(dl(s, 'containment').cancelledAt?.toISOString()).toBe('2026-03-02T07:00:00.000Z');
    expect(() => step(org, s, 'q.chen', 'regrade', { grade: 'C' }, '2026-03-02T08:00:00Z')).toThrowError(
      expect.objectContaining({ fields: [{ field: 'grade', key: 'nothing_changed' }] }),
    );
  });

  it('a met deadline is not moved by a re-grade', () => {
    let s = step(org, filed(org, FILED_AT), 'q.liu', 'acknowledge', { firstResponse: '已回复' }, '2026-03-02T03:00:00Z');
    const before = dl(s, 'response');
    s = step(org, s, 'cs.li', 'regrade', { grade: 'C' }, '2026-03-02T04:00:00Z');
    expect(dl(s, 'response')).toEqual(before);
  });

  it('the 8D deadline crosses a holiday in working days (Mid-Autumn and National Day 2026)', () => {
    // Friday 25 Sep 2026 17:00 local is itself a holiday; working days after it: Sep 28, 29, 30,
    // Oct 8, 9, 10 (make-up Saturday), 12 → due Monday 12 October 17:00.
    const s = filed(org, '2026-09-25T09:00:00Z');
    expect(dl(s, 'eightD').dueAt.toISOString()).toBe('2026-10-12T09:00:00.000Z');
    expect(dl(s, 'response').dueAt.toISOString()).toBe('2026-09-26T09:00:00.000Z'); // calendar hours
  });
});
