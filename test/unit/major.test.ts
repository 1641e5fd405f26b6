/**
 * Major complaints (issue 15 item 2; seed 001 §7.1.6, §7.3.5; seed 002 §3): grade C, or urgent with a
 * safety issue, reaches the GM when filed; a grade C resolution waits for both co-owners' sign-off;
 * anyone on the case escalates to the GM by hand. Pure decisions and the notices they cause.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createDirectory } from '../../src/config/directory.ts';
import { parseConfig } from '../../src/config/load.ts';
import { decisionNotifications } from '../../src/notifiers/notifications.ts';
import { decide } from '../../src/workflows/decide.ts';
import { asState, buildFiling } from '../../src/workflows/filing.ts';
import { filingSchema } from '../../src/workflows/inputs.ts';
import type { ComplaintState } from '../../src/workflows/model.ts';
import { parseOrThrow } from '../../src/workflows/validation.ts';
import { ACK, at, FILED_AT, outcome as code, REPORT } from '../support/controls.ts';
import { actor, filed, filingForm, FIXTURE_CONFIG, step, testConfig, testOrg } from '../support/org.ts';

const config = { ...testConfig(), gmChannel: {} };
const org = testOrg(config);
const RESOLVE = { kinds: ['refund'], summary: '全额退款并致歉' };

/** Filed with the events it caused (the notices are decided from them). */
function filing(over: Record<string, unknown>) {
  const env = org.env(FILED_AT);
  const d = buildFiling(parseOrThrow(filingSchema(env.input), filingForm(over)), actor('cs.li'), { year: 2026, seq: 1, number: 'KS-2026-0001' }, env);
  return { state: asState(d), events: d.events };
}

const notices = (state: ComplaintState, events: { type: string; data: Record<string, unknown> }[], by: string) =>
  decisionNotifications(state, events, by, { now: new Date(FILED_AT), config, directory: org.deps(undefined as never).directory }).map((n) => ({
    kind: n.kind,
    to: n.target.type === 'person' ? n.target.id : n.target.type,
    text: n.view.text,
  }));

/** A grade C complaint acknowledged by q.liu, its 8D approved by the GM and sent: ready to resolve. */
function severe(): ComplaintState {
  let s = filed(org, FILED_AT, { demand: 'refund', urgent: 'true', safety: 'true' });
  s = step(org, s, 'q.liu', 'acknowledge', { ...ACK, containment: '停止发货并隔离库存' }, at(2, 11));
  s = step(org, s, 'q.liu', 'submit_8d', REPORT, at(3));
  s = step(org, s, 'gm.wang', 'approve', { kind: 'solution', decision: 'approve' }, at(3, 11));
  return step(org, s, 'q.liu', 'send_8d', { via: 'email' }, at(3, 12));
}

describe('major complaints reach the GM when filed', () => {
  it('grade C: the GM by DM and the GM channel’s card, naming the co-owners', () => {
    const { state, events } = filing({ demand: 'refund' });
    expect(state.complaint.grade).toBe('C');
    expect(events.find((e) => e.type === 'major_flagged')?.data).toEqual({
      grade: 'C',
      urgent: false,
      safety: false,
      coOwners: ['customer_service_manager', 'department_head:quality'],
    });
    const out = notices(state, events, 'cs.li');
    expect(out).toContainEqual({
      kind: 'major',
      to: 'gm.wang',
      text: '重大客诉 KS-2026-0001（C 级），责任部门：质量部：阀体尺寸超差\n共同负责并会签处理结果：客服主管、质量部主管。',
    });
    expect(out).toContainEqual(expect.objectContaining({ kind: 'card', to: 'gm_channel' }));
    expect(out).toContainEqual(expect.objectContaining({ kind: 'card', to: 'department' }));
  });

  it('urgent with a safety issue, whatever the grade; neither alone', () => {
    const both = filing({ urgent: 'true', safety: 'true' });
    expect(both.state.complaint).toMatchObject({ grade: 'A', urgent: true, safety: true });
    expect(notices(both.state, both.events, 'cs.li')).toContainEqual(expect.objectContaining({ kind: 'major', to: 'gm.wang', text: expect.stringContaining('紧急，涉及安全') }));
    for (const over of [{ urgent: 'true' }, { safety: 'true' }, {}]) {
      const { state, events } = filing(over);
      expect(events.map((e) => e.type)).not.toContain('major_flagged');
      expect(notices(state, events, 'cs.li').filter((n) => n.to === 'gm.wang' || n.to === 'gm_channel')).toEqual([]);
    }
  });

  it('a re-grade that makes it major tells the GM then; removing the safety flag needs the GM', () => {
    let s = filed(org, FILED_AT, { urgent: 'true' });
    const d = decide(s, actor('q.chen'), 'regrade', { safety: 'true' }, org.env(at(2, 11)));
    expect(d.events.map((e) => e.type)).toEqual(['regraded', 'major_flagged']);
    expect(d.events[0]!.data).toMatchObject({ before: { grade: 'A', urgent: true }, after: { grade: 'A', urgent: true, safety: true } });
    s = step(org, s, 'q.chen', 'regrade', { safety: 'true' }, at(2, 11));
    // Already major: a further upgrade tells the GM nothing new.
    expect(decide(s, actor('q.chen'), 'regrade', { grade: 'C' }, org.env(at(2, 12))).events.map((e) => e.type)).toEqual(['regraded']);
    const removed = step(org, s, 'q.chen', 'regrade', { safety: 'false', note: '经确认不涉及安全' }, at(2, 12));
    expect(removed.complaint.safety).toBe(true);
    expect(removed.approvals).toMatchObject([{ kind: 'downgrade', status: 'pending', payload: { safety: false } }]);
    const approved = step(org, removed, 'gm.wang', 'approve', { kind: 'downgrade', decision: 'approve' }, at(2, 13));
    expect(approved.complaint.safety).toBe(false);
  });
});

