/** Lists of complaints (`/complaint list`, App Home, the GM digest) with the most pressing deadline of each. */
import type { ComplaintState, Deadline } from '../../workflows/model.ts';
import { translator } from '../i18n/index.ts';
import { buildDeadlineLines } from './card.ts';
import { deadlineState, timeLeftText } from './time.ts';
import type { ListItem, ListView, ViewContext } from './types.ts';

export interface ListContext extends ViewContext {
  title: string;
  /** Text when the list is empty; default "No complaints here." */
  emptyText?: string;
  /** Show every running deadline of each item with its time left ("my tasks"). */
  allDeadlines?: boolean;
}

/** The active deadline due first, or undefined when none is running. */
export function nextDeadline(state: ComplaintState): Deadline | undefined {
  return state.deadlines
    .filter((d) => !d.metAt && !d.cancelledAt)
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
}

export function buildListItem(state: ComplaintState, ctx: ViewContext & { allDeadlines?: boolean }): ListItem {
  const tr = translator();
  const c = state.complaint;
  const next = nextDeadline(state);
  const item: ListItem = {
    complaintId: c.id,
    number: c.number,
    title: c.title,
    statusLabel: tr.t(ctx.locale, `status.${c.status}`),
    department: ctx.directory.departmentName(c.department, ctx.locale),
    overdue: state.deadlines.some((d) => deadlineState(d, ctx.now) === 'overdue'),
  };
  if (ctx.allDeadlines) item.deadlines = buildDeadlineLines(state, ctx).filter((d) => d.state === 'pending' || d.state === 'overdue');
  if (next) {
    item.dueText = tr.t(ctx.locale, 'list.next', {
      deadline: tr.t(ctx.locale, `deadline.${next.kind}`),
      timeLeft: timeLeftText(next.dueAt, ctx.now, ctx.locale),
    });
  }
  return item;
}

export function buildList(states: readonly ComplaintState[], ctx: ListContext): ListView {
  const tr = translator();
  const items = states.map((s) => buildListItem(s, ctx));
  const overdue = items.filter((i) => i.overdue).length;
  const view: ListView = {
    title: ctx.title,
    items,
    totalText: overdue
      ? tr.t(ctx.locale, 'list.totalOverdue', { n: items.length, overdue })
      : tr.t(ctx.locale, 'list.total', { n: items.length }),
  };
  if (items.length === 0) view.emptyText = ctx.emptyText ?? tr.t(ctx.locale, 'list.empty');
  return view;
}
