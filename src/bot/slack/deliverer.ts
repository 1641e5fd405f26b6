/**
 * The Slack deliverer: the outbox dispatcher hands it cards, reminders, notices and escalations. A
 * card is posted once and then updated in place (`chat.update`), with its timeline kept in one reply
 * in the card's thread; a person's address is their user ID (a DM from the app). A notice about a
 * complaint to a person carries the complaint's card for them under its text (their buttons), posted
 * once: a snapshot, not updated in place later (a stale button is refused with the reason when
 * clicked). The person's language is picked at delivery through `localeOf` (their Slack locale,
 * cached by SlackIdentity; a locale in the config wins). A message with a
 * chart (reports) is one file share: the chart as PNG with the message's blocks (files.uploadV2); a
 * message with a file (a signed statement to finance) is one file share with the text as comment. Rate
 * limits (429) become the dispatcher's Retry-After — a channel's own for chat.postMessage, the whole
 * app's for chat.update (Tier 3); errors a retry cannot fix are permanent, and a channel or user that
 * cannot be reached is marked so (the dispatcher routes around it).
 */
import { ErrorCode, type WebClient } from '@slack/web-api';
import type { Locale } from '../../config/schema.ts';
import { DeliveryError, type Delivered, type Deliverer, type OutboundMessage, type Unreachable } from '../../notifiers/deliverer.ts';
import { messagePayload, timelinePayload } from '../../notifiers/render/slack/blocks.ts';
import { withoutChart } from '../../notifiers/views/chart.ts';
import { dmChannel, refusedFile, shareChart, shareFiles } from './files.ts';

/** Errors that will not go away by trying again. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'user_not_found',
  'cant_update_message',
  'message_not_found',
  'invalid_blocks',
  'invalid_arguments',
  'msg_too_long',
  'msg_blocks_too_long',
]);

/** Errors meaning the target itself cannot be reached: routed around (the people behind it by DM) and admins alerted. */
const UNREACHABLE: Record<string, Unreachable> = {
  not_in_channel: 'not_member',
  is_archived: 'archived',
  channel_not_found: 'not_found',
  user_not_found: 'user_gone',
  account_inactive: 'user_gone',
  cannot_dm_bot: 'user_gone',
};

/** chat.update errors meaning the old card is gone for good. */
const GONE = new Set(['message_not_found', 'cant_update_message', 'edit_window_closed']);

export interface SlackDelivererOptions {
  /** A card's timeline reply could not be written (logged; the card itself was delivered). */
  onThreadError?: (complaintId: string, error: DeliveryError) => void;
  /** A chart could not be shared (logged; the message went without it). */
  onChartError?: (error: DeliveryError) => void;
  /** Called after a card changed (App Home refresh). */
  onCardDelivered?: (complaintId: string) => void;
  /** A configured person's Slack user ID (config, linked, or looked up by email). */
  resolvePerson?: (personId: string) => Promise<string | undefined>;
  /** A Slack user's language: a locale in the config, else their Slack locale (SlackIdentity.localeOf). */
  localeOf?: (userId: string) => Promise<Locale | undefined>;
}

export class SlackDeliverer implements Deliverer {
  readonly platform = 'slack' as const;
  /** Slack allows about one message per second per channel. */
  readonly perTargetPerSecond = 1;

  constructor(
    private readonly client: WebClient,
    private readonly opts: SlackDelivererOptions = {},
  ) {}

  async deliver(m: OutboundMessage): Promise<Delivered> {
    try {
      if (m.view.card && m.kind === 'card') return await this.#card(m);
      if (m.file) return await this.#withFile(m);
      if (m.view.chart) return await this.#withChart(m);
      // A notice with its complaint's card (a DM): the text first, the card with this person's buttons under it.
      return { messageId: await this.#post(m.address, m.view, undefined, !!m.view.card) };
    } catch (e) {
      throw asDeliveryError(e, m.direct);
    }
  }

  resolvePerson(personId: string): Promise<string | undefined> {
    return this.opts.resolvePerson?.(personId) ?? Promise.resolve(undefined);
  }

  localeOf(userId: string): Promise<Locale | undefined> {
    return this.opts.localeOf?.(userId) ?? Promise.resolve(undefined);
  }

  async #post(channel: string, view: OutboundMessage['view'], thread_ts?: string, notice = false): Promise<string | undefined> {
    const res = await this.client.chat.postMessage({
      channel,
      ...messagePayload(view, { notice }),
      unfurl_links: false,
      unfurl_media: false,
      ...(thread_ts ? { thread_ts } : {}),
    });
    return res.ts;
  }

