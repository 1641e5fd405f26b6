/** The category chart of a report or `/complaint stats`: complaints per category (bars) and their on-time rate (line). */
import type { Locale } from '../../config/schema.ts';
import type { OnTimeRate } from '../../workflows/stats.ts';
import { translator } from '../i18n/index.ts';
import type { ChartView, MessageView, ViewDirectory } from './types.ts';

/** More categories than this are folded into one "others" bar so labels stay readable. */
export const MAX_BARS = 10;

export interface CategoryChartInput {
  byCategory: Record<string, number>;
  byCategoryOnTime: Record<string, OnTimeRate>;
}

const pct = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);

export function buildCategoryChart(s: CategoryChartInput, ctx: { locale: Locale; directory: ViewDirectory; period: string; fileName: string; /** Open complaints (weekly report) rather than a month's. */ open?: boolean }): ChartView {
  const t = (key: string, params?: Record<string, unknown>) => translator().t(ctx.locale, `stats.${key}`, params);
  const rows = Object.entries(s.byCategory)
    .map(([key, count]) => ({ key, count, tally: s.byCategoryOnTime[key] ?? { onTime: 0, late: 0, rate: null } }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
  const shown = rows.length > MAX_BARS ? rows.slice(0, MAX_BARS - 1) : rows;
  const bars = shown.map((r) => ({ label: ctx.directory.categoryName(r.key, ctx.locale), count: r.count, rate: r.tally.rate }));
  const rest = rows.slice(shown.length);
  if (rest.length) {
    const onTime = rest.reduce((n, r) => n + r.tally.onTime, 0);
    const all = rest.reduce((n, r) => n + r.tally.onTime + r.tally.late, 0);
    bars.push({ label: t('chartOthers'), count: rest.reduce((n, r) => n + r.count, 0), rate: all ? onTime / all : null });
  }
  const title = t(ctx.open ? 'chartTitleOpen' : 'chartTitle', { period: ctx.period });
  const alt = [title, ...bars.map((b) => t('chartAlt', { label: b.label, count: b.count, rate: pct(b.rate) }))].join(t('separator'));
  return { title, alt, countLabel: t('chartCount'), rateLabel: t('chartRate'), bars, fileName: ctx.fileName };
}

/** The message without its chart, the chart's figures added as text (where the image cannot go). */
export function withoutChart(view: MessageView): MessageView {
  const { chart, ...rest } = view;
  return chart ? { ...rest, text: `${view.text}\n${chart.alt}` } : view;
}
