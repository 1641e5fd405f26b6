/** The complaint card as a department channel sees it, drawn from the current state at delivery time. */
import type { Deps } from './deps.ts';
import { loadState } from '../store/complaints.ts';
import { availableActions } from '../workflows/lifecycle.ts';
import type { Action, ComplaintState } from '../workflows/model.ts';
import { mayDecide } from '../workflows/permissions.ts';
import { buildComplaintCard } from '../notifiers/views/index.ts';
import type { MessageView } from '../notifiers/views/types.ts';

/**
 * The next steps anyone in the procedure may take now — the department head, customer service, the
 * GM and whoever must approve — so that Acknowledge, Approve, Record revisit and GM decision all show
 * on the shared card. Each click is checked again for the person who clicks.
 */
export function channelActions(deps: Deps, state: ComplaintState): Action[] {
  const { directory } = deps;
  const c = state.complaint;
  const approvers = state.approvals
    .filter((a) => a.status === 'pending')
    .flatMap((a) => directory.people().filter((p) => mayDecide(p.id, a, directory)).map((p) => p.id));
  const who = [directory.headsOf(c.department)[0], directory.customerServiceMembers()[0], directory.gms()[0], ...approvers].filter((id): id is string => !!id);
  return [...new Set(who.flatMap((id) => availableActions(state, id, { directory })))];
}

export function channelCardRenderer(deps: Deps): (complaintId: string) => Promise<MessageView | undefined> {
  return async (complaintId) => {
    const state = await loadState(deps.db.prisma, complaintId);
    if (!state) return undefined;
    const { complaint } = state;
    const card = buildComplaintCard(state, {
      locale: deps.config.organisation.locale,
      now: deps.clock.now(),
      timeZone: deps.config.organisation.timeZone,
      directory: deps.directory,
      actions: channelActions(deps, state),
      showContact: false, // channel posts show customer contact masked (DESIGN.md §8)
    });
    return { text: `${complaint.number} ${complaint.title} [${card.statusLabel}]`, card, tone: card.tone };
  };
}