describe('a grade C resolution needs both co-owners’ sign-off', () => {
  it('the handler’s resolve waits; customer service’s manager, then the department head sign; only then resolved', () => {
    let s = step(org, severe(), 'q.liu', 'resolve', RESOLVE, at(4));
    expect(s.complaint.status).toBe('replied');
    expect(s.complaint.resolution).toBeUndefined();
    expect(s.approvals.find((a) => a.kind === 'signoff')).toMatchObject({
      status: 'pending',
      requiredRole: 'customer_service_manager',
      payload: { chain: [{ role: 'customer_service_manager', as: 'sign' }, { role: 'department_head:quality', as: 'sign' }] },
    });
    expect(s.deadlines.find((d) => d.kind === 'approval_signoff')?.dueAt.toISOString()).toBe(at(5));
    // Meanwhile the handler waits: no second proposal over the first.
    expect(code(() => step(org, s, 'q.liu', 'resolve', { kinds: ['apology'], summary: '致歉' }, at(4, 10)))).toBe('approval_pending');
    // Not the handler, not the head before customer service, not the other department's head.
    expect(code(() => step(org, s, 'q.liu', 'approve', { kind: 'signoff', decision: 'approve' }, at(4, 11)))).toBe('forbidden');
    expect(code(() => step(org, s, 'q.chen', 'approve', { kind: 'signoff', decision: 'approve' }, at(4, 11)))).toBe('forbidden');
    s = step(org, s, 'cs.zhao', 'approve', { kind: 'signoff', decision: 'approve' }, at(4, 11));
    expect(s.complaint.status).toBe('replied');
    expect(s.approvals.find((a) => a.kind === 'signoff')).toMatchObject({ status: 'pending', requiredRole: 'department_head:quality' });
    expect(code(() => step(org, s, 's.zhou', 'approve', { kind: 'signoff', decision: 'approve' }, at(4, 12)))).toBe('forbidden');
    s = step(org, s, 'q.chen', 'approve', { kind: 'signoff', decision: 'approve' }, at(4, 12));
    expect(s.complaint).toMatchObject({ status: 'resolved', resolution: { kinds: ['refund'], summary: '全额退款并致歉' } });
    expect(s.deadlines.find((d) => d.kind === 'revisit')).toBeDefined();
    expect(s.approvals.find((a) => a.kind === 'signoff')?.payload.signoffs).toMatchObject([{ by: 'cs.zhao', as: 'sign' }, { by: 'q.chen', as: 'sign' }]);
  });

  it('a declined sign-off sends it back; a resolve again asks again; a new 8D withdraws it', () => {
    let s = step(org, severe(), 'q.liu', 'resolve', RESOLVE, at(4));
    s = step(org, s, 'cs.zhao', 'approve', { kind: 'signoff', decision: 'decline', note: '退款前先补发' }, at(4, 11));
    expect(s.complaint.status).toBe('replied');
    expect(s.approvals.find((a) => a.kind === 'signoff')?.status).toBe('declined');
    s = step(org, s, 'q.liu', 'resolve', { kinds: ['replacement'], summary: '补发合格品' }, at(4, 12));
    expect(s.approvals.filter((a) => a.kind === 'signoff').map((a) => a.status)).toEqual(['declined', 'pending']);
    const redone = step(org, s, 'q.liu', 'submit_8d', { ...REPORT, d5Corrective: '更换供应商' }, at(4, 13));
    expect(redone.approvals.filter((a) => a.kind === 'signoff').map((a) => a.status)).toEqual(['declined', 'superseded']);
    expect(redone.deadlines.find((d) => d.kind === 'approval_signoff')?.cancelledAt).toBeDefined();
    expect(code(() => step(org, redone, 'cs.zhao', 'approve', { kind: 'signoff', decision: 'approve' }, at(4, 14)))).toBe('no_pending_approval');
  });

  it('a head who handles it himself does not sign as head: the GM signs in his place; nobody signs twice', () => {
    let s = filed(org, FILED_AT, { demand: 'refund' });
    s = step(org, s, 'q.chen', 'acknowledge', ACK, at(2, 11));
    s = step(org, s, 'q.chen', 'submit_8d', REPORT, at(3));
    s = step(org, s, 'gm.wang', 'approve', { kind: 'solution', decision: 'approve' }, at(3, 11));
    s = step(org, s, 'q.chen', 'send_8d', { via: 'email' }, at(3, 12));
    s = step(org, s, 'q.chen', 'resolve', RESOLVE, at(4));
    s = step(org, s, 'cs.zhao', 'approve', { kind: 'signoff', decision: 'approve' }, at(4, 11));
    expect(code(() => step(org, s, 'q.chen', 'approve', { kind: 'signoff', decision: 'approve' }, at(4, 12)))).toBe('forbidden');
    expect(code(() => step(org, s, 'cs.zhao', 'approve', { kind: 'signoff', decision: 'approve' }, at(4, 12)))).toBe('already_signed_off');
    s = step(org, s, 'gm.wang', 'approve', { kind: 'signoff', decision: 'approve' }, at(4, 12));
    expect(s.complaint.status).toBe('resolved');
  });

  it('the same person holding both co-owner roles signs once: the second signature is someone else’s', () => {
    const both = testOrg({ ...config, customerService: { ...config.customerService, managers: ['q.chen'] } });
    let s = filed(both, FILED_AT, { demand: 'refund' });
    s = step(both, s, 'q.liu', 'acknowledge', ACK, at(2, 11));
    s = step(both, s, 'q.liu', 'submit_8d', REPORT, at(3));
    s = step(both, s, 'gm.wang', 'approve', { kind: 'solution', decision: 'approve' }, at(3, 11));
    s = step(both, s, 'q.liu', 'send_8d', { via: 'email' }, at(3, 12));
    s = step(both, s, 'q.liu', 'resolve', RESOLVE, at(4));
    s = step(both, s, 'q.chen', 'approve', { kind: 'signoff', decision: 'approve' }, at(4, 11));
    expect(code(() => step(both, s, 'q.chen', 'approve', { kind: 'signoff', decision: 'approve' }, at(4, 12)))).toBe('already_signed_off');
    expect(step(both, s, 'gm.wang', 'approve', { kind: 'signoff', decision: 'approve' }, at(4, 12)).complaint.status).toBe('resolved');
  });

  it('grade A and B resolve at once; with no co-owners configured grade C does too', () => {
    const none = testOrg({ ...config, procedure: { major: { coOwners: [] } } });
    let s = filed(none, FILED_AT, { demand: 'refund' });
    s = step(none, s, 'q.liu', 'acknowledge', ACK, at(2, 11));
    s = step(none, s, 'q.liu', 'submit_8d', REPORT, at(3));
    s = step(none, s, 'gm.wang', 'approve', { kind: 'solution', decision: 'approve' }, at(3, 11));
    s = step(none, s, 'q.liu', 'send_8d', { via: 'email' }, at(3, 12));
    expect(step(none, s, 'q.liu', 'resolve', RESOLVE, at(4)).complaint.status).toBe('resolved');
  });

  it('the sign-off request reaches the co-owner with what is to be signed', () => {
    const s = severe();
    const d = decide(s, actor('q.liu'), 'resolve', { ...RESOLVE, amount: '3000' }, org.env(at(4)));
    const state = { complaint: d.complaint, deadlines: d.deadlines, approvals: d.approvals };
    expect(notices(state, d.events, 'q.liu')).toContainEqual({
      kind: 'approval',
      to: 'cs.zhao',
      text: 'KS-2026-0001 needs your approval — your sign-off, as co-owner, of the resolution Refund: 全额退款并致歉 · CNY 3,000.00. 阀体尺寸超差',
    });
  });
});

