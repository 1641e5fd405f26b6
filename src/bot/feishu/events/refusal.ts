/**
 * The Feishu boundary: a handler's error becomes an answer the person sees, with HTTP 200 — a card
 * callback's toast, or a DM for a message or a menu click — in their language (the interaction core's
 * `answer`: a refusal at warn level, anything else an apology at error level). A malformed event is
 * left to the transport (the webhook answers 400). If even the DM cannot be sent, the error is thrown:
 * the event was not answered, and Feishu retries it.
 */
import { messageCard } from '../../../notifiers/render/feishu/card.ts';
import type { FeishuContext } from '../context.ts';
import { MalformedEvent } from '../parse.ts';
import { sendCard } from '../reply.ts';

export const toast = (type: 'info' | 'success' | 'error', content: string) => ({ toast: { type, content } });

/** Who acted, in any of the events Kesu handles (before parsing: the boundary also answers what failed to parse its value). */
function personOf(data: unknown): string | undefined {
  const d = data as { operator?: { open_id?: unknown; operator_id?: { open_id?: unknown } }; sender?: { sender_id?: { open_id?: unknown } } } | null;
  const id = d?.operator?.open_id ?? d?.operator?.operator_id?.open_id ?? d?.sender?.sender_id?.open_id;
  return typeof id === 'string' && id ? id : undefined;
}

export function answered(ctx: FeishuContext, type: string, handler: (data: any) => Promise<unknown>): (data: any) => Promise<unknown> {
  return async (data) => {
    try {
      return await handler(data);
    } catch (error) {
      if (error instanceof MalformedEvent) throw error;
      const openId = personOf(data);
      const locale = openId ? ctx.identity.actor(openId).locale! : ctx.io.config.organisation.locale;
      const answer = ctx.io.answer(error, locale, { platform: 'feishu', ...(openId ? { user: openId } : {}), what: type });
      if (type === 'card.action.trigger') return toast('error', answer.text);
      if (openId) await sendCard(ctx, { openId }, messageCard({ text: answer.text, tone: answer.tone }));
      return {};
    }
  };
}
