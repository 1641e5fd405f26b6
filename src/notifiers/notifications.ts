/**
 * What each ladder step, digest and state change says, and to whom (DESIGN.md §4): reminder → the
 * handler (or the department channel); overdue → the department heads and channel; escalation → the
 * GMs and the GM channel; the daily digest → the GMs. Pure: messages are rendered in each recipient's
 * language — for a person without a configured locale in both languages (`MessageView.byLocale`),
 * the deliverer's platform knowing theirs (Slack's user locale). A person's notice about a complaint
 * keeps its `complaintId`: the dispatcher adds the complaint's card for that person at delivery.
 */
import type { Directory } from '../config/directory.ts';
import { isApprovalDeadline, type Locale, type OrgConfig } from '../config/schema.ts';
import { decidersOf } from '../workflows/permissions.ts';
import type { LadderStep } from '../workflows/ladder.ts';
import type { ComplaintState, Deadline } from '../workflows/model.ts';
import { translator } from './i18n/index.ts';
import type { Target } from './targets.ts';
import type { MessageView } from './views/types.ts';
import { timeLeftText } from './views/time.ts';
import { formatDateTime } from './i18n/format.ts';
import { formatMoney } from './views/money.ts';
import { fit } from './views/fit.ts';
import { recallLadderRecipients, recallNotices } from './recall-notices.ts';

export interface Notification {
  /** Unique per step and recipient (the platform and address are appended when written). */
  key: string;
  kind: 'remind' | 'overdue' | 'escalate' | 'digest' | 'card' | 'notice' | 'assigned' | 'approval' | 'decided' | 'reopened' | 'rejected' | 'escalated_case' | 'report' | 'alert' | 'improvement' | 'recall';
  complaintId?: string;
  target: Target;
  view: MessageView;
}

export interface NotifyEnv {
  now: Date;
  config: OrgConfig;
  directory: Directory;
}

const STEP_KIND = { 1: 'remind', 2: 'overdue', 3: 'escalate' } as const;

function recipients(step: LadderStep, kind: Deadline['kind'], state: ComplaintState, env: NotifyEnv): Target[] {
  const c = state.complaint;
  const person = (id: string): Target => ({ type: 'person', id });
  if (isApprovalDeadline(kind)) {
    // A pending approval: its deciders are reminded and told it is overdue; then the GM hears of it.
    const pending = state.approvals.find((a) => a.status === 'pending' && `approval_${a.kind}` === kind);
    if (!pending) return [];
    if (step < 3) return decidersOf(pending, c, env.directory).map(person);
  }
  if (kind === 'recall_decision') return recallLadderRecipients(step, env);
  if (kind === 'delayNotice') {
    // The delay notice is the liaison's (Sales, seed 001 §5.3): reminded, then its heads; then the GM as usual.
    const liaison = liaisonTargets(step, state, env);
    if (liaison) return liaison;
  }
  if (kind === 'revisit') {
    // The revisit is customer service's job: their channel is reminded, their managers get the notice.
    const cs: Target = { type: 'cs_channel' };
    if (step === 1) return [cs];
    if (step === 2) return [...env.config.customerService.managers.map(person), cs];
  }
  const dept: Target = { type: 'department', key: c.department };
  if (step === 1) return [c.handlerId ? { type: 'person', id: c.handlerId } : dept];
  if (step === 2) return [...env.directory.headsOf(c.department).map((id) => ({ type: 'person', id }) as Target), dept];
  return [...env.directory.gms().map((id) => ({ type: 'person', id }) as Target), ...(env.config.gmChannel ? [{ type: 'gm_channel' } as Target] : [])];
}

/**
 * Who tells the customer of a delay (config `customerContact.liaison`): step 1 the liaison department (its
 * channel, or its heads) or the role's holders; step 2 also the department's heads. Undefined: the complaint's department.
 */
