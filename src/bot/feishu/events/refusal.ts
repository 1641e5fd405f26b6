/**
 * A handler's failure as an answer the user sees, and a log line: a KesuError (an unknown or forbidden
 * complaint, a stale button) in the user's language at warn level, anything else as a short apology at
 * error level. Card callbacks answer with a toast; messages and the bot menu with a DM.
 */
import { isKesuError } from '../../../errors.ts';
import type { Locale } from '../../../config/schema.ts';
import { formatError, translator } from '../../../notifiers/i18n/index.ts';
import { messageCard } from '../../../notifiers/render/feishu/card.ts';
import type { FeishuContext } from '../context.ts';
import { sendCard } from '../reply.ts';

export const toast = (type: 'info' | 'success' | 'error', content: string) => ({ toast: { type, content } });

/** The user's message for `error`, logged: refusals at warn, failures at error. */
function refusal(ctx: FeishuContext, error: unknown, user: string, locale: Locale, event: string): string {
  if (isKesuError(error)) ctx.core.logger.warn({ code: error.code, user, event }, `feishu: refused: ${error.message}`);
  else ctx.core.logger.error({ err: error, user, event }, 'feishu: answering an event failed; the user got an apology');
  return formatError(error, locale, { timeZone: ctx.core.config.organisation.timeZone }).message;
}

/** A card callback's answer to `error`: an error toast. */
export function refusalToast(ctx: FeishuContext, error: unknown, user: string, locale: Locale): ReturnType<typeof toast> {
  return toast('error', refusal(ctx, error, user, locale, 'card.action.trigger'));
}

/**
 * A message's or menu click's answer to `error`: a DM to the person. If even that cannot be sent, the
 * event was not answered: the error is thrown (Feishu retries it).
 */
export async function tellRefusal(ctx: FeishuContext, error: unknown, openId: string, locale: Locale, event: string): Promise<void> {
  const text = refusal(ctx, error, openId, locale, event);
  await sendCard(ctx, { openId }, messageCard({ text, tone: isKesuError(error) ? 'warning' : 'danger' }));
}

/** A click on a button that is not one of Kesu's (another app's card, a value Kesu no longer knows). */
export function foreignCardToast(ctx: FeishuContext, value: unknown, user: string, locale: Locale): ReturnType<typeof toast> {
  const kind = typeof value === 'object' && value !== null ? String((value as { kesu?: unknown }).kesu ?? 'none') : typeof value;
  ctx.core.logger.warn({ user, kind }, 'feishu: a card callback whose value is not Kesu’s'); // another app's value is not logged
  return toast('error', translator().t(locale, 'errors.foreignCard'));
}
