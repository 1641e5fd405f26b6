/**
 * `/complaint [subcommand]`, answered by the interaction core through a Slack replier: the filing form
 * opens as a modal inside the trigger's 3 seconds (it needs only the config); other answers go
 * ephemerally through the response URL — except files (the stats chart, the tracking table), which go
 * to the asker's DM with the bot, with an ephemeral line saying so.
 */
import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { ChartRefused, type Replier } from '../../../../interaction/index.ts';
import { translator } from '../../../../notifiers/i18n/index.ts';
import { textPayload } from '../../../../notifiers/render/slack/blocks.ts';
import type { Actor } from '../../../../workflows/model.ts';
import type { SlackContext } from '../../context.ts';
import { decodeSlackText, namesIn } from '../../decode.ts';
import { dmChannel, refusedFile, shareChart, shareFiles } from '../../files.ts';
import { modalFor, replyPayload } from '../../views.ts';

export function register(app: App, ctx: SlackContext): void {
  app.command('/complaint', async ({ command, ack, client, respond }) => {
    await ack();
    const actor = await ctx.identity.actor(command.user_id);
    // A command's text arrives encoded like a message's (entities, and mentions when the command escapes them).
    const decodePrefill = (text: string) => decodeSlackText(text, namesIn(ctx.io.directory, actor));
    await ctx.io.command(slackReplier(ctx, client, command, respond, actor), actor, command.text, { command: command.command, decodePrefill });
  });
}

function slackReplier(ctx: SlackContext, client: WebClient, command: SlashCommand, respond: RespondFn, actor: Actor): Replier {
  const say = (key: string, params?: Record<string, unknown>) => respond({ response_type: 'ephemeral', ...textPayload(translator().t(actor.locale!, `commands.${key}`, params)) });
  return {
    async form(form) {
      await client.views.open({ trigger_id: command.trigger_id, view: modalFor(ctx.io.config.organisation.timeZone, form, { channel: command.channel_id }) });
    },
    async reply(reply) {
      await respond({ response_type: 'ephemeral', ...replyPayload(reply) });
    },
    async chart(message) {
      const dm = await dmChannel(client, command.user_id);
      await shareChart(client, dm, message).catch((e: unknown) => {
        throw refusedFile(e) ? new ChartRefused('slack: files:write is not granted') : e;
      });
      if (command.channel_id !== dm) await say('chartSent');
    },
    async export({ range, statement, make }) {
      const { comment, files } = await make();
      await shareFiles(client, await dmChannel(client, command.user_id), comment, files);
      if (statement) await respond({ response_type: 'ephemeral', ...textPayload(translator().t(actor.locale!, 'accountability.sent', { period: statement })) });
      else await say('exportSent', { ...range });
    },
  };
}
