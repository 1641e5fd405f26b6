/** Complaint cards drawn from the current state at delivery: a department channel's, a moved one's, and a person's in a DM. */
import type { Deps } from './deps.ts';
import { cardFor, coOwnersOf, timelineFor } from './present.ts';
import { loadState } from '../store/complaints.ts';
import type { OutboxRow } from '../store/outbox.ts';
import { availableActions } from '../workflows/lifecycle.ts';
import type { Action, ComplaintState } from '../workflows/model.ts';
import { mayDecide } from '../workflows/permissions.ts';
import { unresolvedPerson } from '../notifiers/deliverer.ts';
import type { CardAudience, RenderedCard } from '../notifiers/dispatcher.ts';
import { buildComplaintCard, buildMovedCard } from '../notifiers/views/card.ts';
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

/** The person a DM row goes to: `@person`, the console's person id, or the platform user known to the directory. */
function recipientOf(deps: Deps, row: OutboxRow, to: CardAudience): string {
  return unresolvedPerson(row.address) ?? (to.platform === 'local' ? to.address : deps.directory.actorId(to.platform, to.address));
}

/**
 * The dispatcher's card hook (see DispatcherOptions.renderCard). A card row shows the channel's card
 * in the organisation's language — or, when the complaint has since moved away from the department the
 * card was posted for, a "moved to" card without buttons naming where it went (a Slack channel is
 * mentioned). A person's notice about a complaint gets the card as that person sees it: their buttons,
 * contact data if they may see it, in their language. A channel card comes with its timeline (the
 * card's thread), in the organisation's language; a moved card's thread stays as it was.
 */
export function cardRenderer(deps: Deps): (row: OutboxRow, to: CardAudience) => Promise<RenderedCard | undefined> {
  return async (row, to) => {
    if (!row.complaintId) return undefined;
    const state = await loadState(deps.db.prisma, row.complaintId);
    if (!state) return undefined;
    const { complaint } = state;
    if (row.kind !== 'card') {
      const card = cardFor(deps, state, { id: recipientOf(deps, row, to), ...(to.locale ? { locale: to.locale } : {}) });
      return { view: { text: `${complaint.number} ${complaint.title}`, card, tone: card.tone } };
    }
    const ctx = { locale: deps.config.organisation.locale, now: deps.clock.now(), timeZone: deps.config.organisation.timeZone, directory: deps.directory };
    const postedFor = (JSON.parse(row.payload) as MessageView).department;
    if (postedFor && postedFor !== complaint.department) {
      const channel = to.platform === 'local' ? undefined : deps.directory.department(complaint.department)?.channel?.[to.platform];
      const card = buildMovedCard(state, { ...ctx, ...(channel ? { channel } : {}) });
      return { view: { text: `${complaint.number} ${complaint.title} → ${card.movedTo!.department}`, card, tone: card.tone } };
    }
    const card = buildComplaintCard(state, {
      ...ctx,
      actions: channelActions(deps, state),
      showContact: false, // channel posts show customer contact masked (DESIGN.md §8)
      coOwners: coOwnersOf(deps, state),
    });
    const view: MessageView = { text: `${complaint.number} ${complaint.title} [${card.statusLabel}]`, card, tone: card.tone };
    return { view, timeline: await timelineFor(deps, state, ctx.locale) };
  };
}

