import { describe, expect, it } from 'vitest';
import { buildList } from '../../../src/notifiers/views/index.ts';
import { complaint, ctx, deadline, openUrgent } from './fixtures.ts';

describe('complaint list', () => {
  const late = {
    complaint: complaint({ id: 'c-2', number: 'KS-2026-0002', title: '交货延误', department: 'logistics', status: 'acknowledged' as const }),
    deadlines: [deadline('eightD', '2026-02-27T22:00:00Z'), deadline('response', '2026-02-26T02:00:00Z', { metAt: new Date('2026-02-26T01:00:00Z') })],
    approvals: [],
  };

  it('lists complaints with their most pressing deadline', () => {
    const view = buildList([openUrgent(), late], { ...ctx('zh-CN'), title: '客诉列表' });
    expect(view.title).toBe('客诉列表');
    expect(view.items).toEqual([
      { complaintId: 'c-1', number: 'KS-2026-0001', title: '阀体尺寸超差', statusLabel: '待受理', department: '质量部', dueText: '首次回复：还剩 4 小时 40 分', overdue: false },
      { complaintId: 'c-2', number: 'KS-2026-0002', title: '交货延误', statusLabel: '已受理', department: '物流部', dueText: '8D 报告：已逾期 2 天 4 小时', overdue: true },
    ]);
    expect(view.totalText).toBe('共 2 件，其中逾期 1 件');
    expect(view.emptyText).toBeUndefined();
  });

  it('says so when there is nothing to list', () => {
    const view = buildList([], { ...ctx('en'), title: 'Complaints' });
    expect(view).toEqual({ title: 'Complaints', items: [], totalText: 'Total: 0', emptyText: 'No complaints here.' });
  });
});
