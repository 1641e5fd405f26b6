/**
 * Accountability rules (seed 002 §4) as the shipped example encodes them: each case of the seed, the
 * refusals of a resolution that names people wrongly, and who may read a statement.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { createDirectory } from '../../src/config/directory.ts';
import { chargesFor, parseAccountable, totalsByPerson, visibleLines, type Accountable, type Charge } from '../../src/workflows/accountability.ts';
import type { Grade } from '../../src/workflows/model.ts';
import { accountabilityConfig, shippedAccountability } from '../support/accountability.ts';
import { ACK, at, FILED_AT, outcome as code, REPORT } from '../support/controls.ts';
import { filed, step, testConfig, testOrg } from '../support/org.ts';
import { readFileSync } from 'node:fs';
import { FIXTURE_CONFIG } from '../support/org.ts';
import { buildHelp } from '../../src/notifiers/views/help.ts';
import { translator } from '../../src/notifiers/i18n/index.ts';

const rules = shippedAccountability();
const people = new Set(['rep', 'sup', 'mgr', 'trainer', 'bsup', 'disp', 'rep2']);
const short = (person: string, role: string, weight?: number): Accountable => ({ person, role, fellShort: true, ...(weight !== undefined ? { weight } : {}) });
const joint = (person: string, role: string): Accountable => ({ person, role, fellShort: false });
const SALES = [joint('sup', 'sales_supervisor'), joint('mgr', 'sales_manager')];

/** person → [fixed yuan, refund %, refund yuan, service %, commission cancelled] */
function owed(grade: Grade, named: Accountable[], refundYuan = 0): Record<string, [number, number, number, number, boolean]> {
  const out: Record<string, [number, number, number, number, boolean]> = {};
  for (const c of chargesFor(rules, grade, named, refundYuan * 100, people) as Charge[]) {
    const prev = out[c.person] ?? [0, 0, 0, 0, false];
    out[c.person] = [prev[0] + c.fixedMinor / 100, prev[1] + c.refundPct, prev[2] + c.refundMinor / 100, prev[3] + c.servicePct, prev[4] || c.cancelCommission];
  }
  return out;
}
const codeOf = (fn: () => unknown) => code(fn);

describe('seed 002 §4 (一) grade A', () => {
  it('① the representative fell short: representative, supervisor and manager 50 yuan each, all three commissions cancelled (joint liability)', () => {
    expect(owed('A', [short('rep', 'sales_rep'), ...SALES])).toEqual({ rep: [50, 0, 0, 0, true], sup: [50, 0, 0, 0, true], mgr: [50, 0, 0, 0, true] });
  });
  it('② the supervisor fell short: supervisor 50, manager 100; the representative loses the commission', () => {
    expect(owed('A', [short('sup', 'sales_supervisor'), joint('rep', 'sales_rep'), joint('mgr', 'sales_manager')])).toEqual({
      sup: [50, 0, 0, 0, true],
      rep: [0, 0, 0, 0, true],
      mgr: [100, 0, 0, 0, true],
    });
  });
  it('③ the manager fell short: manager 100', () => {
    expect(owed('A', [short('mgr', 'sales_manager'), joint('rep', 'sales_rep'), joint('sup', 'sales_supervisor')]).mgr).toEqual([100, 0, 0, 0, true]);
  });
  it('(2) brand trainer: commission cancelled; (3) brand dispatcher: 100 yuan', () => {
    expect(owed('A', [short('trainer', 'brand_trainer')])).toEqual({ trainer: [0, 0, 0, 0, true] });
    expect(owed('A', [short('disp', 'brand_dispatcher')])).toEqual({ disp: [100, 0, 0, 0, false] });
  });
});

describe('seed 002 §4 (二) grade B', () => {
  it('(1) sales: the three commissions cancelled, no amount', () => {
    expect(owed('B', [short('rep', 'sales_rep'), ...SALES])).toEqual({ rep: [0, 0, 0, 0, true], sup: [0, 0, 0, 0, true], mgr: [0, 0, 0, 0, true] });
  });
  it('(2) brand trainer: trainer’s and brand supervisor’s commissions, and 6 % of the brand supervisor’s service amount', () => {
    expect(owed('B', [short('trainer', 'brand_trainer'), joint('bsup', 'brand_supervisor')])).toEqual({ trainer: [0, 0, 0, 0, true], bsup: [0, 0, 0, 6, true] });
  });
  it('(3) brand dispatcher: 200 yuan', () => {
    expect(owed('B', [short('disp', 'brand_dispatcher')])).toEqual({ disp: [200, 0, 0, 0, false] });
  });
});

