/** Slack payloads for one viewer, composed from the interaction core's neutral views and the Block Kit renderers. */
import type { HomeView, KnownBlock, ModalView, SectionBlock } from '@slack/types';
import type { ShownReply } from '../../interaction/index.ts';
import { translator } from '../../notifiers/i18n/index.ts';
import { cardBlocks, listBlocks, messagePayload, textPayload, timelineText } from '../../notifiers/render/slack/blocks.ts';
import { SLACK_LIMITS, fit } from '../../notifiers/render/slack/limits.ts';
import { mrkdwnText, type Mrkdwn } from '../../notifiers/render/slack/mrkdwn.ts';
import { formModal, type ModalMetadata } from '../../notifiers/render/slack/modal.ts';
import type { CardView, FormView, ListView, TasksView, TimelineView } from '../../notifiers/views/index.ts';
import { tasksBlocks } from '../../notifiers/render/slack/tasks.ts';
import { parseMoment } from '../../workflows/inputs.ts';
import type { Locale } from '../../config/schema.ts';

const timelineSection = (view: TimelineView): SectionBlock => ({ type: 'section', text: mrkdwnText(timelineText(view)) });

export function modalFor(timeZone: string, form: FormView, metadata: ModalMetadata, error?: string): ModalView {
  return formModal(form, { metadata, ...(error ? { error } : {}), toDate: (s) => parseMoment(s, timeZone) });
}

/** An ephemeral answer to `/complaint …`. */
export function replyPayload(reply: ShownReply): { text: Mrkdwn; blocks: KnownBlock[] } {
  switch (reply.type) {
    case 'list':
      return { ...textPayload(reply.list.title), blocks: listBlocks(reply.list) };
    case 'complaint':
      return {
        ...textPayload(`${reply.card.number} ${reply.card.title}`),
        blocks: [...cardBlocks(reply.card), timelineSection(reply.timeline)].slice(0, SLACK_LIMITS.messageBlocks),
      };
    case 'message':
      return messagePayload(reply.message);
  }
}

/** A read-only modal with one complaint and its timeline (from App Home and list buttons). */
export function complaintModal(shown: { card: CardView; timeline: TimelineView }, locale: Locale): ModalView {
  return {
    type: 'modal',
    callback_id: 'kesu:show',
    title: { type: 'plain_text', text: fit(shown.card.number, SLACK_LIMITS.modalTitle) },
    close: { type: 'plain_text', text: fit(translator().t(locale, 'forms.common.close'), SLACK_LIMITS.modalButton) },
    blocks: [...cardBlocks(shown.card), timelineSection(shown.timeline)].slice(0, SLACK_LIMITS.modalBlocks),
  };
}

/** App Home: the viewer's tasks with time left; for the GM also the escalated and overdue complaints. */
export function homeView(home: { tasks: TasksView; lists: readonly ListView[] }): HomeView {
  const blocks: KnownBlock[] = tasksBlocks(home.tasks, { maxItems: 20 });
  for (const [i, section] of home.lists.entries()) blocks.push({ type: 'divider' }, ...listBlocks(section, { maxItems: i === 0 ? 20 : 25 }));
  return { type: 'home', blocks: blocks.slice(0, SLACK_LIMITS.homeBlocks) };
}
