/**
 * Root causes normalised so the ranking counts one cause once (seed 001 §6.10.1), the improvement
 * actions planned from the month's top causes, their ladder, and the `/complaint improvement` command.
 */
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/parse-command.ts';
import { DEFAULT_CAUSE_CATEGORIES, OrgConfig } from '../../src/config/schema.ts';
import { createCalendar } from '../../src/workflows/calendar.ts';
import { causeKeysOf, causeLabel, normaliseTag, parseCauseKey } from '../../src/workflows/causes.ts';
import { improvementStepDue, planImprovements, type Improvement } from '../../src/workflows/improvements.ts';
import type { ComplaintState } from '../../src/workflows/model.ts';
import { periodStats } from '../../src/workflows/stats.ts';
import { complaint } from './views/fixtures.ts';
import { testConfig } from '../support/org.ts';

const cats = DEFAULT_CAUSE_CATEGORIES;
const eightD = (rootCauseTags: string[], causeCategory?: string) => ({
  d1Team: 't', d2Problem: 'p', d3Containment: 'c', d4RootCause: 'r', rootCauseTags, d5Corrective: 'c', d6Verification: 'v', d7Prevention: 'p', d8Closure: '',
  ...(causeCategory ? { causeCategory } : {}),
});
const state = (id: string, department: string, tags: string[], category?: string): ComplaintState => ({
  complaint: complaint({ id, number: `KS-2026-${id.padStart(4, '0')}`, department, eightD: eightD(tags, category) }),
  deadlines: [],
  approvals: [],
});

describe('root-cause normalisation', () => {
  it('folds width, case and spaces', () => {
    expect(normaliseTag('  Worn   Tool ')).toBe('worn tool');
    expect(normaliseTag('ｗｏｒｎ\u3000ＴＯＯＬ')).toBe('worn tool');
    expect(normaliseTag('刀具（磨损）')).toBe('刀具(磨损)');
    expect(normaliseTag('刀具(磨损)')).toBe('刀具(磨损)');
  });

  it('one key per distinct cause of an 8D: the category with each tag, the category alone, or the tag alone', () => {
    expect(causeKeysOf(eightD(['Worn tool', 'worn  TOOL', 'Coolant'], 'machine'), cats)).toEqual(['machine:worn tool', 'machine:coolant']);
    expect(causeKeysOf(eightD([], 'material'), cats)).toEqual(['material:']);
    expect(causeKeysOf(eightD(['Inspection']), cats)).toEqual([':inspection']);
    // A tag naming a category (key or name, either language) is that category.
    expect(causeKeysOf(eightD(['设备', 'worn tool']), cats)).toEqual(['machine:worn tool']);
    expect(causeKeysOf(eightD(['MACHINE']), cats)).toEqual(['machine:']);
    // An unknown category (removed from the config) is ignored; nothing at all gives no cause.
    expect(causeKeysOf(eightD(['x'], 'gone'), cats)).toEqual([':x']);
    expect(causeKeysOf(undefined, cats)).toEqual([]);
    expect(parseCauseKey('machine:worn tool')).toEqual({ category: 'machine', tag: 'worn tool' });
    expect(parseCauseKey(':a:b')).toEqual({ tag: 'a:b' });
  });

  it('names a cause in the reader’s language', () => {
    expect(causeLabel('machine:worn tool', 'zh-CN', cats)).toBe('设备（worn tool）');
    expect(causeLabel('machine:worn tool', 'en', cats)).toBe('Machine (worn tool)');
    expect(causeLabel('material:', 'en', cats)).toBe('Material');
    expect(causeLabel(':刀具', 'zh-CN', cats)).toBe('刀具');
  });

  it('the monthly ranking counts the same cause once per complaint, however it is spelled', () => {
    const s = periodStats(
      [
        state('1', 'quality', ['Worn tool', 'WORN TOOL'], 'machine'),
        state('2', 'quality', ['ｗｏｒｎ ｔｏｏｌ'], 'machine'),
        state('3', 'sales', ['training', '人员']),
        state('4', 'quality', ['coolant'], 'machine'),
      ].map((st) => ({ state: st, events: [] })),
      new Date('2026-04-01T01:00:00Z'),
      { causeCategories: cats },
    );
    expect(s.topRootCauses).toEqual([
      { key: 'machine:worn tool', count: 2 },
      { key: 'machine:coolant', count: 1 },
      { key: 'man:training', count: 1 },
    ]);
  });

  it('ships VDA’s 6M plus design and supplier by default; a config may name its own', () => {
    const config = testConfig();
    expect(config.rootCauses.categories.map((c) => c.key)).toEqual(['man', 'machine', 'material', 'method', 'measurement', 'environment', 'design', 'supplier']);
    expect(config.improvements).toEqual({ enabled: true, top: 5, dueDays: 30, reminderDays: 3 });
    const own = OrgConfig.parse({ ...config, rootCauses: { categories: [{ key: 'process', name: { zh: '工艺', en: 'Process' } }] } });
    expect(own.rootCauses.categories).toHaveLength(1);
    expect(OrgConfig.safeParse({ ...config, rootCauses: { categories: [cats[0], cats[0]] } }).success).toBe(false);
  });
});

