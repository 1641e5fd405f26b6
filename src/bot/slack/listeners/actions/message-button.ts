/**
 * A button on a message not about a complaint (the GM's Sign on a monthly statement): the interaction
 * core acts and its answer goes to the clicker alone; a refusal (not a GM, already signed) is thrown
 * for the platform's boundary (index.ts), which tells them privately.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import { MESSAGE_ACTION_PREFIX, textPayload } from '../../../../notifiers/render/slack/blocks.ts';
import type { SlackContext } from '../../context.ts';

export function register(app: App, ctx: SlackContext): void {
  app.action<BlockButtonAction>(new RegExp(`^${MESSAGE_ACTION_PREFIX}`), async ({ ack, body, action, client }) => {
    await ack();
    const actor = await ctx.identity.actor(body.user.id);
    const answer = await ctx.io.messageButton(actor, action.action_id.slice(MESSAGE_ACTION_PREFIX.length), action.value ?? '');
    const payload = textPayload(answer.text);
    const channel = body.channel?.id;
    const ephemeral = channel ? await client.chat.postEphemeral({ channel, user: body.user.id, ...payload }).catch(() => undefined) : undefined;
    if (!ephemeral?.ok) await client.chat.postMessage({ channel: body.user.id, ...payload });
  });
}