export function liaisonTargets(step: LadderStep, state: ComplaintState, env: NotifyEnv): Target[] | undefined {
  const { department, role } = env.directory.liaison();
  if (step === 3 || (!department && !role)) return undefined;
  const people = (ids: string[]): Target[] => ids.map((id) => ({ type: 'person', id }));
  const holders = role ? people(env.directory.holdersOf(role)) : [];
  if (!department) return holders.length ? holders : undefined;
  const dept: Target = { type: 'department', key: department };
  return step === 1 ? [dept, ...holders] : [...people(env.directory.headsOf(department)), dept, ...holders];
}

/** A person reads in their language; channels in the organisation's. */
export function localeFor(target: Target, env: Pick<NotifyEnv, 'config' | 'directory'>): Locale {
  return target.type === 'person' ? env.directory.localeOf(target.id) : env.config.organisation.locale;
}

/**
 * A message for a target: in its language, and for a person without a configured locale in both
 * languages as well (`byLocale`), so that the deliverer can choose by what the platform knows of
 * them (Slack's user locale) — the writer may be a CLI process with no chat client.
 */
export function viewFor(target: Target, env: Pick<NotifyEnv, 'config' | 'directory'>, build: (l: Locale) => MessageView): MessageView {
  const view = build(localeFor(target, env));
  if (target.type !== 'person' || env.directory.person(target.id)?.locale) return view;
  return { ...view, byLocale: { 'zh-CN': build('zh-CN'), en: build('en') } };
}

export function ladderNotifications(step: LadderStep, d: Deadline, state: ComplaintState, env: NotifyEnv): Notification[] {
  const c = state.complaint;
  const kind = STEP_KIND[step];
  const t = translator();
  const view = (locale: Locale): MessageView => {
    const text = t.t(locale, `notify.${kind}`, {
      number: c.number,
      deadline: t.t(locale, `deadline.${d.kind}`),
      // At the due time itself the notice says "just overdue", not "due now".
      timeLeft:
        step > 1 && env.now.getTime() - d.dueAt.getTime() < 60_000
          ? t.t(locale, 'time.justOverdue')
          : timeLeftText(d.dueAt, env.now, locale),
      department: env.directory.departmentName(c.department, locale),
    });
    return { text: `${text}\n${c.title}`, tone: step === 1 ? 'warning' : 'danger' };
  };
  return recipients(step, d.kind, state, env).map((target) => ({
    key: `ladder:${c.id}:${d.kind}:${d.dueAt.toISOString()}:${step}`,
    kind,
    complaintId: c.id,
    target,
    view: viewFor(target, env, view),
  }));
}

/** One digest per GM per day: every complaint with an overdue deadline. */
export function digestNotifications(day: string, overdue: ComplaintState[], env: NotifyEnv): Notification[] {
  if (overdue.length === 0) return [];
  const t = translator();
  const view = (locale: Locale): MessageView => {
    const lines = overdue.map((s) => {
      const late = s.deadlines.filter((d) => !d.metAt && !d.cancelledAt && d.dueAt < env.now);
      const what = late.map((d) => `${t.t(locale, `deadline.${d.kind}`)} ${timeLeftText(d.dueAt, env.now, locale)}`).join('; ');
      return `• ${s.complaint.number} ${env.directory.departmentName(s.complaint.department, locale)} — ${what}`;
    });
    const title = t.t(locale, 'notify.digestTitle', { n: overdue.length });
    const at = formatDateTime(env.now, env.config.organisation.timeZone);
    return { text: [`${title} · ${at}`, ...lines].join('\n'), tone: 'danger' };
  };
  return env.directory.gms().map((id) => {
    const target = { type: 'person' as const, id };
    return { key: `digest:${day}`, kind: 'digest' as const, target, view: viewFor(target, env, view) };
  });
}

/**
 * Notices caused by a state change, written in the same transaction: a new complaint to its
 * department's channel, an assignment to the handler, an approval request to the approvers, a
 * twice-unsatisfied case to the GMs.
 */
/** A free-text note after a colon in the reader's language, or nothing. */
const noteText = (note: unknown, l: Locale) => (note ? `${l === 'zh-CN' ? '：' : ': '}${String(note)}` : '');

const unique = (ids: Array<string | undefined>): string[] => [...new Set(ids.filter((id): id is string => !!id))];