describe('improvement actions', () => {
  const calendar = createCalendar({ timeZone: 'Asia/Shanghai' });
  const now = new Date('2026-04-01T01:00:00Z'); // Wed 09:00 local
  const heads: Record<string, string> = { quality: 'q.chen', sales: 's.zhou' };
  const plan = (states: ComplaintState[], over: Partial<Parameters<typeof planImprovements>[1]> = {}) =>
    planImprovements(states, {
      period: '2026-03', now, top: 5, dueDays: 30, reminderDays: 3, categories: cats, calendar,
      workingHours: { start: '09:00', end: '18:00' }, ownerOf: (d) => heads[d], ...over,
    });

  it('one per top cause, owned by the head of the department with most of its complaints, due 30 days later on a working day', () => {
    const states = [
      state('1', 'sales', ['worn tool'], 'machine'),
      state('2', 'quality', ['worn tool'], 'machine'),
      state('3', 'quality', ['Worn Tool'], 'machine'),
      state('4', 'sales', ['training'], 'man'),
    ];
    const planned = plan(states);
    expect(planned.map((i) => [i.id, i.causeKey, i.count, i.department, i.ownerId, i.complaints])).toEqual([
      ['IA-2026-03-1', 'machine:worn tool', 3, 'quality', 'q.chen', ['KS-2026-0001', 'KS-2026-0002', 'KS-2026-0003']],
      ['IA-2026-03-2', 'man:training', 1, 'sales', 's.zhou', ['KS-2026-0004']],
    ]);
    // 04-01 + 30 days = Fri 05-01, Labour Day: due at the end of the next working day, Wed 05-06 18:00.
    expect(planned[0]!.dueAt).toEqual(new Date('2026-05-06T10:00:00Z'));
    // Reminder 3 days before: Sun 05-03 is off, and so on back to Thu 04-30 09:00.
    expect(planned[0]!.nextStepAt).toEqual(new Date('2026-04-30T01:00:00Z'));
    expect(plan(states, { top: 1 })).toHaveLength(1);
    // A department without a head gets none (nobody to own it).
    expect(plan(states, { ownerOf: (d) => (d === 'sales' ? 's.zhou' : undefined) }).map((i) => i.causeKey)).toEqual(['man:training']);
    expect(plan([])).toEqual([]);
  });

  it('the ladder: the reminder, then overdue at the due time; after a downtime only the latest step', () => {
    const imp: Pick<Improvement, 'status' | 'ladderStep' | 'nextStepAt' | 'dueAt'> = { status: 'open', ladderStep: 0, nextStepAt: new Date('2026-04-30T01:00:00Z'), dueAt: new Date('2026-05-06T10:00:00Z') };
    expect(improvementStepDue(imp, new Date('2026-04-30T00:59:00Z')).send).toBeUndefined();
    expect(improvementStepDue(imp, new Date('2026-04-30T01:00:00Z'))).toEqual({ send: 'reminder', ladderStep: 1, nextStepAt: imp.dueAt });
    expect(improvementStepDue({ ...imp, ladderStep: 1, nextStepAt: imp.dueAt }, imp.dueAt)).toEqual({ send: 'overdue', ladderStep: 2, nextStepAt: null });
    expect(improvementStepDue(imp, new Date('2026-05-07T00:00:00Z'))).toEqual({ send: 'overdue', ladderStep: 2, nextStepAt: null });
    expect(improvementStepDue({ ...imp, status: 'closed' }, new Date('2026-05-07T00:00:00Z')).send).toBeUndefined();
  });

  it('`/complaint improvement`: list, or close one with what was done', () => {
    expect(parseCommand('/complaint improvement')).toEqual({ kind: 'improvement', op: 'list' });
    expect(parseCommand('投诉 改进')).toEqual({ kind: 'improvement', op: 'list' });
    expect(parseCommand('/complaint improvement close ia-2026-03-1  tool life   cut to 500 pcs')).toEqual({ kind: 'improvement', op: 'close', id: 'IA-2026-03-1', note: 'tool life   cut to 500 pcs' });
    expect(parseCommand('客诉 改进 关闭 IA-2026-03-2 已培训')).toEqual({ kind: 'improvement', op: 'close', id: 'IA-2026-03-2', note: '已培训' });
    expect(parseCommand('/complaint improvement close IA-2026-03-2')).toEqual({ kind: 'improvement', op: 'close', id: 'IA-2026-03-2' });
    expect(parseCommand('/complaint improvement frobnicate')).toEqual({ kind: 'improvement', op: 'close' });
  });
});
