/**
 * "My tasks": for each complaint waiting for the viewer, what is needed from them — the step, specific
 * ("Approve claim ¥8,600.00", "Approve the extension to …"), its deadline and time left — and the button
 * for that step. Pure: the caller says which steps the viewer may take and which approvals they may decide.
 *
 * The most pressing need comes first: an approval the viewer may decide beats every other step (the
 * process waits for it, and the approver has nothing else to do on the case); several such approvals
 * are all listed, the one due first leading, as one form decides each. Otherwise the step whose
 * deadline is due first leads, steps without a deadline after them, in STEP_ORDER; only that one shows.
 */
import type { ChainStep, DeadlineKind } from '../../config/schema.ts';
import { chainOf, stepOf } from '../../workflows/approvals.ts';
import type { Action, Approval, ComplaintState, Deadline } from '../../workflows/model.ts';
import { translator } from '../i18n/index.ts';
import { buildActionButtons, buildDeadlineLines } from './card.ts';
import { formatMoney } from './money.ts';
import { deadlineState, formatDateTime, timeLeftText } from './time.ts';
import type { TaskItem, TaskNeed, TasksView, ViewContext } from './types.ts';

/** One complaint and what the viewer may do on it now. */
export interface TaskEntry {
  state: ComplaintState;
  /** The viewer's available actions (`availableActions`); only the next steps among them count. */
  actions: readonly Action[];
  /** The pending approvals the viewer may decide now (`mayDecideHere`). */
  approvals: readonly Approval[];
}

export interface TasksContext extends ViewContext {
  title: string;
  emptyText?: string;
  /** The organisation's claim currency, for a claim request that names none. */
  currency: string;
}

/** Steps that move a case on, in the order they lead when no deadline tells them apart. */
export const STEP_ORDER: readonly Action[] = ['approve', 'gm_decide', 'recall_decide', 'acknowledge', 'contain', 'send_8d', 'resolve', 'submit_8d', 'revisit', 'contact'];

/** The deadline each step meets. */
const STEP_DEADLINE: Partial<Record<Action, DeadlineKind>> = {
  acknowledge: 'response',
  contain: 'containment',
  submit_8d: 'eightD',
  send_8d: 'eightD',
  revisit: 'revisit',
  recall_decide: 'recall_decision',
};

const CONTACT_TASK_ORDER = ['delayNotice', 'containmentReport', 'firstContact'] as const;

const running = (state: ComplaintState, kind: DeadlineKind): Deadline | undefined => state.deadlines.find((d) => d.kind === kind && !d.metAt && !d.cancelledAt);

function need(action: Action, text: string, deadline: Deadline | undefined, ctx: ViewContext): TaskNeed {
  const tr = translator();
  if (!deadline) return { action, text, overdue: false, line: text };
  const dueText = tr.t(ctx.locale, 'tasks.due', { at: formatDateTime(deadline.dueAt, ctx.timeZone), left: timeLeftText(deadline.dueAt, ctx.now, ctx.locale) });
  return { action, text, dueAt: deadline.dueAt, dueText, overdue: deadlineState(deadline, ctx.now) === 'overdue', line: tr.t(ctx.locale, 'tasks.line', { need: text, due: dueText }) };
}

/** What deciding this approval means, in words: "Approve claim ¥8,600.00", "Approve the downgrade to B · serious". */
export function approvalNeedText(a: Approval, state: ComplaintState, ctx: Pick<TasksContext, 'locale' | 'timeZone' | 'currency'>): string {
  const tr = translator();
  const t = (key: string, params?: Record<string, unknown>) => tr.t(ctx.locale, key, params);
  const as: ChainStep['as'] = chainOf(a)[stepOf(a)]?.as ?? 'approve';
  const verb = t(`tasks.verb.${as}`);
  const p = a.payload;
  const c = state.complaint;
  switch (a.kind) {
    case 'claim': {
      const currency = typeof p.currency === 'string' ? p.currency : (c.claim?.currency ?? ctx.currency);
      const amount = typeof p.amountMinor === 'number' && p.amountMinor > 0 ? formatMoney(p.amountMinor, currency, ctx.locale) : undefined;
      const pieces = typeof p.quantity === 'number' && p.quantity > 0 ? t('timeline.pieces', { n: p.quantity }) : undefined;
      const what = [amount, pieces].filter(Boolean).join(t('card.separator'));
      return what ? t('tasks.need.claim', { verb, what }) : t('tasks.need.claimBare', { verb });
    }
    case 'extension': {
      const deadline = typeof p.deadline === 'string' ? t(`deadline.${p.deadline}`) : t('deadline.eightD');
      const to = typeof p.to === 'string' && !Number.isNaN(Date.parse(p.to)) ? formatDateTime(new Date(p.to), ctx.timeZone) : undefined;
      return to ? t('tasks.need.extension', { verb, to, deadline }) : t('tasks.need.extensionBare', { verb, deadline });
    }
    case 'downgrade': {
      const grade = typeof p.grade === 'string' && p.grade !== c.grade ? t(`grade.${p.grade}`) : undefined;
      const notUrgent = c.urgent && p.urgent === false;
      if (grade) return t(notUrgent ? 'tasks.need.downgradeNotUrgent' : 'tasks.need.downgrade', { verb, grade });
      return notUrgent ? t('tasks.need.notUrgent', { verb }) : t('tasks.need.downgrade', { verb, grade: t(`grade.${c.grade}`) });
    }
    case 'solution':
      return t('tasks.need.solution', { verb });
  }
}

