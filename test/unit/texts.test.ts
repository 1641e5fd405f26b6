/** The texts people complained about (issue 14): spacing around Latin words in Chinese, doubled full stops, late-by phrases, help. */
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/parse-command.ts';
import { translator } from '../../src/notifiers/i18n/index.ts';
import { buildHelp } from '../../src/notifiers/views/help.ts';
import { deadlineText } from '../../src/notifiers/views/time.ts';

const tr = translator();
const TZ = 'Asia/Shanghai';
const due = new Date('2026-03-02T02:00:00Z');
const late = (ms: number) => ({ dueAt: due, metAt: new Date(due.getTime() + ms) });

describe('Chinese texts where a value meets the text', () => {
  it('puts a space between Chinese and a Latin word or a number that a value brings', () => {
    const text = tr.t('zh-CN', 'notify.overdue', { number: 'KS-2026-0001', deadline: tr.t('zh-CN', 'deadline.eightD'), timeLeft: '已逾期 2 小时' });
    expect(text).toBe('KS-2026-0001 的 8D 报告期限已逾期（已逾期 2 小时）。');
    expect(tr.t('zh-CN', 'timeline.event.approval_requested', { kind: '8D', approver: 'Wang' })).toBe('8D 已提交 Wang 审批。');
  });

  it('leaves Chinese values, templates and the values themselves alone', () => {
    expect(tr.t('zh-CN', 'notify.assigned', { number: 'KS-2026-0001', title: '阀体8D问题' })).toBe('您已被指定为 KS-2026-0001 的责任人：阀体8D问题');
    expect(tr.t('zh-CN', 'card.footer', { filer: '李娜', at: '2026-03-02 09:30' })).toBe('李娜 于 2026-03-02 09:30 登记');
  });

  it('one full stop when a person’s note already ends its sentence', () => {
    expect(tr.t('zh-CN', 'notify.requestApproved', { number: 'KS-2026-0001', kind: '延期申请', by: '王总', note: '：同意。' })).toBe(
      '您在 KS-2026-0001 提出的延期申请已由 王总 批准：同意。',
    );
    expect(tr.t('zh-CN', 'timeline.event.reopened', { n: 1, reason: '仍有漏油！', at: '2026-03-17 10:00' })).toBe('第 1 次重新打开：仍有漏油！新的首次回复期限 2026-03-17 10:00。');
    expect(tr.t('en', 'timeline.event.reopened', { n: 1, reason: 'Still leaking.', at: '2026-03-17 10:00' })).toBe(
      'Reopened (time 1): Still leaking. New response deadline 2026-03-17 10:00.',
    );
    expect(tr.t('zh-CN', 'notify.requestApproved', { number: 'KS-2026-0001', kind: '延期申请', by: '王总', note: '' })).toMatch(/批准。$/);
  });

  it('a confirmation does not say "处理完成已完成"', () => {
    const text = tr.t('zh-CN', 'commands.acted', { number: 'KS-2026-0001', action: tr.t('zh-CN', 'action.resolve'), status: tr.t('zh-CN', 'status.resolved') });
    expect(text).not.toContain('处理完成已完成');
    expect(text).toBe(`KS-2026-0001：已办理“处理完成”。当前状态：${tr.t('zh-CN', 'status.resolved')}。`);
  });
});

describe('late-by phrases', () => {
  it('under a minute late has its own phrase, in both languages', () => {
    expect(deadlineText(late(30_000), due, 'zh-CN', TZ)).toBe('刚过期限即完成');
    expect(deadlineText(late(30_000), due, 'en', TZ)).toBe('met just after the deadline');
    expect(deadlineText(late(30_000), due, 'zh-CN', TZ)).not.toContain('不到 1 分后');
  });

  it('later than that says by how much', () => {
    expect(deadlineText(late(2 * 3_600_000), due, 'zh-CN', TZ)).toBe('逾期 2 小时后完成');
    expect(deadlineText(late(2 * 3_600_000), due, 'en', TZ)).toBe('met 2 h late');
  });
});

describe('help', () => {
  it('says export gives an .xlsx file and a CSV file, and names the list filters', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const text = buildHelp({ locale }).text;
      const exportLine = text.split('\n').find((l) => l.includes('export'))!;
      expect(exportLine).toContain('.xlsx');
      expect(exportLine).toContain('CSV');
      expect(text.split('\n').find((l) => l.includes(' list'))).toContain('overdue');
    }
    expect(buildHelp({ locale: 'en' }).text).not.toContain('as a CSV file');
  });

  it('an unknown list filter is a problem, not a department, when a department was already given', () => {
    expect(parseCommand('list quality foo')).toEqual({ kind: 'help', problem: 'bad_filter', unknown: 'foo' });
  });
});
