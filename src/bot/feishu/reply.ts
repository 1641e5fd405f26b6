/**
 * Sending to one person (open_id) or chat, directly — answers to commands and refusals, not outbox
 * notifications. Every call gets a fresh tenant token when Feishu refused the cached one (token.ts).
 */
import { randomUUID } from 'node:crypto';
import { exportFiles } from '../../commands/export.ts';
import type { CommandReply } from '../../commands/run-command.ts';
import { complaintCard, listCard, messageCard, type FeishuCard } from '../../notifiers/render/feishu/card.ts';
import { formCard } from '../../notifiers/render/feishu/form.ts';
import { withoutChart } from '../../notifiers/views/chart.ts';
import type { ListView, MessageView } from '../../notifiers/views/types.ts';
import type { Actor } from '../../workflows/model.ts';
import type { FeishuContext } from './context.ts';
import { UPLOAD_REFUSED, uploadChart, uploadFile } from './files.ts';
import type { ListSource } from './parse.ts';
import { withFreshToken } from './token.ts';

type To = { openId?: string; chatId?: string };

export function sendCard(ctx: FeishuContext, to: To, card: FeishuCard): Promise<void> {
  return sendMessage(ctx, to, 'interactive', card);
}

async function sendMessage(ctx: FeishuContext, to: To, msgType: 'interactive' | 'file', content: unknown): Promise<void> {
  const uuid = randomUUID(); // the same on the retry: Feishu keeps one if the first did get through
  const res = await withFreshToken(ctx, () =>
    ctx.client.im.v1.message.create({
      params: { receive_id_type: to.chatId ? 'chat_id' : 'open_id' },
      data: { receive_id: (to.chatId ?? to.openId)!, msg_type: msgType, content: JSON.stringify(content), uuid },
    }),
  );
  if (res.code) throw new Error(`feishu: message.create ${res.code} ${res.msg ?? ''}`);
}

/** A command's text answer with its chart uploaded as an image; without the chart when Feishu refuses the image. */
async function chartCard(ctx: FeishuContext, message: MessageView): Promise<FeishuCard> {
  try {
    return messageCard(message, { imageKey: await withFreshToken(ctx, () => uploadChart(ctx.client, message.chart!)) });
  } catch (e) {
    if ((e as { code?: unknown }).code !== UPLOAD_REFUSED) throw e;
    ctx.core.logger.warn('feishu: chart image refused (is im:resource granted?); the answer went without it');
    return messageCard(withoutChart(message));
  }
}

/**
 * A command's answer: a card (with the chart uploaded first when it has one), or for the tracking table
 * a line saying what comes and the .xlsx and .csv as file messages. A list gets page buttons when
 * `list` says how to make it again.
 */
export async function sendReply(ctx: FeishuContext, to: To, reply: CommandReply, actor: Actor, opts: { list?: ListSource } = {}): Promise<void> {
  if (reply.type === 'export') {
    const { comment, files } = await exportFiles(ctx.core.deps, actor, reply.range);
    await sendCard(ctx, to, messageCard({ text: comment }));
    for (const file of files) await sendMessage(ctx, to, 'file', { file_key: await withFreshToken(ctx, () => uploadFile(ctx.client, file)) });
    return;
  }
  if (reply.type === 'message' && reply.message.chart) {
    await sendCard(ctx, to, await chartCard(ctx, reply.message));
    return;
  }
  await sendCard(ctx, to, replyCard(reply, opts));
}

/** Page `page` of a list, its page buttons saying how to make the list again. */
export function listPage(view: ListView, source: ListSource | undefined, page = 0): FeishuCard {
  return listCard(view, source ? { page, pageValue: (p) => ({ kesu: 'page', list: source, page: p }) } : {});
}

/** A command's answer as a card; a filing form gets a fresh idempotency key. */
export function replyCard(reply: Exclude<CommandReply, { type: 'export' }>, opts: { list?: ListSource } = {}): FeishuCard {
  switch (reply.type) {
    case 'form':
      return formCard(reply.form, { value: { sourceKey: `feishu:${randomUUID()}` } });
    case 'list':
      return listPage(reply.list, opts.list);
    case 'complaint':
      return complaintCard(reply.card);
    case 'message':
      return messageCard(reply.message);
  }
}
