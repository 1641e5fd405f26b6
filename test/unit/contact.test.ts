/**
 * The customer-contact record as pure decisions (issue 15 items 3–4; seed 001 §5.1–5.3, dealership flow
 * step 3): who may record a contact, what a delay notice must carry, which contact meets which task, and
 * the replay of the engine's breach entry.
 */
import { describe, expect, it } from 'vitest';
import { breachDecision } from '../../src/workflows/transitions/contact.ts';
import { decide } from '../../src/workflows/decide.ts';
import { replay, replayable } from '../../src/workflows/replay.ts';
import type { ComplaintState, Deadline, TimelineEvent } from '../../src/workflows/model.ts';
import { canView } from '../../src/workflows/permissions.ts';
import { availableActions } from '../../src/workflows/lifecycle.ts';
import { buildActionButtons } from '../../src/notifiers/views/card.ts';
import { buildTimeline } from '../../src/notifiers/views/timeline.ts';
import { createDirectory } from '../../src/config/directory.ts';
import { filed, filingForm, step, testConfig, testOrg } from '../support/org.ts';
import { ACK, FILED_AT, REPORT, at, outcome } from '../support/controls.ts';

const config = testConfig();
config.customerContact = { liaison: { department: 'sales' } };
const org = testOrg(config);
const dl = (s: ComplaintState, kind: Deadline['kind']) => s.deadlines.find((d) => d.kind === kind);
const NOTICE = { what: 'delay_notice', via: 'phone', summary: '已电话告知', reason: '等待样品', newDate: '2026-03-20 18:00' };
const tryStep = (s: ComplaintState, by: string, action: Parameters<typeof step>[3], input: unknown, when: string) =>
  outcome(() => decide(s, { id: by, name: by }, action, input, org.env(when)));

