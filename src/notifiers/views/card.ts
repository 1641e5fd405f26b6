/** The complaint card: what a department channel, a DM or `show` displays for one complaint. */
import type { DeadlineKind } from '../../config/schema.ts';
import type { Action, ComplaintState } from '../../workflows/model.ts';
import { translator } from '../i18n/index.ts';
import { fit } from './fit.ts';
import { recallFields } from './recall.ts';
import { maskContact } from './mask.ts';
import { repeatLines } from './repeats.ts';
import { formatMoney } from './money.ts';
import { deadlineState, deadlineText, formatDateTime } from './time.ts';
import type { ActionButton, CardField, CardView, DeadlineLine, Tone, ViewContext } from './types.ts';

export interface CardContext extends ViewContext {
  /** The actions the viewer may take now (from `availableActions`); shown as buttons in a sensible order. */
  actions: readonly Action[];
  /** Full customer contact (customer service, the department, the GM) or masked (channel posts). */
  showContact: boolean;
}

/** Next steps first, then housekeeping, the destructive one last. */
export const ACTION_ORDER: readonly Action[] = [
  'acknowledge',
  'customer_unreachable',
  'approve',
  'gm_decide',
  'recall_decide',
  'submit_8d',
  'send_8d',
  'contain',
  'contact',
  'resolve',
  'revisit',
  'reopen',
  'extend',
  'claim',
  'recall',
  'reassign',
  'regrade',
  'link_repeat',
  'comment',
  'reject',
];
const MAIN_STEPS = new Set<Action>(['acknowledge', 'approve', 'gm_decide', 'recall_decide', 'submit_8d', 'send_8d', 'resolve', 'revisit']);
const DEADLINE_ORDER: readonly DeadlineKind[] = ['response', 'firstContact', 'containment', 'containmentReport', 'eightD', 'delayNotice', 'revisit', 'recall_decision'];
const SUMMARY_MAX = 600;

export function buildActionButtons(actions: readonly Action[], complaintId: string, ctx: Pick<ViewContext, 'locale'>): ActionButton[] {
  const tr = translator();
  const ordered = ACTION_ORDER.filter((a) => actions.includes(a));
  const primary = ordered.find((a) => MAIN_STEPS.has(a));
  return ordered.map((action) => ({
    action,
    label: tr.t(ctx.locale, `action.${action}`),
    style: action === primary ? 'primary' : action === 'reject' ? 'danger' : 'default',
    value: complaintId,
  }));
}

export function buildDeadlineLines(state: ComplaintState, ctx: ViewContext): DeadlineLine[] {
  const tr = translator();
  return state.deadlines
    .filter((d) => !d.cancelledAt)
    .sort((a, b) => DEADLINE_ORDER.indexOf(a.kind) - DEADLINE_ORDER.indexOf(b.kind))
    .map((d) => ({
      kind: d.kind,
      label: tr.t(ctx.locale, `deadline.${d.kind}`),
      dueAt: d.dueAt,
      dueText: formatDateTime(d.dueAt, ctx.timeZone),
      state: deadlineState(d, ctx.now),
      timeLeftText: deadlineText(d, ctx.now, ctx.locale, ctx.timeZone),
    }));
}

function cardTone(state: ComplaintState, lines: DeadlineLine[]): Tone {
  const { status, urgent } = state.complaint;
  if (status === 'closed' || status === 'resolved') return 'success';
  if (status === 'rejected') return 'normal';
  if (status === 'escalated' || lines.some((l) => l.state === 'overdue')) return 'danger';
  if (urgent || status === 'awaiting_approval' || status === 'reopened') return 'warning';
  return 'normal';
}

