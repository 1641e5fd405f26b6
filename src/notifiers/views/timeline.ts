/**
 * The timeline (audit trail) as readable lines: one per event the workflows write, with the
 * before/after values from its `data`. Unknown event types render generically, never fail.
 */
import type { Locale } from '../../config/schema.ts';
import type { TimelineEvent } from '../../workflows/model.ts';
import { translator } from '../i18n/index.ts';
import { formatMoney } from './money.ts';
import { formatDateTime, toDate } from './time.ts';
import { recallDecidedLines, recallReportedLines } from './recall.ts';
import type { TimelineView, ViewContext } from './types.ts';

export interface TimelineContext extends ViewContext {
  /** The complaint number, for the title. */
  number?: string;
  /** Currency of amounts whose event does not name one (the organisation's claim currency). */
  currency?: string;
}

/** Actor ids that mean the bot itself (deadline engine, system jobs). */
const SYSTEM_ACTORS = new Set(['system', 'kesu', '']);

type Render = (data: Record<string, unknown>, h: Helpers) => string[];

interface Helpers {
  t(key: string, params?: Record<string, unknown>): string;
  /** A label from an enum namespace (`deadline`, `approvalKind`, …), or the raw value when unknown. */
  label(ns: string, value: unknown): string;
  at(value: unknown): string;
  person(value: unknown): string;
  dept(value: unknown): string;
  text(value: unknown): string;
  gradeText(value: unknown): string;
  money(minor: unknown, currency: unknown): string | undefined;
}

/** "¥8,600.00 · 150 pcs": the money and the pieces of a claim or payout. */
const claimText = (d: Record<string, unknown>, h: Helpers) =>
  [h.money(d.amountMinor, d.currency), typeof d.quantity === 'number' ? h.t('timeline.pieces', { n: d.quantity }) : undefined].filter(Boolean).join(' · ');
const note = (h: Helpers, v: unknown) => (h.text(v) ? [h.t('timeline.event.note', { note: h.text(v) })] : []);

