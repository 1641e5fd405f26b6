/**
 * The weekly report (Monday 09:00): the complaints still open in the reader's scope, how many are
 * overdue and which deadlines fall due before the week ends, with the category chart of the open ones.
 */
import type { ComplaintState, Deadline } from '../../workflows/model.ts';
import { periodStats } from '../../workflows/stats.ts';
import { translator } from '../i18n/index.ts';
import { buildCategoryChart } from './chart.ts';
import { timeLeftText } from './time.ts';
import type { MessageView, ViewContext } from './types.ts';

export interface WeeklyReportInput {
  /** The week's Monday, YYYY-MM-DD. */
  week: string;
  /** Midnight after the week's Sunday, org time. */
  weekEnd: Date;
  /** The open complaints in the reader's scope. */
  open: readonly ComplaintState[];
  /** Department keys, or undefined for the whole organisation. */
  departments?: readonly string[];
}

/** At most this many lines per list; the rest are counted. */
export const MAX_ITEMS = 15;

const active = (d: Deadline) => !d.metAt && !d.cancelledAt;

export function buildWeeklyReport(input: WeeklyReportInput, ctx: ViewContext): MessageView {
  const tr = translator();
  const t = (key: string, params?: Record<string, unknown>) => tr.t(ctx.locale, `stats.${key}`, params);
  const { now, directory, locale } = ctx;
  const pick = (test: (d: Deadline) => boolean) =>
    input.open
      .flatMap((s) => s.deadlines.filter((d) => active(d) && test(d)).map((d) => ({ s, d })))
      .sort((a, b) => a.d.dueAt.getTime() - b.d.dueAt.getTime());
  const overdue = pick((d) => d.dueAt < now);
  const due = pick((d) => d.dueAt >= now && d.dueAt < input.weekEnd);
  const item = ({ s, d }: { s: ComplaintState; d: Deadline }) =>
    t('item', {
      number: s.complaint.number,
      title: s.complaint.title,
      department: directory.departmentName(s.complaint.department, locale),
      deadline: tr.t(locale, `deadline.${d.kind}`),
      timeLeft: timeLeftText(d.dueAt, now, locale),
    });
  const section = (heading: string, rows: typeof overdue) =>
    rows.length ? [t(heading), ...rows.slice(0, MAX_ITEMS).map(item), ...(rows.length > MAX_ITEMS ? [t('more', { n: rows.length - MAX_ITEMS })] : [])] : [];
  const scope = input.departments ? input.departments.map((k) => directory.departmentName(k, locale)).join(t('separator')) : t('scopeAll');
  const overdueComplaints = new Set(overdue.map((x) => x.s.complaint.id)).size;
  const lines = [
    t('weeklyTitle', { week: input.week, scope }),
    t('weeklyCounts', { open: input.open.length, overdue: overdueComplaints, due: new Set(due.map((x) => x.s.complaint.id)).size }),
    ...section('overdueHeading', overdue),
    ...section('dueHeading', due),
  ];
  const stats = periodStats(input.open.map((state) => ({ state, events: [] })), now);
  const chart = input.open.length
    ? buildCategoryChart(stats, { locale, directory, period: input.week, fileName: `kesu-week-${input.week}`, open: true })
    : undefined;
  return { text: lines.join('\n'), tone: overdueComplaints ? 'warning' : 'normal', ...(chart ? { chart } : {}) };
}
