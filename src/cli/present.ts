/** Builds the neutral views for the CLI and renders them as text. */
import type { Core } from '../bot/boot.ts';
import type { Locale } from '../config/schema.ts';
import { buildComplaintCard, buildList, buildTimeline } from '../notifiers/views/index.ts';
import { cardToText, listToText, timelineToText } from '../notifiers/render/text.ts';
import { availableActions } from '../workflows/lifecycle.ts';
import type { ComplaintState, TimelineEvent } from '../workflows/model.ts';
import { canSeeContact } from '../workflows/permissions.ts';

function viewContext(core: Core, locale: Locale) {
  return { locale, now: core.deps.clock.now(), timeZone: core.config.organisation.timeZone, directory: core.deps.directory };
}

export function presentState(core: Core, state: ComplaintState, locale: Locale, viewerId: string): string {
  const { directory } = core.deps;
  const card = buildComplaintCard(state, {
    ...viewContext(core, locale),
    actions: availableActions(state, viewerId, { directory }),
    showContact: canSeeContact(viewerId, state.complaint, directory),
  });
  return cardToText(card);
}

export function presentTimeline(core: Core, events: TimelineEvent[], locale: Locale): string {
  return timelineToText(buildTimeline(events, viewContext(core, locale)));
}

export function presentList(core: Core, states: ComplaintState[], locale: Locale): string {
  return listToText(buildList(states, { ...viewContext(core, locale), title: core.config.organisation.name[locale === 'en' ? 'en' : 'zh'] }));
}