describe('seed 002 §4 (三) grade C', () => {
  it('(1) sales: commissions cancelled and 15 % of a 10,000 yuan refund, 5 % each', () => {
    expect(owed('C', [short('rep', 'sales_rep'), ...SALES], 10_000)).toEqual({ rep: [0, 5, 500, 0, true], sup: [0, 5, 500, 0, true], mgr: [0, 5, 500, 0, true] });
  });
  it('(2) brand trainer: trainer 10 %, brand supervisor 5 %, sales manager 10 % (as the seed writes it)', () => {
    expect(owed('C', [short('trainer', 'brand_trainer'), joint('bsup', 'brand_supervisor'), joint('mgr', 'sales_manager')], 10_000)).toEqual({
      trainer: [0, 10, 1000, 0, true],
      bsup: [0, 5, 500, 0, true],
      mgr: [0, 10, 1000, 0, false],
    });
  });
  it('(3) brand dispatcher: 500 yuan', () => {
    expect(owed('C', [short('disp', 'brand_dispatcher')], 10_000)).toEqual({ disp: [500, 0, 0, 0, false] });
  });
  it('(4) several factors: the percentages split by the weights the customer gave (sales 60, trainer 40)', () => {
    const r = owed('C', [short('rep', 'sales_rep', 60), short('trainer', 'brand_trainer', 40), ...SALES, joint('bsup', 'brand_supervisor')], 10_000);
    expect(r.rep).toEqual([0, 3, 300, 0, true]);
    expect(r.sup).toEqual([0, 3, 300, 0, true]);
    expect(r.trainer).toEqual([0, 4, 400, 0, true]);
    expect(r.bsup).toEqual([0, 2, 200, 0, true]);
    // The sales manager answers under both factors: 3 % + 4 %.
    expect(r.mgr).toEqual([0, 7, 700, 0, true]);
  });
});

describe('a resolution that names people wrongly is refused with the reason', () => {
  it('refusals', () => {
    expect(codeOf(() => chargesFor(rules, 'A', [short('rep', 'sales_rep')], 0, people))).toBe('accountable_missing');
    expect(codeOf(() => chargesFor(rules, 'A', [short('bsup', 'brand_supervisor')], 0, people))).toBe('accountable_no_rule');
    expect(codeOf(() => chargesFor(rules, 'A', [short('disp', 'brand_dispatcher'), joint('rep', 'sales_rep')], 0, people))).toBe('accountable_not_liable');
    expect(codeOf(() => chargesFor(rules, 'C', [short('rep', 'sales_rep', 60), short('disp', 'brand_dispatcher', 30), ...SALES], 0, people))).toBe('accountable_weights');
    expect(codeOf(() => chargesFor(rules, 'C', [short('rep', 'sales_rep', 60), short('disp', 'brand_dispatcher'), ...SALES], 0, people))).toBe('accountable_weights');
    expect(codeOf(() => chargesFor(rules, 'A', [short('nobody', 'brand_dispatcher')], 0, people))).toBe('unknown_person');
    expect(codeOf(() => chargesFor(rules, 'A', [short('disp', 'janitor')], 0, people))).toBe('accountable_unknown_role');
    // The organisation without rules: nobody can be named.
    expect(codeOf(() => chargesFor({ roles: rules.roles, rules: [] }, 'A', [short('disp', 'brand_dispatcher')], 0, people))).toBe('accountable_no_rule');
  });

  it('the form’s text: person:role[:weight], separated by commas (also Chinese ones) or lines; a weight only for who fell short', () => {
    expect(parseAccountable('s.wu:sales_rep:60， q.sun : brand_trainer:40', true)).toEqual([short('s.wu', 'sales_rep', 60), short('q.sun', 'brand_trainer', 40)]);
    expect(parseAccountable('s.zhou:sales_manager\nq.sun:sales_supervisor', false)).toEqual([joint('s.zhou', 'sales_manager'), joint('q.sun', 'sales_supervisor')]);
    expect(parseAccountable('s.zhou:sales_manager:50', false)).toBeUndefined();
    expect(parseAccountable('s.zhou', true)).toBeUndefined();
    expect(parseAccountable('s.zhou:sales_rep:120', true)).toBeUndefined();
  });

  it('through resolve: a grade A complaint naming the representative without the chain is refused; with it, the charges are in the resolution event', () => {
    const org = testOrg(accountabilityConfig());
    let s = filed(org, FILED_AT, { category: 'service_attitude' });
    s = step(org, s, 's.zhou', 'acknowledge', ACK, at(2, 11));
    s = step(org, s, 's.zhou', 'submit_8d', { ...REPORT, sentVia: 'email' }, at(3));
    const input = { kinds: ['apology'], summary: '致歉', fellShort: 's.wu:sales_rep' };
    expect(code(() => step(org, s, 's.zhou', 'resolve', input, at(4)))).toBe('accountable_missing');
    // The refusal names the roles in the resolver's language.
    let refusal: unknown;
    try {
      step(org, s, 's.zhou', 'resolve', input, at(4));
    } catch (e) {
      refusal = e;
    }
    expect(translator().t('zh-CN', 'errors.accountable_missing', (refusal as { params: Record<string, string> }).params)).toBe(
      '营销代表未达作业标准的规则同时追究营销主任的责任（连坐）：请在“连带责任人”中填写（人员:岗位）。',
    );
    expect(code(() => step(org, s, 's.zhou', 'resolve', { ...input, fellShort: 's.wu' }, at(4)))).toBe('validation_failed:[{"field":"fellShort","key":"invalid_accountable"}]');
    const done = step(org, s, 's.zhou', 'resolve', { ...input, jointlyLiable: 'q.sun:sales_supervisor, s.zhou:sales_manager' }, at(4));
    expect(done.complaint.status).toBe('resolved');
    // Without accountability (the fixture: no roles, no rules), naming anyone is refused; not naming is as before.
    const plain = testOrg();
    expect(code(() => step(plain, s, 's.zhou', 'resolve', input, at(4)))).toBe('accountable_unknown_role');
    expect(step(plain, s, 's.zhou', 'resolve', { kinds: ['apology'], summary: '致歉' }, at(4)).complaint.status).toBe('resolved');
  });
});

