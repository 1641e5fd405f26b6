import { describe, expect, it } from 'vitest';
import { deadlineState, deadlineText, formatDateTime, formatSpan, timeLeftText } from '../../../src/notifiers/views/index.ts';
import { NOW, TZ } from './fixtures.ts';

const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;
const at = (ms: number) => new Date(NOW.getTime() + ms);

describe('time phrases', () => {
  it('says how long until a due time, in English and Chinese', () => {
    expect(timeLeftText(at(3 * H + 20 * MIN), NOW, 'en')).toBe('due in 3 h 20 min');
    expect(timeLeftText(at(3 * H + 20 * MIN), NOW, 'zh-CN')).toBe('还剩 3 小时 20 分');
    expect(timeLeftText(at(-(2 * D + 4 * H)), NOW, 'en')).toBe('overdue by 2 d 4 h');
    expect(timeLeftText(at(-(2 * D + 4 * H)), NOW, 'zh-CN')).toBe('已逾期 2 天 4 小时');
  });

  it('keeps the two largest units, rounded down to the minute', () => {
    expect(formatSpan(2 * D + 4 * H + 59 * MIN, 'en')).toBe('2 d 4 h');
    expect(formatSpan(3 * D, 'en')).toBe('3 d');
    expect(formatSpan(5 * H, 'zh-CN')).toBe('5 小时');
    expect(formatSpan(45 * MIN + 59_000, 'en')).toBe('45 min');
    expect(formatSpan(30_000, 'zh-CN')).toBe('不到 1 分');
  });

  it('says "due now" and "just overdue" within a minute of the due time', () => {
    expect(timeLeftText(at(20_000), NOW, 'en')).toBe('due now');
    expect(timeLeftText(at(-20_000), NOW, 'zh-CN')).toBe('刚刚逾期');
  });

  it('gives each deadline its state and phrase', () => {
    const dueAt = at(H);
    expect(deadlineState({ dueAt }, NOW)).toBe('pending');
    expect(deadlineState({ dueAt }, at(2 * H))).toBe('overdue');
    expect(deadlineState({ dueAt, metAt: at(30 * MIN) }, at(2 * H))).toBe('met');
    expect(deadlineState({ dueAt, metAt: at(3 * H) }, at(4 * H))).toBe('met_late');
    expect(deadlineState({ dueAt, cancelledAt: at(0) }, at(4 * H))).toBe('cancelled');
    expect(deadlineText({ dueAt, metAt: at(30 * MIN) }, at(2 * H), 'en', TZ)).toBe('met at 2026-03-02 10:30');
    expect(deadlineText({ dueAt, metAt: at(3 * H) }, at(4 * H), 'zh-CN', TZ)).toBe('逾期 2 小时后完成');
    expect(deadlineText({ dueAt, cancelledAt: at(0) }, NOW, 'zh-CN', TZ)).toBe('已取消');
  });

  it('formats local times in the organisation time zone', () => {
    expect(formatDateTime(NOW, TZ)).toBe('2026-03-02 10:00');
    expect(formatDateTime(NOW, 'Europe/Berlin')).toBe('2026-03-02 03:00');
  });
});
