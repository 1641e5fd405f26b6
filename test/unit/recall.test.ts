/**
 * Recalls (seed 001 §6.9), pure: other affected batches reported on their own or with the 8D, the GM's
 * decision with its own deadline and ladder, who hears what, and the card.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { createDirectory } from '../../src/config/directory.ts';
import { decide } from '../../src/workflows/decide.ts';
import type { ComplaintState, Deadline } from '../../src/workflows/model.ts';
import { decisionNotifications, ladderNotifications } from '../../src/notifiers/notifications.ts';
import { buildComplaintCard, buildTasks } from '../../src/notifiers/views/index.ts';
import { availableActions } from '../../src/workflows/lifecycle.ts';
import { actor, filed, FIXTURE_CONFIG, step, testConfig, testOrg } from '../support/org.ts';
import { ACK, at, FILED_AT, outcome as code, REPORT } from '../support/controls.ts';
import { ctx } from './views/fixtures.ts';

const org = testOrg();
const dl = (s: ComplaintState, kind: Deadline['kind']) => s.deadlines.find((d) => d.kind === kind);
const RECALL = { batches: '2403、2404', orders: 'PO-88', quantity: '1200', severity: 'safety', note: '同一刀具' };

/** Filed Monday 10:00, acknowledged by q.liu at 11:00. */
const acked = () => step(org, filed(org, FILED_AT), 'q.liu', 'acknowledge', ACK, at(2, 11));

describe('reporting a recall', () => {
  it('records the batches, orders, pieces and severity, and starts the GM decision deadline one working day later', () => {
    const d = decide(acked(), actor('q.chen'), 'recall', RECALL, org.env(at(6, 15))); // Friday 15:00
    expect(d.complaint.recall).toEqual({ reportedBy: 'q.chen', reportedAt: at(6, 15), batches: '2403、2404', orders: 'PO-88', quantity: 1200, severity: 'safety', note: '同一刀具' });
    expect(d.events.map((e) => e.type)).toEqual(['recall_reported']);
    expect(d.events[0]!.data).toMatchObject({ severity: 'safety', dueAt: at(9, 15) }); // the next working day: Monday
    const due = d.deadlines.find((x) => x.kind === 'recall_decision')!;
    expect(due.dueAt.toISOString()).toBe(at(9, 15));
    expect(due.nextStepAt?.toISOString()).toBe(at(9, 11)); // the reminder 4 hours before
    expect(d.complaint.status).toBe('acknowledged');
  });

  it('with the 8D, in the same step; a recall field without batches or without a severity is refused', () => {
    const d = decide(acked(), actor('q.liu'), 'submit_8d', { ...REPORT, sentVia: 'email', recallBatches: '2403', recallSeverity: 'critical' }, org.env(at(3)));
    expect(d.events.map((e) => e.type)).toEqual(['eightd_submitted', 'customer_contacted', 'deadline_met', 'recall_reported']);
    expect(d.complaint.recall).toMatchObject({ reportedBy: 'q.liu', batches: '2403', severity: 'critical' });
    expect(d.complaint.eightD).not.toHaveProperty('recallBatches');
    expect(dl({ ...d }, 'recall_decision')?.dueAt.toISOString()).toBe(at(4));
    // Without recall fields the 8D records no recall.
    expect(decide(acked(), actor('q.liu'), 'submit_8d', REPORT, org.env(at(3))).complaint.recall).toBeUndefined();
    expect(code(() => step(org, acked(), 'q.liu', 'submit_8d', { ...REPORT, recallBatches: '2403' }, at(3)))).toBe('validation_failed:[{"field":"recallSeverity","key":"required"}]');
    expect(code(() => step(org, acked(), 'q.liu', 'submit_8d', { ...REPORT, recallQuantity: '5' }, at(3)))).toBe('validation_failed:[{"field":"recallBatches","key":"required"}]');
  });

  it('one report at a time: a pending one blocks a second report, the resolve and the rejection', () => {
    let s = step(org, acked(), 'q.liu', 'submit_8d', { ...REPORT, sentVia: 'email' }, at(3));
    s = step(org, s, 's.zhou', 'recall', RECALL, at(3, 11));
    expect(code(() => step(org, s, 'q.chen', 'recall', RECALL, at(3, 12)))).toBe('recall_pending');
    expect(code(() => step(org, s, 'q.liu', 'submit_8d', { ...REPORT, recallBatches: '2405', recallSeverity: 'major' }, at(3, 12)))).toBe('recall_pending');
    expect(code(() => step(org, s, 'q.liu', 'resolve', { kinds: ['apology'], summary: '致歉' }, at(3, 12)))).toBe('recall_pending');
    const early = step(org, acked(), 's.zhou', 'recall', RECALL, at(3, 11));
    expect(code(() => step(org, early, 'q.chen', 'reject', { reason: 'misuse', note: '使用不当' }, at(3, 12)))).toBe('recall_pending');
    s = step(org, s, 'gm.wang', 'recall_decide', { outcome: 'no_recall', reason: '其他批次已全检合格' }, at(3, 14));
    expect(step(org, s, 'q.liu', 'resolve', { kinds: ['apology'], summary: '致歉' }, at(3, 15)).complaint.status).toBe('resolved');
  });

  it('who may report: the case’s department, customer service, the Sales and Quality heads (configurable)', () => {
    for (const who of ['q.sun', 'cs.li', 's.zhou', 'q.chen']) expect(code(() => step(org, acked(), who, 'recall', RECALL, at(3))), who).toBe('accepted');
    for (const who of ['s.wu', 'l.he', 'gm.wang', 'fin.ma']) expect(code(() => step(org, acked(), who, 'recall', RECALL, at(3))), who).toBe('forbidden');
    // With Logistics as the recall department instead, its head reports and the Sales head no longer does.
    const config = testConfig();
    const other = testOrg({ ...config, recall: { departments: ['logistics'] } });
    expect(code(() => step(other, step(other, filed(other, FILED_AT), 'q.liu', 'acknowledge', ACK, at(2, 11)), 'l.he', 'recall', RECALL, at(3)))).toBe('accepted');
    expect(code(() => step(other, step(other, filed(other, FILED_AT), 'q.liu', 'acknowledge', ACK, at(2, 11)), 's.zhou', 'recall', RECALL, at(3)))).toBe('forbidden');
  });

  it('a recall department must exist in the config', () => {
    const yaml = `${readFixture()}\nrecall:\n  departments: [sales, qualty]\n`;
    expect(() => parseConfig(yaml, 'org.yaml')).toThrow('org.yaml: recall.departments[1]: unknown department "qualty" (not in departments)');
    expect(createDirectory(parseConfig(readFixture(), 'org.yaml')).recallDepartments()).toEqual(['sales', 'quality']);
  });
});