const RENDERERS: Record<string, Render> = {
  filed: (d, h) => [
    h.t('timeline.event.filed', {
      category: h.label('category', d.category),
      grade: h.label('grade', d.grade),
      urgent: d.urgent === true ? h.t('timeline.urgentSuffix') : '',
      department: h.dept(d.department),
    }),
  ],
  acknowledged: (d, h) => [
    h.t('timeline.event.acknowledged', { handler: h.person(d.handlerId), firstResponse: h.text(d.firstResponse) }),
    ...(h.text(d.containment) ? [h.t('timeline.event.acknowledgedContainment', { containment: h.text(d.containment) })] : []),
  ],
  reassigned: (d, h) => [h.t('timeline.event.reassigned', { from: h.dept(d.from), to: h.dept(d.to), reason: h.text(d.reason) })],
  extension_granted: (d, h) => [
    h.t('timeline.event.extension_granted', { deadline: h.label('deadline', d.deadline), from: h.at(d.from), to: h.at(d.to), reason: h.text(d.reason) }),
  ],
  extension_requested: (d, h) => [
    h.t('timeline.event.extension_requested', {
      deadline: h.label('deadline', d.deadline),
      to: h.at(d.to),
      approver: h.label('role', d.needs ?? 'gm'),
      reason: h.text(d.reason),
    }),
  ],
  eightd_submitted: (d, h) => {
    const tags = Array.isArray(d.rootCauseTags) ? d.rootCauseTags.map(String).filter(Boolean) : [];
    return [h.t('timeline.event.eightd_submitted'), ...(tags.length ? [h.t('timeline.event.eightdTags', { tags: tags.join(', ') })] : [])];
  },
  approval_requested: (d, h) => [
    h.t('timeline.event.approval_requested', { kind: h.label('approvalKind', d.kind), approver: h.label('role', d.needs) }),
  ],
  approved: (d, h) => [h.t('timeline.event.approved', { kind: h.label('approvalKind', d.kind) }), ...note(h, d.note)],
  declined: (d, h) => [h.t('timeline.event.declined', { kind: h.label('approvalKind', d.kind) }), ...note(h, d.note)],
  resolved: (d, h) => {
    const kinds = Array.isArray(d.kinds) ? d.kinds.map((k) => h.label('resolutionKind', k)).join(h.t('card.separator')) : '';
    const amount = h.money(d.amountMinor, d.currency);
    return [
      h.t('timeline.event.resolved', { kinds, summary: h.text(d.summary) }),
      ...(amount ? [h.t('timeline.event.resolvedAmount', { amount })] : []),
      ...(h.at(d.revisitDueAt) ? [h.t('timeline.event.resolvedRevisit', { at: h.at(d.revisitDueAt) })] : []),
    ];
  },
  revisit_satisfied: (d, h) => [h.t('timeline.event.revisit_satisfied', { score: h.text(d.score) }), ...note(h, d.note)],
  revisit_unsatisfied: (d, h) => [h.t('timeline.event.revisit_unsatisfied'), ...note(h, d.note)],
  revisit_unreachable: (d, h) => [h.t('timeline.event.revisit_unreachable', { attempt: h.text(d.attempt), at: h.at(d.nextDueAt) }), ...note(h, d.note)],
  reopened: (d, h) => [h.t('timeline.event.reopened', { n: h.text(d.reopenCount), reason: h.text(d.reason), at: h.at(d.responseDueAt) })],
  escalated: (d, h) =>
    d.deadline !== undefined
      ? [h.t('timeline.event.escalatedDeadline', { deadline: h.label('deadline', d.deadline) })]
      : [h.t('timeline.event.escalated', { reason: h.label('escalationReason', d.reason ?? 'overdue') })],
  gm_decided: (d, h) => [h.t('timeline.event.gm_decided', { decision: h.text(d.decision) })],
  rejected: (d, h) => [h.t('timeline.event.rejected', { reason: h.label('rejectReason', d.reason), note: h.text(d.note) })],
  regraded: (d, h) => [h.t('timeline.event.regraded', { before: h.gradeText(d.before), after: h.gradeText(d.after) }), ...note(h, d.note)],
  commented: (d, h) => [h.t('timeline.event.commented', { text: h.text(d.text) })],
  claim_amended: (d, h) => [
    h.t('timeline.event.claim_amended', { claim: claimText(d, h) }),
    ...(h.text(d.needs) ? [h.t('timeline.event.claimNeeds', { approver: h.label('role', d.needs) })] : []),
    ...note(h, d.reason),
  ],
  payout_held: (d, h) => [h.t('timeline.event.payout_held', { claim: claimText(d, h), approver: h.label('role', d.needs) })],
  approval_step: (d, h) => [
    h.t('timeline.event.approval_step', { kind: h.label('approvalKind', d.kind), as: h.label('approvalStep', d.as), next: h.label('role', d.next) }),
    ...note(h, d.note),
  ],
  downgrade_requested: (d, h) => [
    h.t('timeline.event.downgrade_requested', { before: h.gradeText(d.before), after: h.gradeText(d.after) }),
    ...note(h, d.note),
  ],
  contained: (d, h) => [h.t('timeline.event.contained', { containment: h.text(d.containment) })],
  eightd_sent: (d, h) => [h.t('timeline.event.eightd_sent', { via: h.label('sentVia', d.via) }), ...note(h, d.note)],
  repeat_suggested: (d, h) => [
    h.t('repeats.event.suggested', {
      numbers: (Array.isArray(d.candidates) ? d.candidates : []).map((m) => h.text((m as { number?: unknown }).number)).join(h.t('card.separator')),
      stage: h.label('repeats.stage', d.stage),
    }),
  ],
  repeat_confirmed: (d, h) => [h.t('repeats.event.confirmed', { number: h.text(d.candidate) }), ...note(h, d.note)],
  repeat_dismissed: (d, h) => [h.t('repeats.event.dismissed', { number: h.text(d.candidate) }), ...note(h, d.note)],
  recall_reported: (d, h) => recallReportedLines(d, h.t, h.label),
  recall_decided: (d, h) => recallDecidedLines(d, h.t),
  customer_contacted: (d, h) => [
    h.t('contact.timeline.customer_contacted', {
      what: h.label('contactWhat', d.what),
      via: h.text(d.via) ? h.t('contact.timeline.via', { via: h.label('sentVia', d.via) }) : '',
      at: h.text(d.at) ? h.t('contact.timeline.at', { at: h.at(d.at) }) : '',
    }),
    ...(h.text(d.reason) ? [h.t('contact.timeline.reasonAndDate', { reason: h.text(d.reason), date: h.at(d.newDate) })] : []),
    ...note(h, d.summary),
  ],
  delay_notice_due: (d, h) => [
    h.t('contact.timeline.delay_notice_due', { deadline: h.label('deadline', d.deadline), cause: h.t(`contact.timeline.cause_${d.cause === 'breached' ? 'breached' : 'extended'}`), due: h.at(d.dueAt) }),
  ],
  deadline_missed: (d, h) => [h.t('contact.timeline.deadline_missed', { deadline: h.label('deadline', d.deadline), due: h.at(d.dueAt) })],
  first_contact_failed: (d, h) => [h.t('contact.timeline.first_contact_failed', { note: h.text(d.note), due: h.at(d.dueAt) })],
  deadline_met: (d, h) =>
    d.late === true
      ? [h.t('timeline.event.deadlineMetLate', { deadline: h.label('deadline', d.kind), at: h.at(d.dueAt) })]
      : [h.t('timeline.event.deadline_met', { deadline: h.label('deadline', d.kind) })],
};

