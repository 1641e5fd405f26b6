/** Sending a card to one person (open_id) or chat, directly — answers to commands, not outbox notifications. */
import { randomUUID } from 'node:crypto';
import type { CommandReply } from '../../commands/run-command.ts';
import type { Locale } from '../../config/schema.ts';
import { translator } from '../../notifiers/i18n/index.ts';
import { complaintCard, listCard, messageCard, type FeishuCard } from '../../notifiers/render/feishu/card.ts';
import { formCard } from '../../notifiers/render/feishu/form.ts';
import type { FeishuContext } from './context.ts';
import { TOKEN_INVALID } from './deliverer.ts';

export async function sendCard(ctx: FeishuContext, to: { openId?: string; chatId?: string }, card: FeishuCard): Promise<void> {
  const uuid = randomUUID();
  const send = () =>
    ctx.client.im.v1.message.create({
      params: { receive_id_type: to.chatId ? 'chat_id' : 'open_id' },
      data: { receive_id: (to.chatId ?? to.openId)!, msg_type: 'interactive', content: JSON.stringify(card), uuid },
    });
  let res = await send();
  if (res.code === TOKEN_INVALID) {
    ctx.resetToken();
    res = await send(); // same uuid: Feishu keeps one if the first did get through
  }
  if (res.code) throw new Error(`feishu: message.create ${res.code} ${res.msg ?? ''}`);
}

/** A command's answer as a card; a filing form gets a fresh idempotency key. */
export function replyCard(reply: CommandReply, locale: Locale): FeishuCard {
  switch (reply.type) {
    case 'export':
      return messageCard({ text: translator().t(locale, 'commands.exportUnavailable'), tone: 'warning' });
    case 'form':
      return formCard(reply.form, { value: { sourceKey: `feishu:${randomUUID()}` } });
    case 'list':
      return listCard(reply.list);
    case 'complaint':
      return complaintCard(reply.card);
    case 'message':
      return messageCard(reply.message);
  }
}