describe('escalate to the GM now', () => {
  it('anyone on the case, with a reason; the GM hears at once; the work goes on; one at a time per person until the GM answers', () => {
    let s = step(org, filed(org, FILED_AT), 'q.liu', 'acknowledge', ACK, at(2, 11));
    const d = decide(s, actor('q.sun'), 'escalate', { reason: '客户称将向媒体投诉' }, org.env(at(2, 12)));
    expect(d.complaint.status).toBe('acknowledged');
    expect(d.complaint.gmEscalations).toEqual([{ by: 'q.sun', at: at(2, 12), reason: '客户称将向媒体投诉' }]);
    const state = { complaint: { ...d.complaint, version: 2 }, deadlines: d.deadlines, approvals: d.approvals };
    const out = notices(state, d.events, 'q.sun');
    expect(out).toContainEqual({ kind: 'escalated_case', to: 'gm.wang', text: '孙丽 将 KS-2026-0001 上报给您：客户称将向媒体投诉。阀体尺寸超差' });
    expect(out).toContainEqual(expect.objectContaining({ kind: 'card', to: 'gm_channel' }));
    expect(out).toContainEqual({ kind: 'escalated_case', to: 'gm_channel', text: '孙丽 已将 KS-2026-0001 上报总经理：客户称将向媒体投诉' });

    s = step(org, s, 'q.sun', 'escalate', { reason: '客户称将向媒体投诉' }, at(2, 12));
    expect(code(() => step(org, s, 'q.sun', 'escalate', { reason: '再次催促' }, at(2, 13)))).toBe('escalation_pending');
    expect(code(() => step(org, s, 'q.sun', 'escalate', { reason: ' ' }, at(2, 13)))).toBe('escalation_pending');
    // Someone else may still escalate; a reason is required.
    expect(code(() => step(org, s, 'cs.li', 'escalate', { reason: ' ' }, at(2, 13)))).toMatch(/^validation_failed:.*reason/);
    // The GM answers by acting on it (here a comment): the escalation is answered and may be made again.
    s = step(org, s, 'gm.wang', 'comment', { text: '已知悉，质量部今天给出方案' }, at(2, 14));
    expect(s.complaint.gmEscalations).toEqual([{ by: 'q.sun', at: at(2, 12), reason: '客户称将向媒体投诉', answeredAt: at(2, 14), answeredBy: 'gm.wang' }]);
    expect(step(org, s, 'q.sun', 'escalate', { reason: '方案未到' }, at(3)).complaint.gmEscalations).toHaveLength(2);
  });

  it('not by the GM, nor by someone outside the case; not once it is closed', () => {
    const s = filed(org, FILED_AT);
    expect(code(() => step(org, s, 'gm.wang', 'escalate', { reason: '测试' }, at(2, 11)))).toBe('forbidden');
    expect(code(() => step(org, s, 's.wu', 'escalate', { reason: '测试' }, at(2, 11)))).toBe('forbidden');
    const rejected = step(org, s, 'cs.zhao', 'reject', { reason: 'misuse', note: '安装不当' }, at(2, 11));
    expect(code(() => step(org, rejected, 'cs.li', 'escalate', { reason: '客户不认可' }, at(2, 12)))).toBe('illegal_transition');
  });
});