describe('customer contacts', () => {
  it('Sales (the configured liaison) sees the complaint and records contacts; staff outside do not', () => {
    const s = filed(org, FILED_AT);
    expect(canView('s.wu', s.complaint, createDirectory(config))).toBe(true);
    expect(tryStep(s, 's.wu', 'contact', { what: 'other', via: 'email', summary: '进度沟通' }, at(2, 11))).toBe('accepted');
    expect(tryStep(s, 'l.he', 'contact', { what: 'other', via: 'email', summary: '进度沟通' }, at(2, 11))).toBe('forbidden');
    // Without a configured liaison the responsible department is it: Sales has no say on a quality complaint.
    const plain = testOrg();
    expect(outcome(() => decide(filed(plain, FILED_AT), { id: 's.wu', name: 's.wu' }, 'contact', { what: 'other', via: 'email', summary: 'x' }, plain.env(at(2, 11))))).toBe('forbidden');
  });

  it('the card offers the contact and "customer unreachable" buttons to whoever may use them', () => {
    const s = filed(org, FILED_AT);
    const buttons = (who: string) => buildActionButtons(availableActions(s, who, org.env(at(2, 11))), s.complaint.id, { locale: 'en' }).map((b) => b.label);
    expect(buttons('q.liu')).toEqual(['Acknowledge', 'Customer unreachable', 'Customer contact', 'Report recall', 'Comment', 'Escalate to GM']);
    expect(buttons('s.wu')).toEqual(['Customer contact', 'Comment', 'Escalate to GM']);
  });

  it('a delay notice carries the reason and the new date given; a contact cannot lie in the future', () => {
    const s = filed(org, FILED_AT);
    expect(tryStep(s, 's.wu', 'contact', { ...NOTICE, reason: '' }, at(2, 11))).toBe('validation_failed:[{"field":"reason","key":"required"}]');
    expect(tryStep(s, 's.wu', 'contact', { ...NOTICE, newDate: '' }, at(2, 11))).toMatch(/newDate/);
    expect(tryStep(s, 's.wu', 'contact', { ...NOTICE, newDate: '2026-03-01 18:00' }, at(2, 11))).toMatch(/newDate/);
    expect(tryStep(s, 's.wu', 'contact', { ...NOTICE, at: '2026-03-05 10:00' }, at(2, 11))).toMatch(/in_future/);
  });

  it('an extension opens the delay notice for a working day; the notice recorded after it meets it, one recorded before does not', () => {
    let s = step(org, filed(org, FILED_AT), 'q.liu', 'acknowledge', ACK, at(2, 11));
    // A contact before anything slipped is on the record but meets nothing.
    s = step(org, s, 's.wu', 'contact', NOTICE, at(3, 10));
    expect(dl(s, 'delayNotice')).toBeUndefined();
    s = step(org, s, 'q.liu', 'extend', { deadline: 'eightD', newDueAt: '2026-03-13 18:00', reason: '等待样品' }, at(5, 10));
    expect(dl(s, 'delayNotice')).toMatchObject({ startsAt: new Date(at(5, 10)), dueAt: new Date(at(6, 10)) });
    expect(dl(s, 'delayNotice')?.metAt).toBeUndefined();
    // Recorded at 15:00 for a call made at 11:00: met at the call.
    s = step(org, s, 's.wu', 'contact', { ...NOTICE, at: '2026-03-05 11:00' }, at(5, 15));
    expect(dl(s, 'delayNotice')?.metAt?.toISOString()).toBe(at(5, 11));
    // A second extension (GM's to grant) opens a new round once granted.
    s = step(org, s, 'q.liu', 'extend', { deadline: 'eightD', newDueAt: '2026-03-20 18:00', reason: '检测延期' }, at(6, 10));
    expect(dl(s, 'delayNotice')?.metAt).toBeDefined();
    s = step(org, s, 'gm.wang', 'approve', { kind: 'extension', decision: 'approve' }, at(6, 11));
    expect(dl(s, 'delayNotice')).toMatchObject({ startsAt: new Date(at(6, 11)), dueAt: new Date(at(9, 11)) });
    expect(dl(s, 'delayNotice')?.metAt).toBeUndefined();
  });

  it('an extension of the first response is no §5.3 notice: that slip has its own rule (first contact in 48 h)', () => {
    const s = step(org, filed(org, FILED_AT), 'q.chen', 'extend', { deadline: 'response', newDueAt: '2026-03-04 10:00', reason: '客户出差' }, at(2, 11));
    expect(dl(s, 'delayNotice')).toBeUndefined();
  });

  it('urgent: the containment report to the customer is its own task within the same 24 hours (§5.1)', () => {
    let s = filed(org, FILED_AT, { urgent: 'true' });
    expect(dl(s, 'containmentReport')?.dueAt).toEqual(dl(s, 'containment')?.dueAt);
    s = step(org, s, 'q.liu', 'acknowledge', { ...ACK, containment: '在途货物停运' }, at(2, 11));
    expect(dl(s, 'containment')?.metAt).toBeDefined();
    expect(dl(s, 'containmentReport')?.metAt).toBeUndefined();
    s = step(org, s, 'q.liu', 'contact', { what: 'containment_report', via: 'email', summary: '已邮件报告客户停运措施' }, at(2, 14));
    expect(dl(s, 'containmentReport')?.metAt?.toISOString()).toBe(at(2, 14));
    // Not urgent any more (the GM's downgrade): the task goes with the containment.
    const late = step(org, filed(org, FILED_AT), 'cs.li', 'regrade', { urgent: 'true', note: '在途货物需停运' }, at(2, 11));
    expect(dl(late, 'containmentReport')?.startsAt).toEqual(new Date(FILED_AT));
    const undone = step(org, late, 'gm.wang', 'regrade', { urgent: 'false', note: '误报' }, at(2, 12));
    expect(dl(undone, 'containmentReport')?.cancelledAt).toBeDefined();
  });

  it('the 8D sent and the revisit are contacts too, without a second form', () => {
    let s = step(org, filed(org, FILED_AT), 'q.liu', 'acknowledge', ACK, at(2, 11));
    const d = decide(s, { id: 'q.liu', name: 'q.liu' }, 'submit_8d', { ...REPORT, sentVia: 'email' }, org.env(at(3)));
    expect(d.events.find((e) => e.type === 'customer_contacted')?.data).toMatchObject({ what: 'eightd_report', via: 'email', derived: true });
    // The revisit's own event names the timeline entry (statistics read it); the contact follows as an effect.
    expect(d.events[0]?.type).toBe('eightd_submitted');
    s = step(org, s, 'q.liu', 'submit_8d', { ...REPORT, sentVia: 'email' }, at(3));
    s = step(org, s, 'q.liu', 'resolve', { kinds: ['apology'], summary: '致歉' }, at(3, 12));
    const r = decide(s, { id: 'cs.li', name: 'cs.li' }, 'revisit', { outcome: 'satisfied', score: '9' }, org.env(at(10, 11)));
    expect(r.events.find((e) => e.type === 'customer_contacted')?.data).toMatchObject({ what: 'revisit' });
    expect(r.events[0]?.type).toBe('revisit_satisfied');
  });

  it('customer unreachable: only before the first response; replaces the 24 h response by a first contact 48 h later, kept on a second report', () => {
    let s = filed(org, FILED_AT);
    expect(tryStep(s, 'cs.li', 'customer_unreachable', { note: '无人接听' }, at(2, 11))).toBe('forbidden');
    s = step(org, s, 'q.liu', 'customer_unreachable', { note: '电话无人接听' }, at(2, 15));
    expect(dl(s, 'response')?.cancelledAt?.toISOString()).toBe(at(2, 15));
    expect(dl(s, 'firstContact')).toMatchObject({ startsAt: new Date(at(2, 15)), dueAt: new Date(at(4, 15)) });
    s = step(org, s, 'q.liu', 'customer_unreachable', { note: '邮件未回' }, at(3, 15));
    expect(dl(s, 'firstContact')?.dueAt.toISOString()).toBe(at(4, 15));
    // A first response recorded as a contact meets it too (the acknowledgement does, with the handler).
    const reached = step(org, s, 'q.liu', 'contact', { what: 'first_response', via: 'phone', summary: '已联系上' }, at(4, 11));
    expect(dl(reached, 'firstContact')?.metAt?.toISOString()).toBe(at(4, 11));
    s = step(org, s, 'q.liu', 'acknowledge', ACK, at(4, 11));
    expect(dl(s, 'firstContact')?.metAt?.toISOString()).toBe(at(4, 11));
    expect(tryStep(s, 'q.liu', 'customer_unreachable', { note: 'x' }, at(4, 12))).toBe('illegal_transition');
  });

  it('the timeline tells who told the customer what, how, and the reason and date given; derived contacts are not repeated', () => {
    const ev = (type: string, data: Record<string, unknown>, seq: number): TimelineEvent => ({ seq, type, actorId: 's.wu', at: new Date(at(5, 15)), data });
    const view = buildTimeline(
      [
        ev('customer_contacted', { what: 'delay_notice', via: 'phone', at: at(5, 11), summary: '采购经理', reason: '等待样品', newDate: at(13, 18) }, 1),
        ev('customer_contacted', { what: 'first_response', at: at(5, 11), derived: true }, 2),
        ev('first_contact_failed', { note: '无人接听', dueAt: at(7, 15) }, 3),
      ],
      { locale: 'en', now: new Date(at(5, 16)), timeZone: 'Asia/Shanghai', directory: createDirectory(config) },
    );
    expect(view.items.map((i) => [i.actor, i.text])).toEqual([
      ['Wu Fang', 'Customer contacted: Delay notice (reason and new date) via Phone at 2026-03-05 11:00. The customer was told the reason (等待样品) and the new date 2026-03-13 18:00. Note: 采购经理'],
      ['Wu Fang', 'The customer could not be reached; customer service was told the progress: 无人接听. First contact is due by 2026-03-07 15:00.'],
    ]);
  });

  it('the engine breach entry replays to the same state', () => {
    const env = org.env(at(2, 11));
    const first = step(org, filed(org, FILED_AT), 'q.liu', 'acknowledge', ACK, at(2, 11));
    const breach = breachDecision(first, 'eightD', org.env(at(11, 11)))!;
    expect(breach.events.map((e) => e.type)).toEqual(['deadline_missed', 'delay_notice_due']);
    const stored: ComplaintState = { complaint: { ...breach.complaint, version: first.complaint.version + 1 }, deadlines: breach.deadlines, approvals: breach.approvals };
    expect(dl(stored, 'delayNotice')).toMatchObject({ startsAt: dl(first, 'eightD')!.dueAt });
    const entries: TimelineEvent[] = [
      { seq: 1, type: 'filed', actorId: 'cs.li', at: new Date(FILED_AT), data: { action: 'file', input: filingForm() } },
      { seq: 2, type: 'acknowledged', actorId: 'q.liu', at: new Date(at(2, 11)), data: { action: 'acknowledge', input: ACK } },
      { seq: 3, type: 'deadline_missed', actorId: 'kesu', at: new Date(at(11, 11)), data: { action: 'breach', input: { deadline: 'eightD' } } },
    ];
    const c = stored.complaint;
    const replayed = replay(entries, { year: c.year, seq: c.seq, number: c.number }, (t) => ({ ...org.env(t.toISOString()), newId: env.newId }));
    expect(replayable(replayed)).toEqual(replayable({ ...stored, complaint: { ...stored.complaint, id: 'x' } }));
  });
});
