/**
 * A message to the bot: in a DM any text is a command; in a group only an @mention is. `/complaint`,
 * `投诉` or `新建客诉` (with a subcommand or not) answers like Slack's `/complaint`; forms and the
 * tracking table always go to the person privately.
 */
import { runCommand } from '../../../commands/run-command.ts';
import { TRIGGERS } from '../../../commands/parse-command.ts';
import type { FeishuContext, Handlers } from '../context.ts';
import { MessageEvent, messageText } from '../parse.ts';
import { sendReply } from '../reply.ts';

export function register(handlers: Handlers, ctx: FeishuContext): void {
  handlers['im.message.receive_v1'] = async (data) => {
    const e = MessageEvent.parse(data);
    const text = messageText(e);
    if (text === undefined || e.sender.sender_type === 'app') return {};
    const group = e.message.chat_type !== 'p2p';
    if (group && !e.message.mentions?.length && !TRIGGERS.some((t) => text.startsWith(t))) return {};
    const openId = e.sender.sender_id.open_id;
    const actor = ctx.identity.actor(openId);
    const reply = await runCommand(ctx.core.deps, actor, text, { command: '/complaint' });
    const privately = reply.type === 'form' || reply.type === 'export' || group;
    await sendReply(ctx, privately ? { openId } : { chatId: e.message.chat_id }, reply, actor);
    return {};
  };
}
