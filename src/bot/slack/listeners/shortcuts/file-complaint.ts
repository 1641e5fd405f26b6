/** Global shortcut "File a complaint" and message shortcut "File complaint from this message" (prefills the description). */
import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.ts';
import { decodeSlackText, namesIn } from '../../decode.ts';
import { modalFor } from '../../views.ts';

export const GLOBAL_SHORTCUT = 'kesu_file_complaint';
export const MESSAGE_SHORTCUT = 'kesu_file_from_message';

export function register(app: App, ctx: SlackContext): void {
  const tz = ctx.io.config.organisation.timeZone;
  app.shortcut(GLOBAL_SHORTCUT, async ({ shortcut, ack, client }) => {
    await ack();
    const actor = await ctx.identity.actor(shortcut.user.id);
    await client.views.open({ trigger_id: shortcut.trigger_id, view: modalFor(tz, await ctx.io.filingForm(actor), {}) });
  });

  app.shortcut(MESSAGE_SHORTCUT, async ({ shortcut, ack, client }) => {
    await ack();
    if (shortcut.type !== 'message_action') return;
    const actor = await ctx.identity.actor(shortcut.user.id);
    // Slack sends the message encoded (entities, <@U…>, <url|label>): the form shows what the person read.
    const text = decodeSlackText(shortcut.message.text ?? '', namesIn(ctx.io.directory, actor)).trim();
    const form = await ctx.io.filingForm(actor, text || undefined);
    await client.views.open({ trigger_id: shortcut.trigger_id, view: modalFor(tz, form, { channel: shortcut.channel.id }) });
  });
}