const dueOf = (n: TaskNeed) => n.dueAt?.getTime() ?? Infinity;

/** What this complaint needs from the viewer, the most pressing first; empty when nothing. */
export function taskNeeds(entry: TaskEntry, ctx: TasksContext): TaskNeed[] {
  const tr = translator();
  const { state } = entry;
  if (entry.actions.includes('approve') && entry.approvals.length) {
    return entry.approvals
      .filter((a) => a.status === 'pending')
      .map((a) => need('approve', approvalNeedText(a, state, ctx), running(state, `approval_${a.kind}`), ctx))
      .sort((a, b) => dueOf(a) - dueOf(b));
  }
  let steps = STEP_ORDER.filter((a) => a !== 'approve' && entry.actions.includes(a));
  // An 8D on file waiting to be sent, or sent with a resolution to record, is not to be submitted again
  // (unless a new round's 8D deadline runs: a reopened case).
  if (steps.includes('send_8d') || (steps.includes('resolve') && !running(state, 'eightD'))) steps = steps.filter((a) => a !== 'submit_8d');
  const needs = steps.map((action) => {
    if (action === 'contact') {
      // A contact owed to the customer: the delay notice, the containment report, the first contact.
      const owed = CONTACT_TASK_ORDER.map((k) => running(state, k)).find((d) => d !== undefined);
      return need(action, tr.t(ctx.locale, `tasks.need.contact_${owed?.kind ?? 'delayNotice'}`), owed, ctx);
    }
    const kind = STEP_DEADLINE[action];
    return need(action, tr.t(ctx.locale, `tasks.need.${action}`), kind ? running(state, kind) : undefined, ctx);
  });
  // Stable sort: equal due times (or none) keep STEP_ORDER.
  return needs.sort((a, b) => dueOf(a) - dueOf(b)).slice(0, 1);
}

export function buildTaskItem(entry: TaskEntry, ctx: TasksContext): TaskItem | undefined {
  const needs = taskNeeds(entry, ctx);
  const first = needs[0];
  if (!first) return undefined;
  const tr = translator();
  const c = entry.state.complaint;
  const deadlines = buildDeadlineLines(entry.state, ctx).filter((d) => d.state === 'pending' || d.state === 'overdue');
  const [button] = buildActionButtons([first.action], c.id, ctx);
  return {
    complaintId: c.id,
    number: c.number,
    title: c.title,
    statusLabel: tr.t(ctx.locale, `status.${c.status}`),
    department: ctx.directory.departmentName(c.department, ctx.locale),
    needs,
    button: { ...button!, style: 'primary' },
    deadlines,
    overdue: needs.some((n) => n.overdue) || deadlines.some((d) => d.state === 'overdue'),
  };
}

/** The viewer's tasks: complaints with something needed from them, the one whose need is due first on top. */
export function buildTasks(entries: readonly TaskEntry[], ctx: TasksContext): TasksView {
  const tr = translator();
  const items = entries
    .map((e) => buildTaskItem(e, ctx))
    .filter((i): i is TaskItem => i !== undefined)
    .sort((a, b) => dueOf(a.needs[0]!) - dueOf(b.needs[0]!) || a.number.localeCompare(b.number));
  const overdue = items.filter((i) => i.overdue).length;
  const view: TasksView = {
    title: ctx.title,
    items,
    totalText: overdue ? tr.t(ctx.locale, 'list.totalOverdue', { n: items.length, overdue }) : tr.t(ctx.locale, 'list.total', { n: items.length }),
    showLabel: tr.t(ctx.locale, 'tasks.show'),
  };
  if (items.length === 0) view.emptyText = ctx.emptyText ?? tr.t(ctx.locale, 'list.emptyMine');
  return view;
}
