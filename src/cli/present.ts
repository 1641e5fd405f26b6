/** Builds the neutral views for the CLI (the same builders every platform uses) and renders them as text. */
import type { Core } from '../bot/boot.ts';
import { cardFor, viewContext } from '../commands/present.ts';
import type { Locale } from '../config/schema.ts';
import { buildList, buildTimeline } from '../notifiers/views/index.ts';
import { cardToText, listToText, timelineToText } from '../notifiers/render/text.ts';
import type { ComplaintState, TimelineEvent } from '../workflows/model.ts';

export function presentState(core: Core, state: ComplaintState, locale: Locale, viewerId: string): string {
  return cardToText(cardFor(core.deps, state, { id: viewerId, locale }));
}

export function presentTimeline(core: Core, events: TimelineEvent[], locale: Locale): string {
  return timelineToText(buildTimeline(events, viewContext(core.deps, locale)));
}

export function presentList(core: Core, states: ComplaintState[], locale: Locale): string {
  return listToText(buildList(states, { ...viewContext(core.deps, locale), title: core.config.organisation.name[locale === 'en' ? 'en' : 'zh'] }));
}
