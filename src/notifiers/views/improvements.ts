/** Improvement actions as text: the owner's notice, the ladder's reminder and overdue notice, and the monthly report's list. */
import type { CauseCategory, Locale } from '../../config/schema.ts';
import { causeLabel } from '../../workflows/causes.ts';
import type { Improvement, ImprovementStep } from '../../workflows/improvements.ts';
import { translator } from '../i18n/index.ts';
import { formatDateTime } from '../i18n/format.ts';
import type { MessageView, ViewDirectory } from './types.ts';

export interface ImprovementViewContext {
  locale: Locale;
  now: Date;
  timeZone: string;
  directory: ViewDirectory;
  categories: readonly CauseCategory[];
  /** The command word the reader types (`/complaint`). */
  command?: string;
}

function params(i: Improvement, ctx: ImprovementViewContext): Record<string, string | number> {
  return {
    id: i.id,
    cause: causeLabel(i.causeKey, ctx.locale, ctx.categories),
    rank: i.rank,
    period: i.period,
    count: i.count,
    complaints: i.complaints.join(', '),
    department: ctx.directory.departmentName(i.department, ctx.locale),
    owner: ctx.directory.displayName(i.ownerId, ctx.locale),
    due: formatDateTime(i.dueAt, ctx.timeZone),
    command: ctx.command ?? '/complaint',
  };
}

const t = (ctx: ImprovementViewContext, key: string, p?: Record<string, string | number>) => translator().t(ctx.locale, `improvements.${key}`, p);

/** To the owner when the monthly report opens the action. */
export function buildImprovementAssigned(i: Improvement, ctx: ImprovementViewContext): MessageView {
  return { text: t(ctx, 'assigned', params(i, ctx)), tone: 'warning' };
}

/** A ladder step: the reminder to the owner, or the overdue notice (owner and GM). */
export function buildImprovementStep(i: Improvement, step: ImprovementStep, ctx: ImprovementViewContext): MessageView {
  return { text: t(ctx, step, params(i, ctx)), tone: step === 'overdue' ? 'danger' : 'warning' };
}

export function buildImprovementClosed(i: Improvement, ctx: ImprovementViewContext): MessageView {
  return { text: t(ctx, 'closedReply', params(i, ctx)), tone: 'success' };
}

/** One line per action: open (due or overdue) or closed with its note. */
export function improvementLines(items: readonly Improvement[], ctx: ImprovementViewContext): string[] {
  const lines = items.map((i) => {
    const p = params(i, ctx);
    const state =
      i.status === 'closed'
        ? t(ctx, 'closed', { at: i.closedAt ? formatDateTime(i.closedAt, ctx.timeZone) : '', note: i.closingNote ?? '' })
        : t(ctx, i.dueAt <= ctx.now ? 'openOverdue' : 'open', p);
    return t(ctx, 'line', { ...p, state });
  });
  return [t(ctx, 'heading'), ...(lines.length ? lines : [t(ctx, 'none')])];
}

/** `/complaint improvement`: the open actions. */
export function buildImprovementList(items: readonly Improvement[], ctx: ImprovementViewContext): MessageView {
  const [, ...lines] = improvementLines(items, ctx);
  return { text: [t(ctx, 'listTitle'), ...lines].join('\n'), tone: items.some((i) => i.dueAt <= ctx.now) ? 'warning' : 'normal' };
}