export function decisionNotifications(
  state: ComplaintState,
  events: readonly { type: string; data: Record<string, unknown> }[],
  actorId: string,
  env: NotifyEnv,
): Notification[] {
  const c = state.complaint;
  const t = translator();
  const key = (type: string) => `event:${c.id}:${c.version}:${type}`;
  const out: Notification[] = [];
  const say = (kind: Notification['kind'], type: string, target: Target, text: (l: Locale) => string) =>
    out.push({
      key: key(type),
      kind,
      complaintId: c.id,
      target,
      // A department's card remembers whose it is: drawn after the complaint moved, it says where it went.
      view: { ...viewFor(target, env, (l) => ({ text: text(l) })), ...(kind === 'card' && target.type === 'department' ? { department: target.key } : {}) },
    });
  const person = (id: string): Target => ({ type: 'person', id });
  for (const e of events) {
    if (e.type === 'filed' || e.type === 'reassigned') {
      // The channel post is the complaint card; its text says what is new for notifications and logs.
      const filed = (l: Locale) => t.t(l, 'notify.filed', { number: c.number, department: env.directory.departmentName(c.department, l), title: c.title });
      say('card', e.type, { type: 'department', key: c.department }, filed);
      // The old department's card is redrawn at delivery as "moved to …", without buttons.
      if (e.type === 'reassigned' && e.data.from && e.data.from !== c.department) say('card', `${e.type}:from`, { type: 'department', key: String(e.data.from) }, filed);
      // Customer service sees every new complaint: a line, or the card (a channel that has the card gets no line).
      const mode = env.config.customerService.newComplaints;
      if (e.type === 'filed' && mode !== 'off') say(mode === 'card' ? 'card' : 'notice', 'filed:cs', { type: 'cs_channel' }, filed);
    } else if (e.type === 'reopened') {
      // The 24 h clock restarts: the handler and the heads hear why and by when.
      const due = new Date(String(e.data.responseDueAt));
      for (const id of unique([c.handlerId, ...env.directory.headsOf(c.department)])) {
        say('reopened', e.type, person(id), (l) =>
          t.t(l, 'notify.reopened', { number: c.number, title: c.title, reason: String(e.data.reason ?? ''), due: formatDateTime(due, env.config.organisation.timeZone) }),
        );
      }
    } else if (e.type === 'rejected') {
      const text = (l: Locale) =>
        t.t(l, 'notify.rejected', { number: c.number, title: c.title, reason: t.t(l, `rejectReason.${String(e.data.reason)}`), note: noteText(e.data.note, l) });
      if (c.filerId !== actorId) say('rejected', e.type, person(c.filerId), text);
      say('rejected', `${e.type}:cs`, { type: 'cs_channel' }, text);
    } else if ((e.type === 'approved' || e.type === 'declined') && e.data.requestedBy && e.data.requestedBy !== actorId) {
      // The requester hears the decision (an extension, a claim, a solution, a downgrade).
      say('decided', e.type, person(String(e.data.requestedBy)), (l) =>
        t.t(l, e.type === 'approved' ? 'notify.requestApproved' : 'notify.requestDeclined', {
          number: c.number,
          kind: t.t(l, `approvalKind.${String(e.data.kind)}`),
          by: env.directory.displayName(actorId, l),
          note: noteText(e.data.note, l),
        }),
      );
    } else if (e.type === 'acknowledged' && c.handlerId && c.handlerId !== actorId) {
      say('assigned', e.type, { type: 'person', id: c.handlerId }, (l) => t.t(l, 'notify.assigned', { number: c.number, title: c.title }));
    } else if (e.type === 'approval_requested' || e.type === 'approval_step') {
      // A new request, or a chain handed to its next step: everyone who may decide it now (not its requester).
      const kind = String(e.data.kind);
      const pending = state.approvals.find((a) => a.status === 'pending' && a.kind === kind);
      const deciders = pending ? decidersOf(pending, c, env.directory) : [];
      for (const id of deciders) {
        say('approval', `${e.type}:${kind}:${pending!.requiredRole}`, { type: 'person', id }, (l) =>
          t.t(l, 'notice.approvalAsk', { number: c.number, what: approvalAsk(state, pending!.payload, kind, l, env), title: c.title }),
        );
      }
    } else if (e.type === 'recall_reported' || e.type === 'recall_decided') {
      recallNotices(state, e, actorId, env, say);
    } else if (e.type === 'delay_notice_due') {
      // The liaison's task starts now: tell the customer the reason and the new date (seed 001 §5.3).
      const targets = liaisonTargets(1, state, env) ?? [c.handlerId ? person(c.handlerId) : { type: 'department', key: c.department } as Target];
      const due = formatDateTime(new Date(String(e.data.dueAt)), env.config.organisation.timeZone);
      for (const target of targets) {
        say('notice', `delay_notice_due:${target.type === 'person' ? target.id : target.type === 'department' ? target.key : target.type}`, target, (l) =>
          t.t(l, 'contact.notify.delayNotice', {
            number: c.number,
            deadline: t.t(l, `deadline.${String(e.data.deadline)}`),
            cause: t.t(l, `contact.timeline.cause_${e.data.cause === 'breached' ? 'breached' : 'extended'}`),
            due,
            title: c.title,
          }) + (e.data.reason ? `\n${t.t(l, 'contact.notify.reason', { reason: String(e.data.reason) })}` : ''),
        );
      }
    } else if (e.type === 'first_contact_failed') {
      // Dealership flow step 3: customer service hears the progress and by when the customer will be reached.
      say('notice', e.type, { type: 'cs_channel' }, (l) =>
        t.t(l, 'contact.notify.unreachable', {
          number: c.number,
          department: env.directory.departmentName(c.department, l),
          note: String(e.data.note ?? ''),
          due: formatDateTime(new Date(String(e.data.dueAt)), env.config.organisation.timeZone),
          title: c.title,
        }),
      );
    } else if (e.type === 'escalated') {
      // Twice unsatisfied: the GMs decide (by DM, with the card and the decision button), and the GM channel hears of it.
      const escalated = (l: Locale) => t.t(l, 'notify.escalatedCase', { number: c.number });
      for (const id of env.directory.gms()) say('escalated_case', e.type, { type: 'person', id }, escalated);
      if (env.config.gmChannel) say('escalated_case', `${e.type}:channel`, { type: 'gm_channel' }, escalated);
    }
  }
  if (!out.some((n) => n.kind === 'card') && events.some((e) => e.type !== 'commented' && e.type !== 'deadline_met')) {
    say('card', 'update', { type: 'department', key: c.department }, () => c.number);
  }
  return out;
}