/** The event types rendered specifically; others render generically. */
export const TIMELINE_EVENT_TYPES = Object.keys(RENDERERS);

function helpers(ctx: TimelineContext): Helpers {
  const tr = translator();
  const locale: Locale = ctx.locale;
  const dir = ctx.directory;
  const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
  const h: Helpers = {
    t: (key, params) => tr.t(locale, key, params),
    label(ns, value) {
      const v = text(value);
      if (!v) return tr.t(locale, 'card.none');
      if (ns === 'category') return dir.categoryName(v, locale);
      if (ns === 'role') return dir.roleName(v, locale);
      return tr.has(locale, `${ns}.${v}`) ? tr.t(locale, `${ns}.${v}`) : v;
    },
    at(value) {
      const d = toDate(value);
      return d ? formatDateTime(d, ctx.timeZone) : text(value);
    },
    person: (value) => (text(value) ? dir.displayName(text(value), locale) : tr.t(locale, 'card.unassigned')),
    dept: (value) => (text(value) ? dir.departmentName(text(value), locale) : tr.t(locale, 'card.none')),
    text,
    gradeText(value) {
      const g = (value ?? {}) as { grade?: unknown; urgent?: unknown };
      return `${h.label('grade', g.grade)}${g.urgent === true ? tr.t(locale, 'timeline.urgentSuffix') : ''}`;
    },
    money(minor, currency) {
      if (typeof minor !== 'number') return undefined;
      return formatMoney(minor, typeof currency === 'string' ? currency : (ctx.currency ?? 'CNY'), locale);
    },
  };
  return h;
}

function generic(event: TimelineEvent, h: Helpers): string[] {
  const details = Object.entries(event.data ?? {})
    .filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v) || v instanceof Date)
    .map(([k, v]) => `${k}: ${h.at(v)}`);
  const head = h.t('timeline.event.generic', { type: event.type });
  return [details.length ? `${head} (${details.join(', ')})` : head];
}

export function buildTimeline(events: readonly TimelineEvent[], ctx: TimelineContext): TimelineView {
  const h = helpers(ctx);
  const joiner = h.t('timeline.joiner');
  const stop = h.t('timeline.stop');
  // Sentences join as they are; a part that ends without punctuation (user text) gets a full stop first.
  const join = (parts: string[]) =>
    parts.filter(Boolean).reduce((out, part) => (out === '' ? part : /[.!?。！？；;]$/.test(out) ? out + joiner + part : out + stop + part), '');
  const items = [...events]
    // A contact recorded as part of another action (acknowledge, 8D sent, revisit) is told by that action's line.
    .filter((e) => !(e.type === 'customer_contacted' && e.data?.derived === true))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq)
    .map((e) => {
      const render = Object.hasOwn(RENDERERS, e.type) ? RENDERERS[e.type]! : undefined;
      const parts = render ? render(e.data ?? {}, h) : generic(e, h);
      return {
        at: e.at,
        atText: formatDateTime(e.at, ctx.timeZone),
        actor: SYSTEM_ACTORS.has(e.actorId) ? h.t('timeline.system') : ctx.directory.displayName(e.actorId, ctx.locale),
        text: join(parts),
      };
    });
  return { title: ctx.number ? h.t('timeline.title', { number: ctx.number }) : h.t('timeline.titlePlain'), items };
}
