/**
 * The company's controls (issue 12): every bypass an auditor found on 1242448, as a regression test —
 * money at the moment it is committed, separation of duties, GM-approved B/C solutions, deadlines that
 * mean what the procedure means.
 */
import { describe, expect, it } from 'vitest';
import { filed, step, testOrg } from '../support/org.ts';
import { ACK, at, FILED_AT, outcome as code, REPORT } from '../support/controls.ts';
import type { ComplaintState, Deadline } from '../../src/workflows/model.ts';
import { periodStats } from '../../src/workflows/stats.ts';
import { ladderNotifications, digestNotifications } from '../../src/notifiers/notifications.ts';

const org = testOrg();
const dl = (s: ComplaintState, kind: Deadline['kind']) => s.deadlines.find((d) => d.kind === kind);

/** A grade C refund complaint, acknowledged, with an 8D awaiting the GM. */
function severe(): ComplaintState {
  let s = filed(org, FILED_AT, { demand: 'refund' });
  expect(s.complaint.grade).toBe('C');
  s = step(org, s, 'q.liu', 'acknowledge', ACK, at(2, 11));
  return step(org, s, 'q.liu', 'submit_8d', REPORT, at(3));
}

describe('B/C solutions stay approved', () => {
  it('a declined C solution cannot be resolved with a refund of CNY 500,000 (it needs a new 8D and a new approval)', () => {
    let s = step(org, severe(), 'gm.wang', 'approve', { kind: 'solution', decision: 'decline', note: '方案不可行' }, at(3, 11));
    expect(s.complaint.status).toBe('acknowledged');
    expect(code(() => step(org, s, 'q.liu', 'resolve', { kinds: ['refund'], summary: '退款', amount: '500000' }, at(3, 12)))).toBe('solution_not_approved');
    // A new 8D, approved by the GM, sent to the customer: now the refund is a payout that waits for its tier.
    s = step(org, s, 'q.liu', 'submit_8d', { ...REPORT, d5Corrective: '更换刀具并加严检验' }, at(4));
    expect(s.complaint.eightD?.version).toBe(2);
    expect(code(() => step(org, s, 'q.liu', 'send_8d', { via: 'email' }, at(4, 11)))).toBe('solution_not_approved');
    s = step(org, s, 'gm.wang', 'approve', { kind: 'solution', decision: 'approve' }, at(4, 11));
    expect(code(() => step(org, s, 'q.liu', 'resolve', { kinds: ['refund'], summary: '退款' }, at(4, 12)))).toBe('reply_not_sent');
    s = step(org, s, 'q.liu', 'send_8d', { via: 'email', note: '客户质量经理签收' }, at(4, 12));
    expect(dl(s, 'eightD')?.metAt?.toISOString()).toBe(at(4, 12));
    const held = step(org, s, 'q.liu', 'resolve', { kinds: ['refund'], summary: '退款', amount: '500000' }, at(4, 13));
    expect(held.complaint.status).toBe('replied');
    expect(held.approvals.find((a) => a.kind === 'claim' && a.status === 'pending')).toMatchObject({ requiredRole: 'sales_vp' });
  });

  it('an approval binds to the 8D version it approved: a re-submitted 8D needs the GM again', () => {
    let s = step(org, severe(), 'gm.wang', 'approve', { kind: 'solution', decision: 'approve' }, at(3, 11));
    s = step(org, s, 'q.liu', 'submit_8d', { ...REPORT, d4RootCause: '夹具松动' }, at(3, 12));
    expect(s.complaint.status).toBe('awaiting_approval');
    expect(s.approvals.filter((a) => a.kind === 'solution').map((a) => a.status)).toEqual(['approved', 'pending']);
  });

  it('a reopened C complaint needs the GM to approve the new solution before a new CNY 120,000 refund', () => {
    let s = step(org, severe(), 'gm.wang', 'approve', { kind: 'solution', decision: 'approve' }, at(3, 11));
    s = step(org, s, 'q.liu', 'send_8d', { via: 'email' }, at(3, 12));
    s = step(org, s, 'q.liu', 'resolve', { kinds: ['replacement'], summary: '换货' }, at(4));
    s = step(org, s, 'cs.li', 'revisit', { outcome: 'unsatisfied', note: '仍有问题' }, at(11));
    expect(s.complaint.status).toBe('reopened');
    s = step(org, s, 'q.liu', 'acknowledge', ACK, at(11, 11));
    expect(code(() => step(org, s, 'q.liu', 'resolve', { kinds: ['refund'], summary: '退款', amount: '120000' }, at(11, 12)))).toBe('solution_not_approved');
  });

  it('a head downgrading C → A asks the GM; the grade stays until the GM approves', () => {
    let s = filed(org, FILED_AT, { demand: 'refund' });
    s = step(org, s, 'q.chen', 'regrade', { grade: 'A', note: '客户同意不退款' }, at(2, 11));
    expect(s.complaint.grade).toBe('C');
    expect(s.approvals).toMatchObject([{ kind: 'downgrade', requiredRole: 'gm', status: 'pending' }]);
    expect(dl(s, 'approval_downgrade')?.dueAt.toISOString()).toBe(at(3, 11)); // one working day
    s = step(org, s, 'gm.wang', 'approve', { kind: 'downgrade', decision: 'approve' }, at(2, 12));
    expect(s.complaint.grade).toBe('A');
    expect(dl(s, 'approval_downgrade')?.metAt).toBeDefined();
    // The GM may downgrade directly; below the demand's grade a reason is required.
    const gm = filed(org, FILED_AT, { demand: 'refund' });
    expect(code(() => step(org, gm, 'gm.wang', 'regrade', { grade: 'B' }, at(2, 11)))).toBe('validation_failed:[{"field":"note","key":"reason_required"}]');
    expect(step(org, gm, 'gm.wang', 'regrade', { grade: 'B', note: '客户接受重做' }, at(2, 11)).complaint.grade).toBe('B');
  });

  it('removing `urgent` goes through the GM too', () => {
    const s = step(org, filed(org, FILED_AT, { urgent: 'true' }), 'cs.li', 'regrade', { urgent: 'false', note: '误报' }, at(2, 11));
    expect(s.complaint.urgent).toBe(true);
    expect(s.approvals[0]).toMatchObject({ kind: 'downgrade', status: 'pending' });
  });

  it('the grade follows the demand; a refund filed as grade A needs a recorded reason', () => {
    expect(filed(org, FILED_AT, { demand: 'refund' }).complaint.grade).toBe('C');
    expect(filed(org, FILED_AT, { demand: 'redo' }).complaint.grade).toBe('B');
    expect(filed(org, FILED_AT, { demand: 'replacement' }).complaint.grade).toBe('B');
    expect(filed(org, FILED_AT, { demand: 'apology' }).complaint.grade).toBe('A');
    expect(code(() => filed(org, FILED_AT, { demand: 'refund', grade: 'A' }))).toBe('validation_failed:[{"field":"gradeReason","key":"reason_required"}]');
    expect(filed(org, FILED_AT, { demand: 'refund', grade: 'A', gradeReason: '金额极小，客户接受代金券' }).complaint.grade).toBe('A');
  });
});