/** What an approver is asked, in words: the amount of a claim, the dates and reason of an extension, the grade of a downgrade, the solution. */
function approvalAsk(state: ComplaintState, p: Record<string, unknown>, kind: string, l: Locale, env: NotifyEnv): string {
  const t = translator();
  const c = state.complaint;
  const tz = env.config.organisation.timeZone;
  const when = (iso: unknown) => (iso ? formatDateTime(new Date(String(iso)), tz) : '—');
  switch (kind) {
    case 'claim': {
      const amount = Number(p.amountMinor ?? 0);
      const quantity = Number(p.quantity ?? 0);
      const parts = [
        amount > 0 ? formatMoney(amount, String(p.currency ?? env.config.claims.currency), l) : undefined,
        quantity > 0 ? t.t(l, 'timeline.pieces', { n: quantity }) : undefined,
      ].filter(Boolean);
      return t.t(l, 'notice.askClaim', { amount: parts.join(' · ') || '—' });
    }
    case 'extension':
      return t.t(l, 'notice.askExtension', { deadline: t.t(l, `deadline.${String(p.deadline)}`), from: when(p.from), to: when(p.to), reason: fit(String(p.reason ?? '—'), 300) });
    case 'downgrade':
      return t.t(l, 'notice.askDowngrade', { grade: t.t(l, `grade.${String(p.grade)}`), note: noteText(p.note, l) });
    case 'solution':
      return t.t(l, 'notice.askSolution', { cause: fit(c.eightD?.d4RootCause ?? '—', 300), action: fit(c.eightD?.d5Corrective ?? '—', 300) });
    default:
      return t.t(l, `approvalKind.${kind}`);
  }
}