describe("the GM's decision", () => {
  const reported = () => step(org, acked(), 's.zhou', 'recall', RECALL, at(2, 14));

  it('recall with its scope, or no recall with the reason; the deadline is met; only the GM decides', () => {
    expect(code(() => step(org, reported(), 'q.chen', 'recall_decide', { outcome: 'recall', scope: '全部' }, at(3)))).toBe('forbidden');
    expect(code(() => step(org, reported(), 'gm.wang', 'recall_decide', { outcome: 'recall' }, at(3)))).toBe('validation_failed:[{"field":"scope","key":"required"}]');
    expect(code(() => step(org, reported(), 'gm.wang', 'recall_decide', { outcome: 'no_recall' }, at(3)))).toBe('validation_failed:[{"field":"reason","key":"required"}]');
    expect(code(() => step(org, acked(), 'gm.wang', 'recall_decide', { outcome: 'no_recall', reason: '-' }, at(3)))).toBe('no_pending_recall');
    const s = step(org, reported(), 'gm.wang', 'recall_decide', { outcome: 'recall', scope: '2403、2404 全部召回', quantity: '1200', customers: '华东汽配' }, at(3, 9));
    expect(s.complaint.recall?.decision).toEqual({ by: 'gm.wang', at: at(3, 9), outcome: 'recall', scope: '2403、2404 全部召回', quantity: 1200, customers: '华东汽配' });
    expect(dl(s, 'recall_decision')).toMatchObject({ metAt: new Date(at(3, 9)), nextStepAt: undefined });
    expect(code(() => step(org, s, 'gm.wang', 'recall_decide', { outcome: 'no_recall', reason: '-' }, at(3, 10)))).toBe('no_pending_recall');
    // A later finding is a new report, with a new round of the deadline.
    const again = step(org, s, 'q.chen', 'recall', { batches: '2407', severity: 'major' }, at(5));
    expect(again.complaint.recall).toMatchObject({ batches: '2407' });
    expect(again.complaint.recall).not.toHaveProperty('decision');
    expect(dl(again, 'recall_decision')?.dueAt.toISOString()).toBe(at(6));
  });

  it('a late decision keeps the breach', () => {
    const s = step(org, reported(), 'gm.wang', 'recall_decide', { outcome: 'no_recall', reason: '不影响功能' }, at(4));
    expect(dl(s, 'recall_decision')?.breachedAt?.toISOString()).toBe(at(3, 14));
  });
});

