/** The complaint card as a department channel sees it, drawn from the current state at delivery time. */
import type { Deps } from './deps.ts';
import { loadState } from '../store/complaints.ts';
import { availableActions } from '../workflows/lifecycle.ts';
import { buildComplaintCard } from '../notifiers/views/index.ts';
import type { MessageView } from '../notifiers/views/types.ts';

export function channelCardRenderer(deps: Deps): (complaintId: string) => Promise<MessageView | undefined> {
  return async (complaintId) => {
    const state = await loadState(deps.db.prisma, complaintId);
    if (!state) return undefined;
    const { complaint } = state;
    // Buttons a department head would have; each click is checked again for the person who clicks.
    const head = deps.directory.headsOf(complaint.department)[0] ?? '';
    const card = buildComplaintCard(state, {
      locale: deps.config.organisation.locale,
      now: deps.clock.now(),
      timeZone: deps.config.organisation.timeZone,
      directory: deps.directory,
      actions: availableActions(state, head, { directory: deps.directory }),
      showContact: false, // channel posts show customer contact masked (DESIGN.md §8)
    });
    return { text: `${complaint.number} ${complaint.title} [${card.statusLabel}]`, card, tone: card.tone };
  };
}