export function buildComplaintCard(state: ComplaintState, ctx: CardContext): CardView {
  const tr = translator();
  const { locale, directory: dir } = ctx;
  const t = (key: string, params?: Record<string, unknown>) => tr.t(locale, key, params);
  const c = state.complaint;
  const sep = t('card.separator');
  const fields: CardField[] = [];
  const add = (labelKey: string, value: string | undefined, short = true) => {
    if (value !== undefined && value !== '') fields.push({ label: t(labelKey), value, short });
  };

  add('card.grade', c.urgent ? `${t(`grade.${c.grade}`)} · ${t('card.urgentTag')}` : t(`grade.${c.grade}`));
  add('card.category', dir.categoryName(c.category, locale));
  // A category's co-owning department is named while the complaint is still with the category's own department.
  const routing = dir.category?.(c.category);
  const coOwner = routing?.department === c.department ? routing.coOwner : undefined;
  const department = dir.departmentName(c.department, locale);
  add('card.department', coOwner ? t('card.coOwned', { department, coOwner: dir.departmentName(coOwner, locale) }) : department);
  add('card.handler', c.handlerId ? dir.displayName(c.handlerId, locale) : t('card.unassigned'));
  add('card.demand', t(`demand.${c.demand}`));
  add('card.customer', [c.customer.name, c.customer.company].filter(Boolean).join(' · '));
  if (c.customer.contact) add('card.contact', ctx.showContact ? c.customer.contact : maskContact(c.customer.contact));
  add('card.region', t(`region.${c.customer.region}`));
  add('card.intake', t(`intake.${c.intakeChannel}`));
  add('card.receivedAt', formatDateTime(c.receivedAt, ctx.timeZone));

  const o = c.order ?? {};
  add('card.orderNo', o.orderNo);
  add('card.productNo', o.productNo);
  if (o.qtyOrdered !== undefined || o.qtyShipped !== undefined || o.qtyAffected !== undefined) {
    const q = (n: number | undefined) => (n === undefined ? t('card.none') : String(n));
    add('card.quantities', t('card.quantitiesValue', { ordered: q(o.qtyOrdered), shipped: q(o.qtyShipped), affected: q(o.qtyAffected) }));
  }
  add('card.shipDate', o.shipDate);
  if (c.claim) {
    const parts = [c.claim.amountMinor > 0 ? formatMoney(c.claim.amountMinor, c.claim.currency, locale) : undefined, c.claim.quantity !== undefined ? t('timeline.pieces', { n: c.claim.quantity }) : undefined];
    add('card.claim', parts.filter(Boolean).join(sep));
  }
  for (const a of state.approvals.filter((x) => x.status === 'pending')) {
    add('card.approval', t('card.approvalPending', { kind: t(`approvalKind.${a.kind}`), approver: dir.roleName(a.requiredRole, locale) }));
  }
  if (c.reopenCount > 0) add('card.reopenCount', t('card.reopenCountValue', { n: c.reopenCount }));
  if (c.satisfaction !== undefined) add('card.satisfaction', t('card.satisfactionValue', { score: c.satisfaction }));

  add('card.firstResponse', c.firstResponse, false);
  add('card.containment', c.containment, false);
  add('card.rootCause', c.eightD?.d4RootCause, false);
  if (c.resolution) {
    const kinds = c.resolution.kinds.map((k) => t(`resolutionKind.${k}`)).join(sep);
    add('card.resolution', t('card.labelled', { label: kinds, text: c.resolution.summary }), false);
    if (c.resolution.amountMinor !== undefined) {
      add('card.resolutionAmount', formatMoney(c.resolution.amountMinor, c.resolution.currency ?? c.claim?.currency ?? 'CNY', locale));
    }
  }
  if (c.rejection) add('card.rejection', t('card.labelled', { label: t(`rejectReason.${c.rejection.reason}`), text: c.rejection.note }), false);
  add('card.gmDecision', c.gmDecision, false);
  for (const line of repeatLines(c, locale)) add('repeats.label', line, false);
  fields.push(...recallFields(c, ctx));

  const deadlines = buildDeadlineLines(state, ctx);
  return {
    ...cardHead(state, ctx),
    tone: cardTone(state, deadlines),
    summary: fit(c.description, SUMMARY_MAX),
    fields,
    deadlines,
    actions: buildActionButtons(ctx.actions, c.id, ctx),
    footer: t('card.footer', { filer: dir.displayName(c.filerId, locale), at: formatDateTime(c.createdAt, ctx.timeZone) }),
  };
}

/** What every complaint card shows first: its number, title, status and urgency. */
function cardHead(state: ComplaintState, ctx: ViewContext): Pick<CardView, 'kind' | 'complaintId' | 'number' | 'title' | 'status' | 'statusLabel' | 'urgent'> {
  const c = state.complaint;
  return { kind: 'complaint', complaintId: c.id, number: c.number, title: c.title, status: c.status, statusLabel: translator().t(ctx.locale, `status.${c.status}`), urgent: c.urgent };
}

/**
 * The card left in a department's channel after the complaint moved to another department: its
 * number, title and status with where it went, and no buttons (the new department's card has them).
 */
export function buildMovedCard(state: ComplaintState, ctx: ViewContext & { channel?: string }): CardView {
  const tr = translator();
  const c = state.complaint;
  const department = ctx.directory.departmentName(c.department, ctx.locale);
  return {
    ...cardHead(state, ctx),
    tone: 'normal',
    summary: tr.t(ctx.locale, 'notice.movedSummary', { department }),
    fields: [],
    deadlines: [],
    actions: [],
    movedTo: { label: tr.t(ctx.locale, 'notice.movedTo'), department, ...(ctx.channel ? { channel: ctx.channel } : {}) },
  };
}
