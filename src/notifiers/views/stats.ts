/**
 * The month's statistics as a message (`/complaint stats`, the monthly report): counts, on-time rates,
 * times, reopen rate, satisfaction, top causes, and the targets against the actual figures.
 */
import type { CauseCategory, DeadlineKind, Locale, ReportTargets } from '../../config/schema.ts';
import { causeLabel } from '../../workflows/causes.ts';
import type { MonthStats, OnTimeRate, Ranked, Share } from '../../workflows/stats.ts';
import { translator } from '../i18n/index.ts';
import { buildCategoryChart } from './chart.ts';
import type { MessageView, ViewDirectory } from './types.ts';

export interface StatsViewContext {
  locale: Locale;
  directory: ViewDirectory;
  month: string;
  /** Department names, or undefined for the whole organisation. */
  departments?: string[];
  /** A heading line above the figures (the monthly report's). */
  heading?: string;
  /** Only what the reader may see (no department, not the whole company). */
  own?: boolean;
  /** The targets to show against the actual figures. */
  targets?: ReportTargets;
  /** The root-cause categories, to name the top causes. */
  causeCategories?: readonly CauseCategory[];
}

/** For a reader with no scope and nothing to see: a clear message instead of a title over zeros. */
export function buildNoScopeView(month: string, locale: Locale): MessageView {
  return { text: translator().t(locale, 'report.noScope', { month }), tone: 'normal' };
}

/** The targets block: each target beside its actual figure and whether it is met. */
function targetLines(s: MonthStats, targets: ReportTargets, locale: Locale): string[] {
  const tr = translator();
  const t = (key: string, params?: Record<string, unknown>) => tr.t(locale, `report.${key}`, params);
  const line = (key: string, x: Share, targetPct: number, extra: Record<string, unknown> = {}) =>
    t(key, {
      actual: x.rate === null ? t('noData') : pct(x.rate),
      n: x.n,
      all: x.all,
      target: `${targetPct}%`,
      verdict: x.rate === null ? t('notAssessed') : x.rate * 100 >= targetPct - 1e-9 ? t('met') : t('missed'),
      ...extra,
    });
  return [
    t('targetsHeading'),
    line('satisfaction', s.satisfied, targets.satisfactionPct),
    line('handling', s.handled, targets.handlingPct),
    line('response', s.respondedInTime, 100, { hours: s.respondedInTime.hours }),
  ];
}

const KINDS: readonly DeadlineKind[] = ['response', 'containment', 'eightD', 'revisit'];
const pct = (x: number) => `${Math.round(x * 100)}%`;
const hours = (h: number) => (h >= 10 ? String(Math.round(h)) : h.toFixed(1).replace(/\.0$/, ''));

export function buildStatsView(s: MonthStats, ctx: StatsViewContext): MessageView {
  const tr = translator();
  const t = (key: string, params?: Record<string, unknown>) => tr.t(ctx.locale, `stats.${key}`, params);
  const sep = t('separator');
  const list = (entries: Array<[string, number]>) => (entries.length ? entries.map(([k, n]) => `${k} ${n}`).join(sep) : t('none'));
  const named = (counts: Record<string, number>, name: (k: string) => string) =>
    list(Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([k, n]) => [name(k), n]));
  const ranked = (rows: Ranked[], name: (k: string) => string) => list(rows.map((r) => [name(r.key), r.count]));
  const rate = (r: OnTimeRate) => (r.rate === null ? t('noData') : t('rate', { pct: pct(r.rate), onTime: r.onTime, all: r.onTime + r.late }));
  const time = (d: MonthStats['firstResponse']) =>
    d.medianHours === null ? t('noData') : t('durations', { median: hours(d.medianHours), p90: hours(d.p90Hours!), n: d.n });

  const line = (label: string, value: string) => t('line', { label: t(label), value });
  const scope = ctx.departments ? ctx.departments.join(sep) : ctx.own ? tr.t(ctx.locale, 'report.scopeOwn') : t('scopeAll');
  const change = s.change === null ? t('noPrevious', { previous: s.previousTotal }) : t('change', { previous: s.previousTotal, change: `${s.change >= 0 ? '+' : ''}${pct(s.change)}` });
  const lines = [
    ...(ctx.heading ? [ctx.heading] : []),
    t('title', { month: ctx.month, scope }),
    t('totalLine', { total: t('total', { n: s.total }), change }),
    line('byStatus', named(s.byStatus, (k) => tr.t(ctx.locale, `status.${k}`))),
    line('byCategory', named(s.byCategory, (k) => ctx.directory.categoryName(k, ctx.locale))),
    line('byDepartment', named(s.byDepartment, (k) => ctx.directory.departmentName(k, ctx.locale))),
    line('byGrade', named(s.byGrade, (k) => tr.t(ctx.locale, `grade.${k}`))),
    line('onTime', KINDS.filter((k) => s.onTime[k].onTime + s.onTime[k].late > 0).map((k) => `${tr.t(ctx.locale, `deadline.${k}`)} ${rate(s.onTime[k])}`).join(sep) || t('noData')),
    line('firstResponse', time(s.firstResponse)),
    line('eightD', time(s.eightD)),
    line('reopen', s.reopenRate === null ? t('noData') : t('rate', { pct: pct(s.reopenRate), onTime: s.reopened, all: s.total })),
    t('line', { label: tr.t(ctx.locale, 'repeats.stats'), value: s.repeats.rate === null ? t('noData') : t('rate', { pct: pct(s.repeats.rate), onTime: s.repeats.n, all: s.repeats.all }) }),
    line('satisfaction', s.meanSatisfaction === null ? t('noData') : t('score', { mean: s.meanSatisfaction.toFixed(1), n: s.rated })),
    line('topCategories', ranked(s.topCategories, (k) => ctx.directory.categoryName(k, ctx.locale))),
    line('topCauses', ranked(s.topRootCauses, (k) => causeLabel(k, ctx.locale, ctx.causeCategories ?? []))),
    ...(ctx.targets ? targetLines(s, ctx.targets, ctx.locale) : []),
  ];
  const late = KINDS.some((k) => (s.onTime[k].rate ?? 1) < 0.9);
  const chart = s.total ? buildCategoryChart(s, { locale: ctx.locale, directory: ctx.directory, period: ctx.month, fileName: `kesu-stats-${ctx.month}` }) : undefined;
  return { text: lines.join('\n'), tone: late ? 'warning' : 'normal', ...(chart ? { chart } : {}) };
}
