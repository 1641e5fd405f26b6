/**
 * A button on a complaint card: the action's form opens as a modal for the person who clicked. When
 * they may not take that step now, they alone are told why (ephemeral), and nothing opens.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import { isAction, openForm } from '../../../../commands/forms.ts';
import { isKesuError } from '../../../../errors.ts';
import { formatError } from '../../../../notifiers/i18n/index.ts';
import { ACTION_PREFIX, textPayload } from '../../../../notifiers/render/slack/blocks.ts';
import type { SlackContext } from '../../context.ts';
import { modalFor } from '../../views.ts';

export function register(app: App, ctx: SlackContext): void {
  app.action<BlockButtonAction>(new RegExp(`^${ACTION_PREFIX}`), async ({ ack, body, action, client }) => {
    await ack();
    const name = action.action_id.slice(ACTION_PREFIX.length);
    if (!isAction(name)) return;
    const actor = await ctx.identity.actor(body.user.id);
    try {
      const form = await openForm(ctx.core.deps, actor, name, { complaint: action.value ?? '' });
      const view = modalFor(ctx, form, { complaint: action.value ?? '' });
      // A button inside a modal (the complaint shown from App Home) stacks the form on top of it; from App Home itself it opens one.
      if (body.view?.type === 'modal') await client.views.push({ trigger_id: body.trigger_id, view });
      else await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (e) {
      if (!isKesuError(e)) throw e;
      const { message } = formatError(e, actor.locale!, { timeZone: ctx.core.config.organisation.timeZone });
      const channel = body.channel?.id;
      if (channel) await client.chat.postEphemeral({ channel, user: body.user.id, ...textPayload(message) });
      else await client.chat.postMessage({ channel: body.user.id, ...textPayload(message) });
    }
  });
}
