/** Sending to one person (open_id) or chat, directly — answers to commands, not outbox notifications. */
import { randomUUID } from 'node:crypto';
import { exportFiles } from '../../commands/export.ts';
import type { CommandReply } from '../../commands/run-command.ts';
import { complaintCard, listCard, messageCard, type FeishuCard } from '../../notifiers/render/feishu/card.ts';
import { formCard } from '../../notifiers/render/feishu/form.ts';
import type { Actor } from '../../workflows/model.ts';
import type { FeishuContext } from './context.ts';
import { TOKEN_INVALID } from './deliverer.ts';
import { uploadChart, uploadFile } from './files.ts';

type To = { openId?: string; chatId?: string };

export function sendCard(ctx: FeishuContext, to: To, card: FeishuCard): Promise<void> {
  return sendMessage(ctx, to, 'interactive', card);
}

async function sendMessage(ctx: FeishuContext, to: To, msgType: 'interactive' | 'file', content: unknown): Promise<void> {
  const uuid = randomUUID();
  const send = () =>
    ctx.client.im.v1.message.create({
      params: { receive_id_type: to.chatId ? 'chat_id' : 'open_id' },
      data: { receive_id: (to.chatId ?? to.openId)!, msg_type: msgType, content: JSON.stringify(content), uuid },
    });
  let res = await send();
  if (res.code === TOKEN_INVALID) {
    ctx.resetToken();
    res = await send(); // same uuid: Feishu keeps one if the first did get through
  }
  if (res.code) throw new Error(`feishu: message.create ${res.code} ${res.msg ?? ''}`);
}

/**
 * A command's answer: a card (with the chart uploaded first when it has one), or for the tracking table
 * a line saying what comes and the .xlsx and .csv as file messages.
 */
export async function sendReply(ctx: FeishuContext, to: To, reply: CommandReply, actor: Actor): Promise<void> {
  if (reply.type === 'export') {
    const { comment, files } = await exportFiles(ctx.core.deps, actor, reply.range);
    await sendCard(ctx, to, messageCard({ text: comment }));
    for (const file of files) await sendMessage(ctx, to, 'file', { file_key: await uploadFile(ctx.client, file) });
    return;
  }
  if (reply.type === 'message' && reply.message.chart) {
    await sendCard(ctx, to, messageCard(reply.message, { imageKey: await uploadChart(ctx.client, reply.message.chart) }));
    return;
  }
  await sendCard(ctx, to, replyCard(reply));
}

/** A command's answer as a card; a filing form gets a fresh idempotency key. */
export function replyCard(reply: Exclude<CommandReply, { type: 'export' }>): FeishuCard {
  switch (reply.type) {
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