describe('who may read a statement: the GM and finance all of it, a head their people, nobody else', () => {
  const dir = createDirectory(accountabilityConfig());
  const lines = [{ person: 's.wu' }, { person: 'q.sun' }, { person: 's.zhou' }];
  it('visibleLines', () => {
    expect(visibleLines('gm.wang', lines, dir, 'finance_vp')).toEqual(lines);
    expect(visibleLines('fin.ma', lines, dir, 'finance_vp')).toEqual(lines);
    expect(visibleLines('s.zhou', lines, dir, 'finance_vp')).toEqual([{ person: 's.wu' }, { person: 's.zhou' }]);
    expect(visibleLines('q.chen', lines, dir, 'finance_vp')).toEqual([{ person: 'q.sun' }]);
    expect(visibleLines('l.he', lines, dir, 'finance_vp')).toBeUndefined();
    expect(visibleLines('s.wu', lines, dir, 'finance_vp')).toBeUndefined();
    expect(visibleLines('cs.li', lines, dir, 'finance_vp')).toBeUndefined();
  });
  it('totals by person', () => {
    const c = (person: string, fixedMinor: number, refundMinor: number, number: string) =>
      ({ person, role: 'sales_rep', cause: { person, role: 'sales_rep' }, fixedMinor, refundMinor, refundPct: 0, servicePct: 0, cancelCommission: true, number }) as Charge & { number: string };
    expect(totalsByPerson([c('a', 5000, 0, 'K1'), c('a', 0, 30000, 'K2'), c('b', 10000, 0, 'K2')]).map((t) => [t.person, t.totalMinor, t.commissionsCancelled, t.complaints])).toEqual([
      ['a', 35000, 2, ['K1', 'K2']],
      ['b', 10000, 1, ['K2']],
    ]);
  });
});

describe('help', () => {
  it('names the statement and how the GM signs it, in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const line = buildHelp({ locale }).text.split('\n').find((l) => l.includes('statement'));
      expect(line).toContain('/complaint statement [2026-03]');
      expect(line).toContain('/complaint statement sign 2026-03');
    }
  });
});

describe('the config', () => {
  it('the shipped example holds seed 002 §4: six roles, fifteen rules (five per grade), finance named; an older config stays valid with the feature off', () => {
    expect(rules.roles.map((r) => r.key)).toEqual(['sales_rep', 'sales_supervisor', 'sales_manager', 'brand_trainer', 'brand_supervisor', 'brand_dispatcher']);
    expect(rules.rules).toHaveLength(15);
    expect(rules.financeRole).toBe('finance_vp');
    expect(testConfig().accountability).toEqual({ roles: [], rules: [] });
  });
  it('unknown roles, a rule given twice and a missing finance role are reported with their place', () => {
    const yaml = readFileSync(FIXTURE_CONFIG, 'utf8') +
      '\naccountability:\n  roles: [{ key: rep, name: { zh: 代表, en: Rep } }]\n  rules:\n    - { grade: A, fellShort: rep, liable: [{ role: boss, amount: 50 }] }\n    - { grade: A, fellShort: rep, liable: [{ role: rep, amount: 50 }] }\n';
    let message = '';
    try {
      parseConfig(yaml, 'k.yaml');
    } catch (e) {
      message = String((e as { params?: { detail?: string } }).params?.detail ?? e);
    }
    expect(message).toContain('accountability.rules[0].liable[0].role');
    expect(message).toContain('accountability.rules[1]');
    expect(message).toContain('accountability.financeRole');
  });
});
