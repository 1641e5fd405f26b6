/** Major complaints to the GM: flagged when filed or re-graded major, escalated by hand ("to the GM now"), answered when the GM acts. */
import type { ActionInput } from '../inputs.ts';
import type { Decision, LifecycleEnv } from '../lifecycle.ts';
import { coOwnerRoles, isMajor, needsSignoff, openEscalations } from '../major.ts';
import type { Actor, Complaint } from '../model.ts';
import { draft, event, type Handler } from './shared.ts';

/**
 * The complaint is major now and was not before (`before` absent: just filed): the `major_flagged` event
 * sends it to the GM (a DM with the card, and the GM channel) and names a grade C's co-owners.
 */
export function flagMajor(d: Decision, env: Pick<LifecycleEnv, 'config'>, before?: Pick<Complaint, 'grade' | 'urgent' | 'safety'>): void {
  const c = d.complaint;
  if (!isMajor(c) || (before && isMajor(before))) return;
  event(d, 'major_flagged', {
    grade: c.grade,
    urgent: c.urgent,
    safety: c.safety === true,
    coOwners: needsSignoff(c, env.config) ? coOwnerRoles(c, env.config) : [],
  });
}

/** Anyone on the case asks the GM to look at it now, with the reason. The department's work goes on. */
export const escalate: Handler<ActionInput<'escalate'>> = (state, actor, input, env) => {
  const d = draft(state, env);
  const c = d.complaint;
  c.gmEscalations = [...(c.gmEscalations ?? []), { by: actor.id, at: env.now.toISOString(), reason: input.reason }];
  event(d, 'escalated_by_hand', { reason: input.reason, status: c.status });
  return d;
};

/** A GM acting on the complaint (a comment, an approval, a decision) answers the escalations waiting for one. */
export function answerEscalations(d: Decision, actor: Pick<Actor, 'id'>, env: Pick<LifecycleEnv, 'directory' | 'now'>): void {
  const c = d.complaint;
  if (!env.directory.isGm(actor.id) || openEscalations(c).length === 0) return;
  const at = env.now.toISOString();
  c.gmEscalations = c.gmEscalations!.map((e) => (e.answeredAt ? e : { ...e, answeredAt: at, answeredBy: actor.id }));
  c.updatedAt = env.now; // a GM's comment that answers an escalation changes the record (the timeline entry is dated by it)
}
