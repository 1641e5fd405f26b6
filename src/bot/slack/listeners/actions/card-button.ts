/**
 * A button on a complaint card: the action's form opens as a modal for the person who clicked. When
 * they may not take that step now, the interaction core refuses with the reason, which the platform's
 * boundary (index.ts) tells them alone; nothing opens.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION_PREFIX } from '../../../../notifiers/render/slack/blocks.ts';
import type { SlackContext } from '../../context.ts';
import { modalFor } from '../../views.ts';

export function register(app: App, ctx: SlackContext): void {
  app.action<BlockButtonAction>(new RegExp(`^${ACTION_PREFIX}`), async ({ ack, body, action, client }) => {
    await ack();
    const actor = await ctx.identity.actor(body.user.id);
    const complaint = action.value ?? '';
    const form = await ctx.io.press(actor, action.action_id.slice(ACTION_PREFIX.length), complaint);
    const view = modalFor(ctx.io.config.organisation.timeZone, form, { complaint });
    // A button inside a modal (the complaint shown from App Home) stacks the form on top of it; one on
    // App Home itself (a task's button) opens a new modal (views.push works only from inside a modal).
    if (body.view?.type === 'modal') await client.views.push({ trigger_id: body.trigger_id, view });
    else await client.views.open({ trigger_id: body.trigger_id, view });
  });
}