describe('money follows seed 001 §5.7 when it is committed', () => {
  /** An A complaint with its 8D sent: ready to resolve. */
  const ready = (over: Record<string, unknown> = {}) => {
    let s = filed(org, FILED_AT, over);
    s = step(org, s, 'q.liu', 'acknowledge', ACK, at(2, 11));
    return step(org, s, 'q.liu', 'submit_8d', { ...REPORT, sentVia: 'email' }, at(3));
  };

  it('a declined domestic claim of CNY 9,000 blocks a payout of 9,000; resolving without payment or a new claim stays possible', () => {
    let s = ready({ claimAmount: '9000' });
    expect(s.approvals[0]).toMatchObject({ kind: 'claim', requiredRole: 'sales_manager', status: 'pending' });
    s = step(org, s, 's.zhou', 'approve', { kind: 'claim', decision: 'decline', note: '超出合同条款' }, at(3, 11));
    expect(code(() => step(org, s, 'q.liu', 'resolve', { kinds: ['compensation'], summary: '赔偿', amount: '9000' }, at(3, 12)))).toBe('claim_declined');
    expect(code(() => step(org, s, 'q.liu', 'resolve', { kinds: ['compensation'], summary: '赔偿', amount: '12000' }, at(3, 12)))).toBe('claim_declined');
    expect(step(org, s, 'q.liu', 'resolve', { kinds: ['apology'], summary: '致歉' }, at(3, 12)).complaint.status).toBe('resolved');
    // A new, smaller claim is tiered again and, once approved, covers its payout.
    s = step(org, s, 'cs.li', 'claim', { amount: '6000', reason: '按合同重新核算' }, at(3, 12));
    expect(s.approvals.at(-1)).toMatchObject({ kind: 'claim', requiredRole: 'sales_manager', status: 'pending' });
    s = step(org, s, 's.zhou', 'approve', { kind: 'claim', decision: 'approve' }, at(3, 13));
    expect(step(org, s, 'q.liu', 'resolve', { kinds: ['compensation'], summary: '赔偿', amount: '6000' }, at(3, 14)).complaint.status).toBe('resolved');
  });

  it('a complaint filed without a claim cannot pay CNY 999,999,999: the payout waits for the sales VP', () => {
    const s = ready();
    const held = step(org, s, 'q.liu', 'resolve', { kinds: ['compensation'], summary: '赔偿', amount: '999999999' }, at(3, 12));
    expect(held.complaint.status).toBe('replied');
    expect(held.complaint.claim).toMatchObject({ amountMinor: 99_999_999_900, currency: 'CNY' });
    expect(held.approvals).toMatchObject([{ kind: 'claim', requiredRole: 'sales_vp', status: 'pending', payload: { source: 'resolve' } }]);
    expect(code(() => step(org, held, 'q.liu', 'resolve', { kinds: ['compensation'], summary: '赔偿', amount: '999999999' }, at(3, 13)))).toBe('claim_not_approved');
    const approved = step(org, held, 'vp.xu', 'approve', { kind: 'claim', decision: 'approve' }, at(3, 13));
    expect(step(org, approved, 'q.liu', 'resolve', { kinds: ['compensation'], summary: '赔偿', amount: '999999999' }, at(3, 14)).complaint.status).toBe('resolved');
    // Small payouts need nobody.
    expect(step(org, s, 'q.liu', 'resolve', { kinds: ['compensation'], summary: '运费', amount: '300' }, at(3, 12)).complaint.status).toBe('resolved');
  });

  it('a return quantity beyond the approved one waits too', () => {
    let s = ready({ demand: 'replacement', grade: 'A', gradeReason: '轻微', qtyAffected: '150' });
    s = step(org, s, 's.zhou', 'approve', { kind: 'claim', decision: 'approve' }, at(3, 11));
    expect(step(org, s, 'q.liu', 'resolve', { kinds: ['replacement'], summary: '换货', quantity: '150' }, at(3, 12)).complaint.status).toBe('resolved');
    const held = step(org, s, 'q.liu', 'resolve', { kinds: ['replacement'], summary: '换货', quantity: '250' }, at(3, 12));
    expect(held.approvals.at(-1)).toMatchObject({ kind: 'claim', requiredRole: 'sales_vp', status: 'pending' });
  });

  it('foreign claims over CNY 100,000 go through the chain: sales VP and finance VP review, the GM approves, the sales VP signs', () => {
    let s = filed(org, FILED_AT, { customerRegion: 'foreign', claimCurrency: 'USD', claimAmount: '20000' });
    const steps = () => s.approvals[0]!;
    expect(steps()).toMatchObject({ requiredRole: 'sales_vp', status: 'pending' });
    s = step(org, s, 'vp.xu', 'approve', { kind: 'claim', decision: 'approve', note: '已与客户核对' }, at(2, 11));
    expect(steps()).toMatchObject({ requiredRole: 'finance_vp', status: 'pending' });
    expect(code(() => step(org, s, 'vp.xu', 'approve', { kind: 'claim', decision: 'approve' }, at(2, 12)))).toBe('forbidden');
    s = step(org, s, 'fin.ma', 'approve', { kind: 'claim', decision: 'approve' }, at(2, 12));
    s = step(org, s, 'gm.wang', 'approve', { kind: 'claim', decision: 'approve' }, at(2, 13));
    expect(steps()).toMatchObject({ requiredRole: 'sales_vp', status: 'pending' });
    s = step(org, s, 'vp.xu', 'approve', { kind: 'claim', decision: 'approve' }, at(2, 14));
    expect(steps()).toMatchObject({ status: 'approved', decidedBy: 'vp.xu' });
    expect((steps().payload.signoffs as { as: string; by: string }[]).map((x) => `${x.as}:${x.by}`)).toEqual([
      'review:vp.xu', 'review:fin.ma', 'approve:gm.wang', 'sign:vp.xu',
    ]);
    // A foreign return counts by its pieces even without money.
    expect(filed(org, FILED_AT, { customerRegion: 'foreign', demand: 'replacement', qtyAffected: '10' }).approvals[0]?.requiredRole).toBe('sales_manager');
  });
});

