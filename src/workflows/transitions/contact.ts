/**
 * The customer-contact record (seed 001 §5.1–5.3; dealership flow step 3): each contact is an event, and
 * the contacts the procedure requires are tasks with deadlines — the containment report of an urgent
 * complaint, the delay notice after a deadline is extended or missed, the next attempt at first contact.
 */
import type { DeadlineKind } from '../../config/schema.ts';
import { breachAt, cancelDeadline, isActive, meetDeadline, startDeadline } from '../deadlines.ts';
import { addDuration } from '../durations.ts';
import type { ActionInput } from '../inputs.ts';
import type { Decision, LifecycleEnv } from '../lifecycle.ts';
import type { ComplaintState, ContactWhat } from '../model.ts';
import { draft, event, replaceDeadline, updateDeadline, type Handler } from './shared.ts';

/**
 * The deadlines whose slip the customer must be told of: seed 001 §5.3 names the two rules above it, the
 * 24 h emergency measure (§5.1) and the 7-working-day reply (§5.2). A late first response has its own
 * fallback (customer unreachable → first contact within 48 h).
 */
export const ANNOUNCED_KINDS = ['containment', 'eightD'] as const;
/** The contact tasks: settled by a resolve or a rejection like the other handling deadlines. */
export const CONTACT_TASKS = ['containmentReport', 'delayNotice', 'firstContact'] as const;

const HOUR = 3_600_000;

/**
 * Record a contact with the customer as an effect of another action (the acknowledgement, the 8D sent, the
 * revisit): on the contact record, `derived` because the action's own timeline line already tells it.
 */
export function contactEvent(d: Decision, what: ContactWhat, data: { via?: string; at: Date; summary?: string }): void {
  event(d, 'customer_contacted', { what, ...(data.via ? { via: data.via } : {}), at: data.at.toISOString(), ...(data.summary ? { summary: data.summary } : {}), derived: true });
}

/**
 * A deadline towards the customer was extended or missed: the liaison owes the customer the reason and the
 * new date within `contact.delayNotice`, counted from the slip. One notice covers every slip known when it is given.
 */
export function openDelayNotice(d: Decision, env: LifecycleEnv, deadline: DeadlineKind, cause: 'extended' | 'breached', at: Date, reason?: string): void {
  const open = d.deadlines.find((x) => x.kind === 'delayNotice' && isActive(x));
  const dueAt = open?.dueAt ?? addDuration(at, env.policy.contact.delayNotice, env.calendar);
  event(d, 'delay_notice_due', { deadline, cause, dueAt: dueAt.toISOString(), ...(reason ? { reason } : {}) });
  if (!open) replaceDeadline(d, startDeadline('delayNotice', at, dueAt, env, d.complaint), env.now);
}

/** A delay notice no longer owed: nothing towards the customer is both still open and late or moved. */
export function settleDelayNotice(d: Decision, now: Date): void {
  const owed = d.deadlines.some((x) => (ANNOUNCED_KINDS as readonly string[]).includes(x.kind) && isActive(x) && (breachAt(x, now) || x.extensions > 0));
  if (!owed) updateDeadline(d, 'delayNotice', (x) => cancelDeadline(x, now));
}

/** Meet a contact task at the contact's time, when the contact came after the task opened. */
function meetAt(d: Decision, kind: DeadlineKind, at: Date, now: Date): void {
  const before = d.deadlines.find((x) => x.kind === kind);
  if (!before || !isActive(before) || at < before.startsAt) return;
  const when = at > now ? now : at;
  updateDeadline(d, kind, (x) => meetDeadline(x, when));
  d.events.push({ type: 'deadline_met', data: { kind, dueAt: before.dueAt.toISOString(), late: when > before.dueAt } });
}

/** The engine saw a deadline towards the customer pass unmet: the timeline says so and the delay notice opens (§5.3). */
export function breachDecision(state: ComplaintState, kind: DeadlineKind, env: LifecycleEnv): Decision | undefined {
  const missed = state.deadlines.find((x) => x.kind === kind);
  if (!missed || !(ANNOUNCED_KINDS as readonly string[]).includes(kind) || !isActive(missed)) return undefined;
  const d = draft(state, env);
  event(d, 'deadline_missed', { deadline: kind, dueAt: missed.dueAt.toISOString() });
  openDelayNotice(d, env, kind, 'breached', missed.dueAt);
  return d;
}

export const contact: Handler<ActionInput<'contact'>> = (state, _actor, input, env) => {
  const d = draft(state, env);
  event(d, 'customer_contacted', {
    what: input.what,
    via: input.via,
    at: input.at.toISOString(),
    summary: input.summary,
    ...(input.reason ? { reason: input.reason } : {}),
    ...(input.newDate ? { newDate: input.newDate.toISOString() } : {}),
  });
  if (input.what === 'containment_report') meetAt(d, 'containmentReport', input.at, env.now);
  if (input.what === 'delay_notice') meetAt(d, 'delayNotice', input.at, env.now);
  if (input.what === 'first_response') meetAt(d, 'firstContact', input.at, env.now);
  return d;
};

/**
 * The department could not reach the customer for the first response (dealership flow step 3): customer
 * service is told the progress, and the first contact is due `contact.firstContactHours` after the first
 * such report. The 24 h response deadline gives way to it (a breach already incurred is kept); later
 * reports add attempts without moving the due time.
 */
export const customerUnreachable: Handler<ActionInput<'customer_unreachable'>> = (state, _actor, input, env) => {
  const d = draft(state, env);
  const running = state.deadlines.find((x) => x.kind === 'firstContact' && isActive(x));
  const due = running?.dueAt ?? env.calendar.holdToWorkingHours(new Date(env.now.getTime() + env.policy.contact.firstContactHours * HOUR));
  event(d, 'first_contact_failed', { note: input.note, dueAt: due.toISOString(), ...(running ? { again: true } : {}) });
  if (!running) {
    updateDeadline(d, 'response', (x) => cancelDeadline(x, env.now));
    replaceDeadline(d, startDeadline('firstContact', env.now, due, env, d.complaint), env.now);
  }
  return d;
};
