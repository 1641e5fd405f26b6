/**
 * Longer sequences of ordinary actions that got around the controls in review of the first cut of issue 12
 * (reopen and cancellation erasing breaches, a declined 8D resolved after a downgrade, stale downgrades,
 * approved claims paid twice, handlers shedding their conflict, approvals orphaned by a rejection).
 */
import { describe, expect, it } from 'vitest';
import { filed, step, testOrg } from '../support/org.ts';
import { ACK, at, FILED_AT, outcome as code, REPORT } from '../support/controls.ts';
import type { ComplaintState, Deadline } from '../../src/workflows/model.ts';
import { periodStats } from '../../src/workflows/stats.ts';

const org = testOrg();
const dl = (s: ComplaintState, kind: Deadline['kind']) => s.deadlines.find((d) => d.kind === kind);

describe('a breach stays a breach', () => {
  it('a response missed in the first round is still late after a reopen (the reopen must not replace the breached row)', () => {
    let s = filed(org, FILED_AT);
    s = step(org, s, 'q.liu', 'acknowledge', ACK, at(5)); // due 3 March: two days late
    expect(dl(s, 'response')?.breachedAt).toBeDefined();
    s = step(org, s, 'q.liu', 'submit_8d', { ...REPORT, sentVia: 'email' }, at(5, 11));
    s = step(org, s, 'q.liu', 'resolve', { kinds: ['apology'], summary: '致歉' }, at(5, 12));
    s = step(org, s, 'cs.li', 'revisit', { outcome: 'unsatisfied', note: '仍有问题' }, at(12));
    s = step(org, s, 'q.liu', 'acknowledge', ACK, at(12, 11)); // round 2 answered on time
    const stats = periodStats([{ state: s, events: [] }], new Date(at(13)));
    expect(stats.onTime.response.late).toBeGreaterThanOrEqual(1); // actual: { onTime: 1, late: 0 }
  });

  it('a breached response deadline cancelled by a rejection still counts late in the statistics', () => {
    let s = filed(org, FILED_AT);
    s = step(org, s, 'cs.zhao', 'reject', { reason: 'misuse', note: '人为损坏' }, at(5)); // response due 3 March, never met
    expect(dl(s, 'response')?.breachedAt).toBeDefined(); // the row keeps the breach …
    const stats = periodStats([{ state: s, events: [] }], new Date(at(13)));
    expect(stats.onTime.response.late).toBe(1); // … but the statistics skip cancelled rows: actual { onTime: 0, late: 0 }
  });
});

describe('a declined solution is never carried out', () => {
  it('C downgraded to A while its 8D waits for the GM: the GM approval of it is withdrawn (an A reply needs none), nothing is left to decline', () => {
    let s = filed(org, FILED_AT, { demand: 'refund' });
    s = step(org, s, 'q.liu', 'acknowledge', ACK, at(2, 11));
    s = step(org, s, 'q.chen', 'regrade', { grade: 'A', note: '客户同意不退款' }, at(2, 12));
    s = step(org, s, 'q.liu', 'submit_8d', REPORT, at(3)); // solution approval pending (grade still C)
    expect(code(() => step(org, s, 'q.liu', 'send_8d', { via: 'email' }, at(3, 10)))).toBe('solution_not_approved');
    s = step(org, s, 'gm.wang', 'approve', { kind: 'downgrade', decision: 'approve' }, at(3, 11));
    expect(s.complaint).toMatchObject({ grade: 'A', status: 'replied' });
    expect(s.approvals.find((a) => a.kind === 'solution')?.status).toBe('superseded');
    expect(code(() => step(org, s, 'gm.wang', 'approve', { kind: 'solution', decision: 'decline', note: '方案不可行' }, at(3, 13)))).toBe('no_pending_approval');
  });

  it('a declined 8D version is never sent nor resolved, whatever the grade becomes', () => {
    let s = filed(org, FILED_AT, { demand: 'refund' });
    s = step(org, s, 'q.liu', 'acknowledge', ACK, at(2, 11));
    s = step(org, s, 'q.liu', 'submit_8d', REPORT, at(3));
    s = step(org, s, 'gm.wang', 'approve', { kind: 'solution', decision: 'decline', note: '方案不可行' }, at(3, 11));
    s = step(org, s, 'gm.wang', 'regrade', { grade: 'A', note: '客户撤回退款要求' }, at(3, 12));
    expect(code(() => step(org, s, 'q.liu', 'resolve', { kinds: ['apology'], summary: '致歉' }, at(3, 14)))).toBe('solution_not_approved');
  });
});

