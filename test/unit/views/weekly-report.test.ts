/** The weekly report's text: counts, the overdue and due-this-week lists (capped, the rest counted), in English. */
import { describe, expect, it } from 'vitest';
import { buildWeeklyReport, MAX_ITEMS } from '../../../src/notifiers/views/weekly-report.ts';
import type { ComplaintState } from '../../../src/workflows/model.ts';
import { complaint, ctx, deadline } from './fixtures.ts';

// Monday 2026-03-02 10:00 local; the week ends at Monday 03-09 00:00 local.
const WEEK_END = new Date('2026-03-08T16:00:00Z');
const state = (i: number, dueAt: string, over: Partial<ComplaintState['complaint']> = {}): ComplaintState => ({
  complaint: complaint({ id: `c${i}`, number: `KS-2026-${String(i).padStart(4, '0')}`, title: `Case ${i}`, ...over }),
  deadlines: [deadline('response', dueAt), deadline('eightD', '2026-03-20T02:00:00Z'), deadline('revisit', '2026-03-03T02:00:00Z', { metAt: new Date('2026-03-01T00:00:00Z') })],
  approvals: [],
});

describe('weekly report view', () => {
  it('counts open, overdue and due-this-week complaints and lists them soonest first', () => {
    const open = [state(1, '2026-03-04T02:00:00Z'), state(2, '2026-03-01T02:00:00Z', { category: 'service_attitude', department: 'sales' }), state(3, '2026-03-12T02:00:00Z')];
    const view = buildWeeklyReport({ week: '2026-03-02', weekEnd: WEEK_END, open, departments: ['quality', 'sales'] }, ctx('en'));
    expect(view.text.split('\n')).toEqual([
      'Weekly complaint report, week of 2026-03-02 — Quality · Sales',
      'Open: 3 · overdue: 1 · due this week: 1',
      'Overdue:',
      '• KS-2026-0002 Case 2 (Sales) — First response: overdue by 1 d',
      'Due this week:',
      '• KS-2026-0001 Case 1 (Quality) — First response: due in 2 d',
    ]);
    expect(view.tone).toBe('warning');
    expect(view.chart?.title).toBe('Open complaints by category 2026-03-02');
    expect(view.chart?.bars).toEqual([
      { label: 'Product quality', count: 2, rate: 1 }, // the met revisits only: nothing else is due yet
      { label: 'Service attitude', count: 1, rate: 0.5 },
    ]);
  });

  it(`lists at most ${MAX_ITEMS} per section and counts the rest`, () => {
    const open = Array.from({ length: MAX_ITEMS + 3 }, (_, i) => state(i + 1, '2026-03-01T02:00:00Z'));
    const lines = buildWeeklyReport({ week: '2026-03-02', weekEnd: WEEK_END, open }, ctx('en')).text.split('\n');
    expect(lines[0]).toBe('Weekly complaint report, week of 2026-03-02 — whole company');
    expect(lines.filter((l) => l.startsWith('• '))).toHaveLength(MAX_ITEMS);
    expect(lines.at(-1)).toBe('  … and 3 more');
  });

  it('says so when nothing is open, and has no chart', () => {
    const view = buildWeeklyReport({ week: '2026-03-02', weekEnd: WEEK_END, open: [], departments: ['quality'] }, ctx('zh-CN'));
    expect(view.text).toBe('投诉周报（2026-03-02 当周）— 质量部\n未结 0 件 · 逾期 0 件 · 本周到期 0 件');
    expect(view.chart).toBeUndefined();
    expect(view.tone).toBe('normal');
  });
});
