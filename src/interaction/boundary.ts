/**
 * The answer to a failed interaction, the same on every platform: a KesuError is the person's mistake or
 * a refusal (a stale button, someone else's complaint) — its message in their language, logged at warn;
 * anything else is our failure — a short apology, logged at error with the cause. Each platform's one
 * boundary (Slack `app.error`, Feishu's handler wrapper, the console's `onError`) shows `text` privately.
 */
import type { Locale } from '../config/schema.ts';
import { isKesuError, type ErrorCode } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { formatError } from '../notifiers/i18n/index.ts';

export interface Answer {
  /** Whether the person's request was refused (a KesuError) rather than failed on our side. */
  refused: boolean;
  code: ErrorCode | 'internal';
  text: string;
  /** Field name → message, for forms. */
  fields: Record<string, string>;
  tone: 'warning' | 'danger';
}

export interface Where {
  platform: 'slack' | 'feishu' | 'local';
  user?: string;
  /** What was being answered: an event type, a route, an action id. */
  what?: string;
}

/** Codes that say our side failed (the database, the engine), not that the person's request was refused. */
const FAILURES: ReadonlySet<ErrorCode> = new Set(['database_unavailable', 'migration_failed', 'engine_running', 'database_replaced', 'calendar_not_covered', 'config_invalid']);

export function answerError(error: unknown, locale: Locale, timeZone: string, logger: Logger, where: Where): Answer {
  const cause = (error as { original?: unknown } | undefined)?.original ?? error;
  const coded = isKesuError(cause);
  const refused = coded && !FAILURES.has(cause.code);
  const { message, fields } = formatError(cause, locale, { timeZone });
  if (refused) logger.warn({ code: cause.code, user: where.user, what: where.what }, `${where.platform}: refused: ${cause.message}`);
  else logger.error({ err: cause, user: where.user, what: where.what }, `${where.platform}: answering failed; the person got ${coded ? 'the reason' : 'an apology'}`);
  return { refused, code: coded ? cause.code : 'internal', text: message, fields, tone: refused ? 'warning' : 'danger' };
}
