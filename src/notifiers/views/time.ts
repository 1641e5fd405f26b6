/** Time phrases for views: spans ("3 h 20 min", "2 天 4 小时"), time left, deadline states, local times. */
import type { Locale } from '../../config/schema.ts';
import type { Deadline } from '../../workflows/model.ts';
import { translator } from '../i18n/index.ts';
import { formatDateTime } from '../i18n/format.ts';
import type { DeadlineState } from './types.ts';

export { formatDate, formatDateTime, toDate } from '../i18n/format.ts';

const MINUTE = 60_000;

/**
 * A span as its two largest units, rounded down to the minute: "2 d 4 h", "3 h 20 min", "45 min"
 * ("2 天 4 小时", "3 小时 20 分"). Days are calendar days of 24 hours.
 */
export function formatSpan(ms: number, locale: Locale): string {
  const tr = translator();
  const total = Math.floor(Math.abs(ms) / MINUTE);
  if (total === 0) return tr.t(locale, 'time.lessThanMinute');
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  const parts: string[] = [];
  if (days > 0) {
    parts.push(tr.t(locale, 'time.days', { n: days }));
    if (hours > 0) parts.push(tr.t(locale, 'time.hours', { n: hours }));
  } else if (hours > 0) {
    parts.push(tr.t(locale, 'time.hours', { n: hours }));
    if (minutes > 0) parts.push(tr.t(locale, 'time.minutes', { n: minutes }));
  } else {
    parts.push(tr.t(locale, 'time.minutes', { n: minutes }));
  }
  return parts.join(tr.t(locale, 'time.join'));
}

/** "due in 3 h 20 min" / "overdue by 2 d 4 h" (还剩 … / 已逾期 …), relative to `now`. */
export function timeLeftText(dueAt: Date, now: Date, locale: Locale): string {
  const tr = translator();
  const ms = dueAt.getTime() - now.getTime();
  if (Math.abs(ms) < MINUTE) return tr.t(locale, ms >= 0 ? 'time.dueNow' : 'time.justOverdue');
  const span = formatSpan(ms, locale);
  return tr.t(locale, ms > 0 ? 'time.dueIn' : 'time.overdueBy', { span });
}

/** Where a deadline stands at `now`. */
export function deadlineState(d: Pick<Deadline, 'dueAt' | 'metAt' | 'cancelledAt'>, now: Date): DeadlineState {
  if (d.cancelledAt) return 'cancelled';
  if (d.metAt) return d.metAt.getTime() > d.dueAt.getTime() ? 'met_late' : 'met';
  return now.getTime() > d.dueAt.getTime() ? 'overdue' : 'pending';
}

/** The phrase for a deadline in its state: time left, overdue by, met at, met late by, cancelled. */
export function deadlineText(d: Pick<Deadline, 'dueAt' | 'metAt' | 'cancelledAt'>, now: Date, locale: Locale, timeZone: string): string {
  const tr = translator();
  const state = deadlineState(d, now);
  switch (state) {
    case 'cancelled':
      return tr.t(locale, 'time.cancelled');
    case 'met':
      return tr.t(locale, 'time.metAt', { at: formatDateTime(d.metAt!, timeZone) });
    case 'met_late': {
      // Under a minute late has its own phrase: "逾期 不到 1 分钟完成" reads badly.
      const late = d.metAt!.getTime() - d.dueAt.getTime();
      return late < MINUTE ? tr.t(locale, 'time.metJustLate') : tr.t(locale, 'time.metLate', { span: formatSpan(late, locale) });
    }
    default:
      return timeLeftText(d.dueAt, now, locale);
  }
}
