/** Staff confirm or dismiss a suggested repeat: "KS-… is the same problem as KS-…" (issue 15 item 8). */
import { KesuError } from '../../errors.ts';
import type { ActionInput } from '../inputs.ts';
import { draft, event, type Handler } from './shared.ts';

export const linkRepeat: Handler<ActionInput<'link_repeat'>> = (state, actor, input, env) => {
  const c = state.complaint;
  const wanted = input.candidate.trim().toUpperCase();
  const link = c.repeats?.find((r) => r.status === 'suggested' && (r.number === wanted || r.id === input.candidate));
  if (!link) throw new KesuError('repeat_not_suggested', { number: c.number, candidate: input.candidate });
  const d = draft(state, env);
  const status = input.decision === 'confirm' ? 'confirmed' : 'dismissed';
  d.complaint.repeats = c.repeats!.map((r) => (r === link ? { ...r, status, decidedBy: actor.id, decidedAt: env.now.toISOString() } : r));
  event(d, status === 'confirmed' ? 'repeat_confirmed' : 'repeat_dismissed', {
    candidate: link.number,
    candidateId: link.id,
    reasons: link.reasons,
    ...(input.note ? { note: input.note } : {}),
  });
  return d;
};
