/**
 * Statistics for a fixture month (March 2026, Asia/Shanghai) with answers computed by hand: a closed
 * complaint, one with an extended 8D, a rejected one, one reopened twice, and one whose 8D straddles
 * Qingming (due date taken from the real working calendar). "Now" is Wed 2026-04-01 09:00 local.
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/workflows/calendar.ts';
import type { ComplaintState, Deadline } from '../../src/workflows/model.ts';
import { durations, monthStats, top, type StatsRecord } from '../../src/workflows/stats.ts';
import { buildStatsView } from '../../src/notifiers/views/stats.ts';
import { complaint, directory } from './views/fixtures.ts';

const calendar = createCalendar({ timeZone: 'Asia/Shanghai' });
const NOW = new Date('2026-04-01T01:00:00Z');
const d = (iso: string) => new Date(iso);
const dl = (kind: Deadline['kind'], dueAt: string, over: Partial<Deadline> = {}): Deadline => ({
  kind,
  startsAt: d('2026-03-01T00:00:00Z'),
  dueAt: d(dueAt),
  ladderStep: 0,
  extensions: 0,
  ...over,
});
const rec = (state: Omit<ComplaintState, 'approvals'>, events: Array<[string, string]> = []): StatsRecord => ({
  state: { ...state, approvals: [] },
  events: events.map(([type, at]) => ({ type, at: d(at) })),
});

const eightD = (tags: string[]) => ({ d1Team: 't', d2Problem: 'p', d3Containment: 'c', d4RootCause: 'r', rootCauseTags: tags, d5Corrective: 'c', d6Verification: 'v', d7Prevention: 'p', d8Closure: '' });

// C5 is received Mon 03-30 10:00 local; 7 working days skip Qingming (Sat 04-04 to Mon 04-06).
const c5Received = d('2026-03-30T02:00:00Z');
const c5EightDDue = calendar.addWorkdays(c5Received, 7);

const MARCH: StatsRecord[] = [
  // C1: acknowledged after 4 h, 8D after 97 h, revisited on time, satisfied (8).
  rec(
    {
      complaint: complaint({ id: 'c1', status: 'closed', grade: 'A', category: 'product_quality', department: 'quality', receivedAt: d('2026-03-02T01:00:00Z'), satisfaction: 8, eightD: eightD(['刀具', '点检']) }),
      deadlines: [
        dl('response', '2026-03-03T01:00:00Z', { metAt: d('2026-03-02T05:00:00Z') }),
        dl('eightD', '2026-03-11T01:00:00Z', { metAt: d('2026-03-06T02:00:00Z') }),
        dl('revisit', '2026-03-13T02:00:00Z', { metAt: d('2026-03-13T01:00:00Z') }),
      ],
    },
    [['filed', '2026-03-02T01:00:00Z'], ['acknowledged', '2026-03-02T05:00:00Z'], ['eightd_submitted', '2026-03-06T02:00:00Z']],
  ),
  // C2: acknowledged after 26 h (late); 8D extended from 03-12 to 03-20 and met 03-16 (on time, 312 h).
  rec(
    {
      complaint: complaint({ id: 'c2', status: 'replied', grade: 'B', category: 'product_quality', department: 'quality', receivedAt: d('2026-03-03T02:00:00Z'), eightD: eightD(['刀具']) }),
      deadlines: [
        dl('response', '2026-03-04T02:00:00Z', { metAt: d('2026-03-04T04:00:00Z') }),
        dl('eightD', '2026-03-20T10:00:00Z', { metAt: d('2026-03-16T02:00:00Z'), extensions: 1 }),
      ],
    },
    [['acknowledged', '2026-03-04T04:00:00Z'], ['extension_granted', '2026-03-10T02:00:00Z'], ['eightd_submitted', '2026-03-16T02:00:00Z']],
  ),
  // C3: rejected the day it came: its deadlines are cancelled and count nowhere.
  rec({
    complaint: complaint({ id: 'c3', status: 'rejected', grade: 'A', category: 'service_attitude', department: 'sales', receivedAt: d('2026-03-05T06:00:00Z') }),
    deadlines: [dl('response', '2026-03-06T06:00:00Z', { cancelledAt: d('2026-03-05T07:00:00Z') }), dl('eightD', '2026-03-16T06:00:00Z', { cancelledAt: d('2026-03-05T07:00:00Z') })],
  }),
  // C4: reopened twice; first acknowledged after 1 h (again later: not the first), 8D after 24 h; its
  // current response deadline (after the second reopen) is past and unmet; satisfaction 4.
  rec(
    {
      complaint: complaint({ id: 'c4', status: 'reopened', grade: 'A', category: 'product_quality', department: 'quality', receivedAt: d('2026-03-09T01:00:00Z'), reopenCount: 2, satisfaction: 4, eightD: eightD(['来料']) }),
      deadlines: [
        dl('response', '2026-03-14T01:00:00Z'),
        dl('eightD', '2026-03-18T01:00:00Z', { metAt: d('2026-03-10T01:00:00Z') }),
        dl('revisit', '2026-03-12T02:00:00Z', { metAt: d('2026-03-12T01:00:00Z') }),
      ],
    },
    [['acknowledged', '2026-03-11T02:00:00Z'], ['acknowledged', '2026-03-09T02:00:00Z'], ['eightd_submitted', '2026-03-10T01:00:00Z']],
  ),
  // C5: not yet acknowledged (response due 03-31, late now); its 8D is not due until after Qingming.
  rec({
    complaint: complaint({ id: 'c5', status: 'open', grade: 'A', category: 'delivery', department: 'logistics', receivedAt: c5Received }),
    deadlines: [dl('response', '2026-03-31T02:00:00Z'), dl('eightD', c5EightDDue.toISOString())],
  }),
];

const FEBRUARY: StatsRecord[] = [rec({ complaint: complaint({ id: 'f1', receivedAt: d('2026-02-10T02:00:00Z') }), deadlines: [] })];

describe('monthly statistics', () => {
  const s = monthStats(MARCH, FEBRUARY, NOW);

  it('the holiday-straddling 8D is due after Qingming', () => {
    expect(calendar.localDate(c5EightDDue)).toBe('2026-04-09');
  });

  it('counts by category, department, grade and status', () => {
    expect(s.total).toBe(5);
    expect(s.byCategory).toEqual({ product_quality: 3, service_attitude: 1, delivery: 1 });
    expect(s.byDepartment).toEqual({ quality: 3, sales: 1, logistics: 1 });
    expect(s.byGrade).toEqual({ A: 4, B: 1 });
    expect(s.byStatus).toEqual({ closed: 1, replied: 1, rejected: 1, reopened: 1, open: 1 });
  });

  it('on-time rate of each deadline: extension counts on time, cancelled and not-yet-due left out', () => {
    expect(s.onTime.response).toEqual({ onTime: 1, late: 3, rate: 0.25 });
    expect(s.onTime.eightD).toEqual({ onTime: 3, late: 0, rate: 1 });
    expect(s.onTime.revisit).toEqual({ onTime: 2, late: 0, rate: 1 });
    expect(s.onTime.containment).toEqual({ onTime: 0, late: 0, rate: null });
  });

  it('on-time rate per category, every deadline kind together', () => {
    // Product quality: C1 3 on time; C2 response late, 8D on time; C4 response late, 8D and revisit on time.
    expect(s.byCategoryOnTime).toEqual({
      product_quality: { onTime: 6, late: 2, rate: 0.75 },
      service_attitude: { onTime: 0, late: 0, rate: null },
      delivery: { onTime: 0, late: 1, rate: 0 },
    });
  });

  it('median and p90 time to first response and to the 8D', () => {
    expect(s.firstResponse).toEqual({ n: 3, medianHours: 4, p90Hours: 26 }); // 1, 4, 26
    expect(s.eightD).toEqual({ n: 3, medianHours: 97, p90Hours: 312 }); // 24, 97, 312
  });

  it('reopen rate, mean satisfaction, top categories and root causes, month over month', () => {
    expect(s.reopened).toBe(1);
    expect(s.reopenRate).toBe(0.2);
    expect(s.rated).toBe(2);
    expect(s.meanSatisfaction).toBe(6);
    expect(s.topCategories).toEqual([
      { key: 'product_quality', count: 3 },
      { key: 'delivery', count: 1 },
      { key: 'service_attitude', count: 1 },
    ]);
    expect(s.topRootCauses).toEqual([
      { key: ':刀具', count: 2 },
      { key: ':来料', count: 1 },
      { key: ':点检', count: 1 },
    ]);
    expect(s.previousTotal).toBe(1);
    expect(s.change).toBe(4);
  });

  it('medians of even counts, empty periods, and the top five only', () => {
    expect(durations([10, 2, 4, 8])).toEqual({ n: 4, medianHours: 6, p90Hours: 10 });
    expect(durations([])).toEqual({ n: 0, medianHours: null, p90Hours: null });
    expect(top({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 }).map((r) => r.key)).toEqual(['f', 'e', 'd', 'c', 'b']);
    const empty = monthStats([], [], NOW);
    expect([empty.total, empty.reopenRate, empty.meanSatisfaction, empty.change]).toEqual([0, null, null, null]);
  });

  it('reads as a summary in each language', () => {
    const en = buildStatsView(s, { locale: 'en', directory, month: '2026-03' }).text.split('\n');
    expect(en).toEqual([
      'Complaint statistics 2026-03 — whole company',
      'Received: 5 (previous month 1, +400%)',
      'By status: Closed 1 · 8D replied 1 · Rejected 1 · Reopened 1 · Open 1',
      'By category: Product quality 3 · Service attitude 1 · Delivery 1',
      'By department: Quality 3 · Sales 1 · Logistics 1',
      'By grade: A · minor 4 · B · serious 1',
      'On time: First response 25% (1/4) · 8D report 100% (3/3) · Revisit 100% (2/2)',
      'Time to first response: median 4 h, p90 26 h (n=3)',
      'Time to 8D report: median 97 h, p90 312 h (n=3)',
      'Reopened: 20% (1/5)',
      'Repeats: 0% (0/5)',
      'Mean satisfaction: 6.0/10 (2 rated)',
      'Top categories: Product quality 3 · Delivery 1 · Service attitude 1',
      'Top root causes: 刀具 2 · 来料 1 · 点检 1',
    ]);
    const zh = buildStatsView(s, { locale: 'zh-CN', directory, month: '2026-03', departments: ['质量部'] }).text;
    expect(zh).toContain('2026-03 客诉统计（质量部）');
    expect(zh).toContain('准时率：首次回复 25%（1/4）');
  });
});