describe('co-owner roles', () => {
  it('are named and held as configured', () => {
    const dir = createDirectory(config);
    expect(dir.roleName('department_head:quality', 'zh-CN')).toBe('质量部主管');
    expect(dir.roleName('department_head:quality', 'en')).toBe('Head of Quality');
    expect(dir.roleName('customer_service_manager', 'en')).toBe('Customer-service manager');
    expect(dir.holdersOf('department_head:sales')).toEqual(['s.zhou']);
    expect(dir.holdersOf('customer_service_manager')).toEqual(['cs.zhao']);
    expect(dir.hasRole('q.chen', 'department_head:quality')).toBe(true);
    expect(dir.hasRole('q.liu', 'department_head:quality')).toBe(false);
    expect(dir.rolesOf('cs.zhao')).toEqual([]);
  });
});

describe('procedure.major in the config', () => {
  it('defaults to customer service’s manager and the department head; an unknown co-owner is refused with its path', () => {
    expect(testConfig().procedure.major.coOwners).toEqual(['customer_service_manager', 'department_head']);
    const yaml = readFileSync(FIXTURE_CONFIG, 'utf8');
    expect(parseConfig(`${yaml}\nprocedure: { major: { coOwners: [sales_vp, gm] } }\n`, 'org.yaml').procedure.major.coOwners).toEqual(['sales_vp', 'gm']);
    expect(() => parseConfig(`${yaml}\nprocedure: { major: { coOwners: [quality_director] } }\n`, 'org.yaml')).toThrow(
      'org.yaml: procedure.major.coOwners[0]: unknown co-owner "quality_director" (not customer_service_manager, department_head, "gm", nor a key in roles)',
    );
  });
});
