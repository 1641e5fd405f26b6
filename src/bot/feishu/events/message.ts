/**
 * A message to the bot: in a DM any text is a command; in a group only an @mention is. `/complaint`,
 * `投诉` or `新建客诉` (with a subcommand or not) answers like Slack's `/complaint` through the
 * interaction core; forms, the tracking table and anything asked in a group go to the person privately.
 */
import { TRIGGERS } from '../../../interaction/index.ts';
import type { FeishuContext, Handlers } from '../context.ts';
import { MessageEvent, messageText, parseEvent } from '../parse.ts';
import { feishuReplier } from '../reply.ts';

/** A list command longer than this gets no page buttons (its text rides in each button's value). */
const PAGED_COMMAND_MAX = 200;

export function register(handlers: Handlers, ctx: FeishuContext): void {
  handlers['im.message.receive_v1'] = async (data) => {
    const e = parseEvent('im.message.receive_v1', MessageEvent, data);
    const text = messageText(e);
    if (text === undefined || e.sender.sender_type === 'app') return {};
    const group = e.message.chat_type !== 'p2p';
    if (group && !e.message.mentions?.length && !TRIGGERS.some((t) => text.startsWith(t))) return {};
    const openId = e.sender.sender_id.open_id;
    const actor = ctx.identity.actor(openId);
    const replier = feishuReplier(ctx, {
      person: { openId },
      chat: group ? { openId } : { chatId: e.message.chat_id },
      ...(text.length <= PAGED_COMMAND_MAX ? { list: { kind: 'command' as const, text } } : {}),
    });
    await ctx.io.command(replier, actor, text, { command: '/complaint' });
    return {};
  };
}