describe('a downgrade approval applies only what the GM was asked', () => {
  it('a re-grade after a downgrade request withdraws it: the GM never approves a stale change', () => {
    let s = filed(org, FILED_AT, { demand: 'redo' });
    s = step(org, s, 'q.chen', 'regrade', { grade: 'A', note: '客户同意返修' }, at(2, 11)); // request: { grade A, urgent false }
    s = step(org, s, 'cs.li', 'regrade', { urgent: 'true' }, at(2, 12)); // an upgrade: applied at once
    expect(s.complaint.urgent).toBe(true);
    expect(s.approvals.find((a) => a.kind === 'downgrade')?.status).toBe('superseded');
    expect(code(() => step(org, s, 'gm.wang', 'approve', { kind: 'downgrade', decision: 'approve' }, at(2, 13)))).toBe('no_pending_approval');
    expect(s.complaint.urgent).toBe(true);
  });
});

describe('money follows the tiers', () => {
  it('an approved CNY 9,000 claim (sales manager) does not cover a second CNY 9,000 payout after a reopen (18,000 needs the sales VP)', () => {
    let s = filed(org, FILED_AT, { demand: 'compensation', claimAmount: '9000' });
    s = step(org, s, 's.zhou', 'approve', { kind: 'claim', decision: 'approve' }, at(2, 11));
    s = step(org, s, 'q.liu', 'acknowledge', ACK, at(2, 12));
    s = step(org, s, 'q.liu', 'submit_8d', { ...REPORT, sentVia: 'email' }, at(3));
    s = step(org, s, 'q.liu', 'resolve', { kinds: ['compensation'], summary: '赔偿', amount: '9000' }, at(3, 11));
    expect(s.complaint.status).toBe('resolved');
    s = step(org, s, 'cs.li', 'revisit', { outcome: 'unsatisfied', note: '仍有问题' }, at(10));
    s = step(org, s, 'q.liu', 'acknowledge', ACK, at(10, 11));
    const after = step(org, s, 'q.liu', 'resolve', { kinds: ['compensation'], summary: '再赔偿', amount: '9000' }, at(10, 12));
    expect(after.complaint.status).not.toBe('resolved'); // actual: resolved, covered again by the first round's approval
  });
});

describe('separation of duties', () => {
  it('the handler cannot clear his conflict by reassigning the complaint away and then approve its claim', () => {
    let s = filed(org, FILED_AT, { category: 'service_attitude' }); // sales department
    s = step(org, s, 's.zhou', 'acknowledge', ACK, at(2, 11)); // the sales manager handles it himself
    s = step(org, s, 'cs.li', 'claim', { amount: '9000', reason: '客户索赔' }, at(2, 12)); // sales_manager tier
    expect(code(() => step(org, s, 's.zhou', 'approve', { kind: 'claim', decision: 'approve' }, at(2, 13)))).toBe('forbidden');
    s = step(org, s, 's.zhou', 'reassign', { department: 'logistics', reason: '转物流' }, at(2, 13));
    expect(code(() => step(org, s, 's.zhou', 'approve', { kind: 'claim', decision: 'approve' }, at(2, 14)))).not.toBe('accepted');
  });
});

describe('every pending approval has a deadline', () => {
  it('a claim approval pending when the complaint is rejected is either withdrawn or has an active deadline after the reopen', () => {
    let s = filed(org, FILED_AT, { claimAmount: '9000' });
    s = step(org, s, 'cs.zhao', 'reject', { reason: 'misuse', note: '人为损坏' }, at(2, 11));
    s = step(org, s, 'cs.li', 'reopen', { reason: '客户补充证据' }, at(3));
    for (const a of s.approvals.filter((x) => x.status === 'pending')) {
      const d = dl(s, `approval_${a.kind}` as Deadline['kind']);
      expect(d && !d.metAt && !d.cancelledAt, `pending ${a.kind} approval without an active deadline`).toBe(true);
    }
  });
});

describe('a chain keeps its four eyes', () => {
  it('the GM cannot take the VPs\' review steps of a foreign claim over CNY 100,000 while they are free', () => {
    let s = filed(org, FILED_AT, { customerRegion: 'foreign', claimCurrency: 'USD', claimAmount: '20000' });
    expect(code(() => step(org, s, 'gm.wang', 'approve', { kind: 'claim', decision: 'approve' }, at(2, 11)))).toBe('forbidden');
    s = step(org, s, 'vp.xu', 'approve', { kind: 'claim', decision: 'approve' }, at(2, 11));
    s = step(org, s, 'fin.ma', 'approve', { kind: 'claim', decision: 'approve' }, at(2, 12));
    s = step(org, s, 'gm.wang', 'approve', { kind: 'claim', decision: 'approve' }, at(2, 13));
    expect(s.approvals[0]).toMatchObject({ status: 'pending', requiredRole: 'sales_vp' });
  });
});
