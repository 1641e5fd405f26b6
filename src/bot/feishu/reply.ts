/**
 * Sending to one person (open_id) or chat, directly — answers to commands and refusals, not outbox
 * notifications — and the Feishu replier the interaction core answers commands through. Every call gets
 * a fresh tenant token when Feishu refused the cached one (token.ts).
 */
import { randomUUID } from 'node:crypto';
import { ChartRefused, type Replier, type ShownReply } from '../../interaction/index.ts';
import { complaintCard, listCard, messageCard, type FeishuCard } from '../../notifiers/render/feishu/card.ts';
import { formCard } from '../../notifiers/render/feishu/form.ts';
import type { FormView, ListView } from '../../notifiers/views/types.ts';
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

/**
 * A command's answers: forms and files to the person privately (`person`), the rest where it was asked
 * (`chat`: the DM, or the person again when asked in a group). A list gets page buttons when `list` says
 * how to make it again; a chart is uploaded as an image first (refused → the core sends it as text).
 */
export function feishuReplier(ctx: FeishuContext, where: { person: To; chat: To; list?: ListSource }): Replier {
  return {
    form: (form) => sendCard(ctx, where.person, replyCard({ type: 'form', form })),
    reply: (reply) => sendCard(ctx, where.chat, replyCard(reply, where.list ? { list: where.list } : {})),
    async chart(message) {
      const imageKey = await withFreshToken(ctx, () => uploadChart(ctx.client, message.chart!)).catch((e: unknown) => {
        throw (e as { code?: unknown }).code === UPLOAD_REFUSED ? new ChartRefused('feishu: chart image refused (is im:resource granted?)') : e;
      });
      await sendCard(ctx, where.chat, messageCard(message, { imageKey }));
    },
    async export({ make }) {
      const { comment, files } = await make();
      await sendCard(ctx, where.person, messageCard({ text: comment }));
      for (const file of files) await sendMessage(ctx, where.person, 'file', { file_key: await withFreshToken(ctx, () => uploadFile(ctx.client, file)) });
    },
  };
}

/** Page `page` of a list, its page buttons saying how to make the list again. */
export function listPage(view: ListView, source: ListSource | undefined, page = 0): FeishuCard {
  return listCard(view, source ? { page, pageValue: (p) => ({ kesu: 'page', list: source, page: p }) } : {});
}

/** An answer as a card; a filing form gets a fresh idempotency key. */
export function replyCard(reply: ShownReply | { type: 'form'; form: FormView }, opts: { list?: ListSource } = {}): FeishuCard {
  switch (reply.type) {
    case 'form':
      return formCard(reply.form, { value: reply.form.id === 'file' ? { sourceKey: `feishu:${randomUUID()}` } : {} });
    case 'list':
      return listPage(reply.list, opts.list);
    case 'complaint':
      return complaintCard(reply.card);
    case 'message':
      return messageCard(reply.message);
  }
}
