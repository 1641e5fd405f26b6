import { describe, expect, it } from 'vitest';
import { filed, step, testOrg } from '../support/org.ts';
import { ACTIONS, STATUSES, type Action, type ComplaintState, type Status } from '../../src/workflows/model.ts';
import { TRANSITIONS, availableActions } from '../../src/workflows/lifecycle.ts';
import { decide } from '../../src/workflows/decide.ts';
import { isKesuError } from '../../src/errors.ts';

const org = testOrg();
const AT = '2026-03-02T06:00:00Z';
const base = filed(org, '2026-03-02T02:00:00Z');
const SENT_8D = {
  d1Team: 'a', d2Problem: 'b', d3Containment: 'c', d4RootCause: 'd', rootCauseTags: [], d5Corrective: 'e', d6Verification: 'f', d7Prevention: 'g', d8Closure: '',
  version: 1, sent: { by: 'q.liu', at: '2026-03-02T05:00:00.000Z', via: 'email' as const },
};
const inStatus = (status: Status, extra: Partial<ComplaintState['complaint']> = {}): ComplaintState => ({
  ...base,
  complaint: { ...base.complaint, status, handlerId: 'q.liu', eightD: SENT_8D, ...extra },
});

function refusal(state: ComplaintState, by: string, action: Action, input: unknown = {}) {
  try {
    decide(state, { id: by, name: by }, action, input, org.env(AT));
  } catch (e) {
    if (isKesuError(e)) return e;
    throw e;
  }
  return undefined;
}

describe('illegal transitions each have a coded reason', () => {
  // The GM and customer service together may attempt anything; the state must refuse first.
  for (const status of STATUSES) {
    for (const action of ACTIONS.filter((a) => !TRANSITIONS[status].includes(a))) {
      it(`${action} on ${status}`, () => {
        const e = refusal(inStatus(status), 'gm.wang', action);
        expect(e?.code).toBe('illegal_transition');
        expect(e?.params).toMatchObject({ number: 'KS-2026-0001', status, action });
      });
    }
  }

  it('a second acknowledge names who acknowledged and when', () => {
    const acked = step(org, base, 'q.liu', 'acknowledge', { firstResponse: '已回复' }, AT);
    const e = refusal(acked, 'q.sun', 'acknowledge', { firstResponse: '我也回复' });
    expect(e?.code).toBe('already_acknowledged');
    expect(e?.params).toMatchObject({ number: 'KS-2026-0001', by: '刘洋', at: '2026-03-02T06:00:00.000Z' });
  });

  it('approve without a pending approval is refused', () => {
    expect(refusal(inStatus('replied'), 'gm.wang', 'approve', { kind: 'solution', decision: 'approve' })?.code).toBe('no_pending_approval');
  });

  it('resolve straight from acknowledged needs an 8D (only after a reopen)', () => {
    expect(refusal(inStatus('acknowledged', { eightD: undefined }), 'q.liu', 'resolve', { kinds: ['repair'], summary: 'x' })?.code).toBe('illegal_transition');
  });
});

describe('permissions', () => {
  const acked = inStatus('acknowledged', { eightD: undefined });
  const cases: Array<[string, Status, Action, string[], string[]]> = [
    // [label, status, action, allowed, refused]
    ['acknowledge: department members', 'open', 'acknowledge', ['q.liu', 'q.chen', 'q.sun'], ['s.wu', 'cs.li', 'gm.wang']],
    ['reassign: customer service or head', 'open', 'reassign', ['cs.li', 'q.chen'], ['q.liu', 's.zhou', 'gm.wang']],
    ['reject: CS manager or head', 'open', 'reject', ['cs.zhao', 'q.chen'], ['cs.li', 'q.liu']],
    ['extend: handler or head', 'acknowledged', 'extend', ['q.liu', 'q.chen'], ['q.sun', 'cs.li']],
    ['submit 8D: handler or head', 'acknowledged', 'submit_8d', ['q.liu', 'q.chen'], ['q.sun', 'cs.li', 'gm.wang']],
    ['resolve: handler or head', 'replied', 'resolve', ['q.liu', 'q.chen'], ['q.sun', 'cs.li']],
    ['revisit: customer service', 'resolved', 'revisit', ['cs.li', 'cs.zhao'], ['q.chen', 'gm.wang']],
    ['GM decision: GM only', 'escalated', 'gm_decide', ['gm.wang'], ['cs.zhao', 'q.chen']],
    ['reopen: customer service', 'closed', 'reopen', ['cs.li'], ['q.chen', 'gm.wang']],
    ['regrade: customer service, head or GM', 'open', 'regrade', ['cs.li', 'q.chen', 'gm.wang'], ['q.liu', 's.wu']],
    ['comment: anyone involved', 'open', 'comment', ['cs.li', 'q.sun', 'gm.wang'], ['s.wu', 'slack:U0STRANGER']],
    // Seed 001 §6.9: the case's department, customer service, and the heads of Sales and Quality report; the GM decides.
    ['recall: department, customer service, Sales/Quality heads', 'acknowledged', 'recall', ['q.liu', 'q.sun', 'q.chen', 'cs.li', 's.zhou'], ['s.wu', 'l.he', 'gm.wang', 'vp.xu']],
  ];
  for (const [label, status, action, allowed, refused] of cases) {
    it(label, () => {
      const state = status === 'acknowledged' ? acked : inStatus(status);
      for (const who of allowed) expect(refusal(state, who, action)?.code, who).not.toBe('forbidden');
      for (const who of refused) expect(refusal(state, who, action)?.code, who).toBe('forbidden');
    });
  }

  it('the filer (staff, not in config) may comment on their own complaint', () => {
    const own = filed(org, '2026-03-02T02:00:00Z', {}, 'slack:U0STAFF');
    expect(refusal(own, 'slack:U0STAFF', 'comment', { text: '客户又来电了' })).toBeUndefined();
  });

  it('buttons follow the rules: what each viewer may do now', () => {
    const env = org.env(AT);
    expect(availableActions(base, 'q.liu', env)).toEqual(['acknowledge', 'customer_unreachable', 'contact', 'recall', 'comment']);
    expect(availableActions(base, 'q.chen', env)).toEqual(['acknowledge', 'customer_unreachable', 'reassign', 'extend', 'reject', 'regrade', 'claim', 'contact', 'recall', 'comment']);
    expect(availableActions(base, 'cs.zhao', env)).toEqual(['reassign', 'reject', 'regrade', 'claim', 'contact', 'recall', 'comment']);
    expect(availableActions(base, 's.wu', env)).toEqual([]);
    // The sales manager may put a claim on any complaint (seed 001 §6.6.5), but not decide his own; as Sales head he reports recalls (§6.9).
    expect(availableActions(base, 's.zhou', env)).toEqual(['claim', 'recall']);
  });
});