describe('separation of duties', () => {
  it('the sales manager cannot approve the claim he filed himself', () => {
    let s = filed(org, FILED_AT, { category: 'service_attitude' });
    s = step(org, s, 's.zhou', 'claim', { amount: '8600', reason: '客户索赔运费' }, at(2, 11));
    expect(s.approvals[0]).toMatchObject({ requestedBy: 's.zhou', requiredRole: 'sales_manager' });
    expect(code(() => step(org, s, 's.zhou', 'approve', { kind: 'claim', decision: 'approve' }, at(2, 12)))).toBe('forbidden');
    // The GM (who may decide any tier) can.
    expect(step(org, s, 'gm.wang', 'approve', { kind: 'claim', decision: 'approve' }, at(2, 12)).approvals[0]?.status).toBe('approved');
  });

  it('nobody approves on a complaint they handle', () => {
    let s = filed(org, FILED_AT, { category: 'service_attitude', claimAmount: '6000' });
    s = step(org, s, 's.zhou', 'acknowledge', ACK, at(2, 11));
    expect(s.complaint.handlerId).toBe('s.zhou');
    expect(code(() => step(org, s, 's.zhou', 'approve', { kind: 'claim', decision: 'approve' }, at(2, 12)))).toBe('forbidden');
  });

  it('the switch turns it off', () => {
    const loose = testOrg({ ...org.config, controls: { separationOfDuties: false } });
    let s = filed(loose, FILED_AT, { category: 'service_attitude' });
    s = step(loose, s, 's.zhou', 'claim', { amount: '8600', reason: '运费' }, at(2, 11));
    expect(step(loose, s, 's.zhou', 'approve', { kind: 'claim', decision: 'approve' }, at(2, 12)).approvals[0]?.status).toBe('approved');
  });
});

