/** A list item's button (App Home, `/complaint list`): the complaint with its timeline, in a modal. */
import type { App, BlockButtonAction } from '@slack/bolt';
import { SHOW_ACTION } from '../../../../notifiers/render/slack/blocks.ts';
import type { SlackContext } from '../../context.ts';
import { complaintModal } from '../../views.ts';

export function register(app: App, ctx: SlackContext): void {
  app.action<BlockButtonAction>(SHOW_ACTION, async ({ ack, body, action, client }) => {
    await ack();
    const actor = await ctx.identity.actor(body.user.id);
    const shown = await ctx.io.show(actor, action.value ?? '');
    await client.views.open({ trigger_id: body.trigger_id, view: complaintModal(shown, actor.locale!) });
  });
}
