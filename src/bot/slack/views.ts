/** Slack payloads for one viewer, composed from the shared neutral views and the Block Kit renderers. */
import type { HomeView, KnownBlock, ModalView, SectionBlock } from '@slack/types';
import { myTasks, timelineFor, cardFor, localeOf, viewContext } from '../../commands/present.ts';
import type { CommandReply } from '../../commands/run-command.ts';
import { list } from '../../commands/query.ts';
import { translator } from '../../notifiers/i18n/index.ts';
import { cardBlocks, listBlocks, messagePayload, textPayload, timelineText } from '../../notifiers/render/slack/blocks.ts';
import { SLACK_LIMITS, fit } from '../../notifiers/render/slack/limits.ts';
import { mrkdwnText, type Mrkdwn } from '../../notifiers/render/slack/mrkdwn.ts';
import { formModal, type ModalMetadata } from '../../notifiers/render/slack/modal.ts';
import { tasksBlocks } from '../../notifiers/render/slack/tasks.ts';
import { buildList, type FormView, type TimelineView } from '../../notifiers/views/index.ts';
import { parseMoment } from '../../workflows/inputs.ts';
import type { Actor, ComplaintState } from '../../workflows/model.ts';
import type { SlackContext } from './context.ts';

const timelineSection = (view: TimelineView): SectionBlock => ({ type: 'section', text: mrkdwnText(timelineText(view)) });

export function modalFor(ctx: SlackContext, form: FormView, metadata: ModalMetadata, error?: string): ModalView {
  const tz = ctx.core.config.organisation.timeZone;
  return formModal(form, { metadata, ...(error ? { error } : {}), toDate: (s) => parseMoment(s, tz) });
}

/** An ephemeral answer to `/complaint …` (never a form: forms open as modals). */
export function replyPayload(reply: Exclude<CommandReply, { type: 'form' } | { type: 'export' }>): { text: Mrkdwn; blocks: KnownBlock[] } {
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
export async function complaintModal(ctx: SlackContext, state: ComplaintState, viewer: Actor): Promise<ModalView> {
  const { deps } = ctx.core;
  const locale = localeOf(deps, viewer);
  const card = cardFor(deps, state, viewer);
  const timeline = await timelineFor(deps, state, locale);
  return {
    type: 'modal',
    callback_id: 'kesu:show',
    title: { type: 'plain_text', text: fit(card.number, SLACK_LIMITS.modalTitle) },
    close: { type: 'plain_text', text: fit(translator().t(locale, 'forms.common.close'), SLACK_LIMITS.modalButton) },
    blocks: [...cardBlocks(card), timelineSection(timeline)].slice(0, SLACK_LIMITS.modalBlocks),
  };
}

/** App Home: the viewer's tasks (what each needs from them, its button, time left); for the GM also the escalated and overdue complaints. */
export async function homeView(ctx: SlackContext, viewer: Actor): Promise<HomeView> {
  const { deps } = ctx.core;
  const locale = localeOf(deps, viewer);
  const tr = translator();
  const blocks: KnownBlock[] = tasksBlocks((await myTasks(deps, viewer)).tasks, { maxItems: 20 });
  if (deps.directory.isGm(viewer.id)) {
    const vc = viewContext(deps, locale);
    const escalated = await list(deps, viewer, { status: ['escalated'] });
    const overdue = await list(deps, viewer, { overdueAt: deps.clock.now() });
    blocks.push({ type: 'divider' }, ...listBlocks(buildList(escalated, { ...vc, title: tr.t(locale, 'status.escalated') }), { maxItems: 20 }));
    blocks.push({ type: 'divider' }, ...listBlocks(buildList(overdue, { ...vc, title: tr.t(locale, 'list.overdue') }), { maxItems: 25 }));
  }
  return { type: 'home', blocks: blocks.slice(0, SLACK_LIMITS.homeBlocks) };
}