  /**
   * A message with its file (a signed statement to finance): one file share into the DM with the text as
   * its comment. A refusal fails the delivery (retried, or dead-lettered and logged): never the text alone.
   */
  async #withFile(m: OutboundMessage): Promise<Delivered> {
    const channel = m.direct ? await dmChannel(this.client, m.address) : m.address;
    return { messageId: await shareFiles(this.client, channel, m.view.text, [m.file!]) };
  }

  /** One file share; if Slack refuses files (no files:write yet, say), the message goes as text without the chart. */
  async #withChart(m: OutboundMessage): Promise<Delivered> {
    try {
      return { messageId: await shareChart(this.client, m.direct ? await dmChannel(this.client, m.address) : m.address, m.view) };
    } catch (e) {
      if (!refusedFile(e)) throw e;
      this.opts.onChartError?.(asDeliveryError(e));
      return { messageId: await this.#post(m.address, withoutChart(m.view)) };
    }
  }

  async #card(message: OutboundMessage): Promise<Delivered> {
    // A card in a DM (routed around an unreachable channel) is updated in the DM's channel, not at the user ID.
    const m = message.direct ? { ...message, address: await dmChannel(this.client, message.address) } : message;
    const complaintId = m.view.card!.complaintId;
    const thread = m.timeline ? timelinePayload(m.timeline) : undefined;
    let ts = m.posted?.messageId ?? '';
    let reply = m.posted?.threadId;
    if (ts) {
      try {
        await this.client.chat.update({ channel: m.address, ts, ...messagePayload(m.view) });
      } catch (e) {
        // The card was deleted (or can no longer be edited): post it anew, with a new thread.
        if (!GONE.has((e as { data?: { error?: string } }).data?.error ?? '')) throw tierLimited(e);
        ts = '';
        reply = undefined;
      }
    }
    if (!ts) ts = (await this.#post(m.address, m.view)) ?? '';
    if (thread && ts) {
      // The card is posted: a failing thread reply must not make the dispatcher post the card again.
      // It is redrawn (or posted) with the card's next change.
      try {
        if (reply) await this.client.chat.update({ channel: m.address, ts: reply, ...thread });
        else reply = (await this.client.chat.postMessage({ channel: m.address, thread_ts: ts, ...thread })).ts;
      } catch (e) {
        this.opts.onThreadError?.(complaintId, asDeliveryError(e));
      }
    }
    this.opts.onCardDelivered?.(complaintId);
    return { messageId: ts, ...(reply ? { threadId: reply } : {}) };
  }
}

/**
 * chat.update is a Tier 3 method (about 50 a minute for the app in a workspace), unlike
 * chat.postMessage's per-channel pace: its 429 makes every Slack lane wait out the Retry-After.
 */
function tierLimited(e: unknown): unknown {
  const err = e as { code?: string; retryAfter?: number };
  return err.code === ErrorCode.RateLimitedError ? new DeliveryError('slack: rate limited (chat.update, Tier 3)', (err.retryAfter ?? 1) * 1000, false, undefined, true) : e;
}

function asDeliveryError(e: unknown, direct = false): DeliveryError {
  if (e instanceof DeliveryError) return e;
  const err = e as { code?: string; retryAfter?: number; data?: { error?: string }; message?: string };
  if (err.code === ErrorCode.RateLimitedError) return new DeliveryError('slack: rate limited', (err.retryAfter ?? 1) * 1000);
  if (err.code === ErrorCode.PlatformError) {
    const code = err.data?.error ?? 'unknown_error';
    const unreachable = UNREACHABLE[code] && (direct ? 'user_gone' : UNREACHABLE[code]);
    return new DeliveryError(`slack: ${code}`, undefined, PERMANENT.has(code) || !!unreachable, unreachable);
  }
  return new DeliveryError(`slack: ${err.message ?? String(e)}`);
}