describe('who hears of a recall', () => {
  const config = { ...testConfig(), gmChannel: { slack: 'C0GM' }, managementChannel: { slack: 'C0MGMT' } };
  const env = (now: string) => ({ now: new Date(now), config, directory: createDirectory(config) });
  const targets = (ns: { target: unknown }[]) => ns.map((n) => n.target);
  const person = (id: string) => ({ type: 'person', id });

  it('a report: the Sales and Quality heads but the reporter, the GM asked to decide, the GM channel', () => {
    const s = reported('s.zhou');
    const notes = decisionNotifications(s, [{ type: 'recall_reported', data: { batches: '2403', severity: 'safety', dueAt: at(3, 14) } }], 's.zhou', env(at(2, 14)));
    const recall = notes.filter((n) => n.kind === 'recall');
    expect(targets(recall)).toEqual([person('q.chen'), person('gm.wang'), { type: 'gm_channel' }]);
    expect(recall[1]!.view.text).toBe(`${s.complaint.number}：请在 2026-03-03 14:00 前决定是否召回（安全性功能）。其他受影响批次：2403。\n阀体尺寸超差`);
    expect(recall[0]!.complaintId).toBe(s.complaint.id); // the card comes with it
  });

  it('a decision: the reporter, the heads, the handler; the GM channel', () => {
    const s = reported('cs.li');
    const notes = decisionNotifications(s, [{ type: 'recall_decided', data: { outcome: 'no_recall', reason: '已全检', reportedBy: 'cs.li' } }], 'gm.wang', env(at(3)));
    expect(targets(notes.filter((n) => n.kind === 'recall'))).toEqual([person('cs.li'), person('s.zhou'), person('q.chen'), person('q.liu'), { type: 'gm_channel' }]);
    expect(notes.find((n) => n.kind === 'recall')!.view.text).toContain('总经理决定不召回 — 已全检');
  });

  it('the ladder: the GM reminded; the GM and the GM channel told it is overdue; then the management channel and the heads', () => {
    const s = reported('s.zhou');
    const d = dl(s, 'recall_decision')!;
    expect(targets(ladderNotifications(1, d, s, env(at(3, 10))))).toEqual([person('gm.wang')]);
    expect(targets(ladderNotifications(2, d, s, env(at(3, 14))))).toEqual([person('gm.wang'), { type: 'gm_channel' }]);
    expect(targets(ladderNotifications(3, d, s, env(at(4, 14))))).toEqual([person('gm.wang'), { type: 'gm_channel' }, { type: 'mgmt_channel' }, person('s.zhou'), person('q.chen')]);
    expect(ladderNotifications(2, d, s, env(at(3, 14)))[0]!.view.text).toContain('召回决定');
  });

  function reported(by: string): ComplaintState {
    return step(org, acked(), by, 'recall', { batches: '2403', severity: 'safety' }, at(2, 14));
  }
});

describe("the GM's tasks", () => {
  it('a pending recall is the GM’s task, with its due time and the decision button', () => {
    const s = step(org, acked(), 's.zhou', 'recall', RECALL, at(2, 14));
    const view = buildTasks([{ state: s, actions: availableActions(s, 'gm.wang', org.env(at(2, 15))), approvals: [] }], { ...ctx('en', new Date(at(2, 15))), title: 'T', currency: 'CNY' });
    expect(view.items[0]!.needs[0]!.line).toBe('Decide the recall: other shipped batches are affected — by 2026-03-03 14:00, due in 23 h');
    expect(view.items[0]!.button).toMatchObject({ action: 'recall_decide', label: 'Recall decision' });
  });
});

describe('the card', () => {
  it('shows the report while the GM decides, then the decision; the GM gets the decision button', () => {
    let s = step(org, acked(), 's.zhou', 'recall', RECALL, at(2, 14));
    const card = (state: ComplaintState) => buildComplaintCard(state, { ...ctx('en'), actions: ['recall_decide'], showContact: false });
    expect(card(s).fields.filter((f) => f.label.startsWith('Recall'))).toEqual([
      { label: 'Recall reported', value: 'Safety function: 2403、2404 · PO-88 · 1200 pcs · reported by Zhou Jie · waiting for the GM\'s decision', short: false },
    ]);
    expect(card(s).actions[0]).toMatchObject({ action: 'recall_decide', label: 'Recall decision', style: 'primary' });
    expect(card(s).deadlines.map((d) => d.label)).toContain('Recall decision');
    s = step(org, s, 'gm.wang', 'recall_decide', { outcome: 'no_recall', reason: 'other batches inspected, no defect' }, at(3));
    expect(card(s).fields.filter((f) => f.label.startsWith('Recall')).map((f) => f.value)).toEqual([
      'Safety function: 2403、2404 · PO-88 · 1200 pcs · reported by Zhou Jie',
      'No recall: other batches inspected, no defect',
    ]);
  });
});

function readFixture(): string {
  return readFileSync(FIXTURE_CONFIG, 'utf8');
}