describe('deadlines mean what the procedure means', () => {
  it('an extension of a breached response deadline goes to the GM and the breach is kept; statistics count it late', () => {
    let s = filed(org, FILED_AT);
    const due = dl(s, 'response')!.dueAt;
    s = step(org, s, 'q.chen', 'extend', { deadline: 'response', newDueAt: '2026-03-04 18:00', reason: '客户出差' }, at(3, 12));
    expect(s.approvals[0]).toMatchObject({ kind: 'extension', requiredRole: 'gm', status: 'pending' });
    s = step(org, s, 'gm.wang', 'approve', { kind: 'extension', decision: 'approve' }, at(3, 13));
    expect(dl(s, 'response')).toMatchObject({ breachedAt: due, extensions: 1 });
    s = step(org, s, 'q.liu', 'acknowledge', ACK, at(4));
    const stats = periodStats([{ state: s, events: [] }], new Date(at(5)));
    expect(stats.onTime.response).toMatchObject({ onTime: 0, late: 1 });
  });

  it('the 8D deadline is not met at internal submission; for B/C only after the GM approves and it is sent', () => {
    let s = severe();
    expect(dl(s, 'eightD')?.metAt).toBeUndefined();
    s = step(org, s, 'gm.wang', 'approve', { kind: 'solution', decision: 'approve' }, at(3, 11));
    expect(dl(s, 'eightD')?.metAt).toBeUndefined();
    s = step(org, s, 'q.chen', 'send_8d', { via: 'email' }, at(3, 12));
    expect(s.complaint.eightD?.sent).toMatchObject({ by: 'q.chen', via: 'email' });
    expect(dl(s, 'eightD')?.metAt?.toISOString()).toBe(at(3, 12));
    // An A report submitted without being sent does not meet it either.
    let a = step(org, filed(org, FILED_AT), 'q.liu', 'acknowledge', ACK, at(2, 11));
    a = step(org, a, 'q.liu', 'submit_8d', REPORT, at(3));
    expect(dl(a, 'eightD')?.metAt).toBeUndefined();
    expect(code(() => step(org, a, 'q.liu', 'resolve', { kinds: ['apology'], summary: '致歉' }, at(3, 12)))).toBe('reply_not_sent');
  });

  it('a pending GM approval has its own deadline, ladder and place in the digest', () => {
    const s = severe();
    const d = dl(s, 'approval_solution')!;
    expect(d.dueAt.toISOString()).toBe(at(4)); // one working day after the request
    const env = { now: new Date(at(4, 12)), config: org.config, directory: org.env(at(4)).directory };
    expect(ladderNotifications(1, d, s, env).map((n) => n.target)).toEqual([{ type: 'person', id: 'gm.wang' }]);
    const digest = digestNotifications('2026-03-04', [s], env);
    expect(digest[0]?.view.text).toContain('方案审批');
  });

  it('a late `urgent` creates a containment deadline that the containment action meets at any open stage', () => {
    let s = step(org, filed(org, FILED_AT), 'q.liu', 'acknowledge', ACK, at(2, 11));
    s = step(org, s, 'q.liu', 'submit_8d', REPORT, at(3));
    s = step(org, s, 'cs.li', 'regrade', { urgent: 'true', note: '在途货物需停运' }, at(3, 11));
    expect(dl(s, 'containment')?.metAt).toBeUndefined();
    s = step(org, s, 'q.liu', 'contain', { containment: '在途货物已停运' }, at(3, 12));
    expect(dl(s, 'containment')).toMatchObject({ metAt: new Date(at(3, 12)), breachedAt: dl(s, 'containment')!.dueAt });
  });

  it('after resolve nothing but the revisit is active; after close or reject, nothing', () => {
    const active = (x: ComplaintState) => x.deadlines.filter((d) => !d.metAt && !d.cancelledAt).map((d) => d.kind);
    let s = step(org, filed(org, FILED_AT, { urgent: 'true' }), 'q.liu', 'acknowledge', { ...ACK, containment: '停运' }, at(2, 11));
    s = step(org, s, 'q.liu', 'submit_8d', { ...REPORT, sentVia: 'email' }, at(3));
    s = step(org, s, 'cs.li', 'regrade', { urgent: 'false', note: '误报' }, at(3, 11)); // a downgrade request, pending
    // The containment was taken, but its report to the customer is still owed (seed 001 §5.1).
    expect(active(s)).toEqual(['containmentReport', 'approval_downgrade']);
    s = step(org, s, 'q.liu', 'resolve', { kinds: ['apology'], summary: '致歉' }, at(3, 12));
    expect(active(s)).toEqual(['revisit']);
    expect(s.approvals[0]?.status).toBe('superseded');
    s = step(org, s, 'cs.li', 'revisit', { outcome: 'satisfied', score: '9' }, at(10, 11));
    expect(active(s)).toEqual([]);
    const rejected = step(org, filed(org, FILED_AT, { claimAmount: '9000' }), 'q.chen', 'reject', { reason: 'misuse', note: '安装不当' }, at(2, 11));
    expect(active(rejected)).toEqual([]);
  });
});
