/**
 * `/complaint [subcommand]`. Filing: ack at once, then `views.open` inside the trigger's 3 seconds
 * (the form needs only the config; nothing is written until the modal is submitted). Other
 * subcommands: ack, then answer ephemerally through the response URL — except what comes as files
 * (the stats chart, the tracking table), which goes to the asker's DM with the bot.
 */
import type { App } from '@slack/bolt';
import { openForm } from '../../../../commands/forms.ts';
import { parseCommand } from '../../../../commands/parse-command.ts';
import { exportFiles } from '../../../../commands/export.ts';
import { runCommand } from '../../../../commands/run-command.ts';
import { translator } from '../../../../notifiers/i18n/index.ts';
import { textPayload } from '../../../../notifiers/render/slack/blocks.ts';
import { withoutChart } from '../../../../notifiers/views/chart.ts';
import type { SlackContext } from '../../context.ts';
import { decodeSlackText, namesIn } from '../../decode.ts';
import { dmChannel, refusedFile, shareChart, shareFiles } from '../../files.ts';
import { modalFor, replyPayload } from '../../views.ts';

export function register(app: App, ctx: SlackContext): void {
  app.command('/complaint', async ({ command, ack, client, respond }) => {
    await ack();
    const actor = await ctx.identity.actor(command.user_id);
    const intent = parseCommand(command.text);
    if (intent.kind === 'file') {
      // A command's text arrives encoded like a message's (entities, and mentions when the command escapes them).
      const prefill = intent.prefill ? decodeSlackText(intent.prefill, namesIn(ctx.core.deps.directory, actor)) : '';
      const form = await openForm(ctx.core.deps, actor, 'file', prefill ? { values: { description: prefill } } : {});
      await client.views.open({ trigger_id: command.trigger_id, view: modalFor(ctx, form, { channel: command.channel_id }) });
      return;
    }
    const reply = await runCommand(ctx.core.deps, actor, command.text, { command: command.command });
    if (reply.type === 'form') return; // only `file` opens a form, handled above
    const t = (key: string, params?: Record<string, unknown>) => textPayload(translator().t(actor.locale!, `commands.${key}`, params));
    if (reply.type === 'export') {
      const { comment, files } = await exportFiles(ctx.core.deps, actor, reply.range);
      await shareFiles(client, await dmChannel(client, command.user_id), comment, files);
      await respond({ response_type: 'ephemeral', ...t('exportSent', { ...reply.range }) });
      return;
    }
    if (reply.type === 'message' && reply.message.chart) {
      const dm = await dmChannel(client, command.user_id);
      const shared = await shareChart(client, dm, reply.message).then(
        () => true,
        (e: unknown) => {
          if (!refusedFile(e)) throw e;
          return false; // no files:write: the answer goes as text, with the chart's figures
        },
      );
      if (!shared) await respond({ response_type: 'ephemeral', ...replyPayload({ type: 'message', message: withoutChart(reply.message) }) });
      else if (command.channel_id !== dm) await respond({ response_type: 'ephemeral', ...t('chartSent') });
      return;
    }
    await respond({ response_type: 'ephemeral', ...replyPayload(reply) });
  });
}
