/**
 * The Feishu deliverer. Every send carries a `uuid` derived from the outbox row's dedupe key, so
 * Feishu itself drops a repeat within its hour-long window. A complaint card is sent once and then
 * patched in place (`update_multi` cards); when Feishu refuses the patch (the 14-day window has
 * passed, the message was recalled) a fresh card is sent. Its timeline lives in one thread reply.
 * Throttling (HTTP 429, code 99991400) becomes the dispatcher's retry; a stale token (99991663) is
 * retried after the SDK's token cache is cleared. A chart (reports) is uploaded as an image first and
 * shown in the message's card; a file (a signed statement to finance) follows the text as a `file`
 * message. A notice about a complaint to a person is one interactive card: the
 * text on top, the complaint's card for them under it (their buttons), sent once — a snapshot, not
 * patched later (a stale button is refused with the reason when clicked). Feishu tells no user
 * language: the person's configured locale, else the organisation's, is used (no `localeOf`).
 */
import { createHash } from 'node:crypto';
import type { Client } from '@larksuiteoapi/node-sdk';
import { DeliveryError, type Delivered, type Deliverer, type OutboundMessage, type Unreachable } from '../../notifiers/deliverer.ts';
import { messageCard } from '../../notifiers/render/feishu/card.ts';
import { fit } from '../../notifiers/render/feishu/limits.ts';
import { withoutChart } from '../../notifiers/views/chart.ts';
import type { ChartView, TimelineView } from '../../notifiers/views/types.ts';
import { UPLOAD_REFUSED, uploadChart, uploadFile } from './files.ts';
import type { ExportFormat } from '../../interaction/index.ts';

const THROTTLED = 99991400;
const CHAT_THROTTLED = 230020;
export const TOKEN_INVALID = 99991663;
/** Tokens Feishu no longer accepts: invalid (99991663) or expired (99991661). */
const STALE_TOKEN = new Set([TOKEN_INVALID, 99991661]);
/** Codes a retry cannot fix: no permission, bot not in the chat, chat or user gone, bad content. */
const PERMANENT = new Set([230001, 230002, 230006, 230013, 230017, 230099, 99992351, 99992361]);
/**
 * Codes meaning the target itself cannot be reached (routed around, admins alerted): the bot is not in
 * the chat (230002), the chat is gone or dissolved (232011, 232025 and 99992351 for an unknown id), the
 * user is out of the bot's reach or unknown (230013, 99992361).
 */
const UNREACHABLE: Record<number, Unreachable> = { 230002: 'not_member', 232011: 'not_found', 232025: 'not_found', 99992351: 'not_found', 230013: 'user_gone', 99992361: 'user_gone' };

export interface FeishuDelivererOptions {
  /** A chart could not be uploaded (logged; the message went without it). */
  onChartError?: (reason: string) => void;
  /** Clears cached tenant tokens (after 99991663). */
  resetToken?: () => void;
  /** A configured person's open_id (config, linked, or looked up by email). */
  resolvePerson?: (personId: string) => Promise<string | undefined>;
}

interface ApiResult {
  code?: number;
  msg?: string;
  data?: { message_id?: string; image_key?: string; file_key?: string };
}

/** Feishu's uuid: at most 50 characters, unique per message. */
export const sendUuid = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 50);

const receiveIdType = (m: OutboundMessage) => (m.direct ? 'open_id' : 'chat_id');

export class FeishuDeliverer implements Deliverer {
  readonly platform = 'feishu' as const;
  /** Feishu allows five messages a second to one chat or user, and 50 a second for the app. */
  readonly perTargetPerSecond = 5;
  readonly perAppPerSecond = 50;

  constructor(
    private readonly client: Client,
    private readonly opts: FeishuDelivererOptions = {},
  ) {}

  resolvePerson(personId: string): Promise<string | undefined> {
    return this.opts.resolvePerson?.(personId) ?? Promise.resolve(undefined);
  }

  async deliver(m: OutboundMessage): Promise<Delivered> {
    try {
      return await this.#deliver(m);
    } catch (e) {
      if (e instanceof FeishuError && e.permanent && UNREACHABLE[e.code]) {
        throw new DeliveryError(e.message, undefined, true, m.direct ? 'user_gone' : UNREACHABLE[e.code]);
      }
      throw e;
    }
  }

  async #deliver(m: OutboundMessage): Promise<Delivered> {
    const imageKey = m.view.chart && !m.view.card ? await this.#image(m.view.chart) : undefined;
    const view = m.view.chart && !imageKey ? withoutChart(m.view) : m.view;
    const notice = !!m.view.card && m.kind !== 'card';
    const content = JSON.stringify(messageCard(view, { ...(imageKey ? { imageKey } : {}), notice }));
    if (m.file) return { messageId: await this.#withFile(m, content) };
    if (!m.view.card || notice) return { messageId: await this.#send(m, content, m.dedupeKey) };
    let cardId = m.posted?.messageId;
    let replyId = m.posted?.threadId;
    if (cardId) {
      const patched = await this.#call(() => this.client.im.v1.message.patch({ path: { message_id: cardId! }, data: { content } }), true);
      if (!patched) cardId = replyId = undefined; // past the patch window: a new card below
    }
    cardId ||= await this.#send(m, content, `${m.dedupeKey}:card`);
    replyId = m.timeline ? await this.#timeline(m.timeline, cardId!, replyId).catch(() => replyId) : replyId;
    return { ...(cardId ? { messageId: cardId } : {}), ...(replyId ? { threadId: replyId } : {}) };
  }

  /**
   * The chart uploaded as an image for the message's card. Throttling and network failures are retried;
   * if Feishu refuses the image (no im:resource permission, say) the message goes without it.
   */
  async #image(chart: ChartView): Promise<string | undefined> {
    const res = await this.#call(async () => {
      try {
        return { code: 0, data: { image_key: await uploadChart(this.client, chart) } };
      } catch (e) {
        if ((e as { code?: number }).code === UPLOAD_REFUSED) return { code: UPLOAD_REFUSED, msg: (e as Error).message };
        throw e;
      }
    }, true);
    if (!res) this.opts.onChartError?.('feishu: chart image refused (is im:resource granted?); the message went without it');
    return res?.data?.image_key;
  }

  async #send(m: OutboundMessage, content: string, key: string, msgType = 'interactive'): Promise<string | undefined> {
    const res = await this.#call(() =>
      this.client.im.v1.message.create({
        params: { receive_id_type: receiveIdType(m) },
        data: { receive_id: m.address, msg_type: msgType, content, uuid: sendUuid(key) },
      }),
    );
    return res?.data?.message_id;
  }

  /**
   * The text, then the file uploaded (im/v1/files) and sent as a `file` message. A failed upload fails
   * the delivery: the retry sends the text again under the same uuid (Feishu drops the repeat) and the file.
   */
  async #withFile(m: OutboundMessage, content: string): Promise<string | undefined> {
    await this.#send(m, content, m.dedupeKey);
    const res = await this.#call(async () => {
      try {
        return { code: 0, data: { file_key: await uploadFile(this.client, { ...m.file!, format: m.file!.format as ExportFormat }) } };
      } catch (e) {
        if ((e as { code?: number }).code === UPLOAD_REFUSED) return { code: UPLOAD_REFUSED, msg: (e as Error).message };
        throw e;
      }
    });
    return this.#send(m, JSON.stringify({ file_key: res!.data!.file_key }), `${m.dedupeKey}:file`, 'file');
  }

  /** The card's thread keeps one reply with the whole timeline, patched after each change. */
  async #timeline(timeline: TimelineView, cardId: string, replyId: string | undefined): Promise<string | undefined> {
    const text = [timeline.title, ...timeline.items.map((i) => `${i.atText} ${i.actor}: ${i.text}`)].join('\n');
    const content = JSON.stringify({ schema: '2.0', config: { update_multi: true }, body: { elements: [{ tag: 'div', text: { tag: 'plain_text', content: fit(text, 8000) } }] } });
    if (replyId && (await this.#call(() => this.client.im.v1.message.patch({ path: { message_id: replyId }, data: { content } }), true))) return replyId;
    const res = await this.#call(() =>
      this.client.im.v1.message.reply({ path: { message_id: cardId }, data: { msg_type: 'interactive', content, reply_in_thread: true, uuid: sendUuid(`timeline:${cardId}`) } }),
    );
    return res?.data?.message_id;
  }

  /** One API call with Feishu's error codes mapped; `soft`: a refusal returns undefined instead of throwing. */
  async #call(fn: () => Promise<ApiResult>, soft = false): Promise<ApiResult | undefined> {
    let res: ApiResult;
    try {
      res = await fn();
    } catch (e) {
      res = errorResult(e);
    }
    if (res.code !== undefined && STALE_TOKEN.has(res.code)) {
      this.opts.resetToken?.();
      res = await fn().catch(errorResult);
    }
    if (!res.code) return res;
    // 99991400 (and a bare 429) is the app's frequency limit: every Feishu lane waits; 230020 is one chat's.
    if (res.code === THROTTLED || res.code === 429) throw new DeliveryError(`feishu: throttled (${res.code})`, 1_000, false, undefined, true);
    if (res.code === CHAT_THROTTLED) throw new DeliveryError(`feishu: chat throttled (${res.code})`, 1_000);
    // Feishu refused to edit (past the 14-day window, recalled, …): the caller sends anew. A failure to
    // reach Feishu at all (-1) is retried instead, so that it never leads to a second card.
    if (soft && !STALE_TOKEN.has(res.code) && res.code !== -1) return undefined;
    throw new FeishuError(res.code, `feishu: ${res.code} ${res.msg ?? ''}`.trim(), PERMANENT.has(res.code) || res.code in UNREACHABLE);
  }
}

/** A refusal with Feishu's code, so the deliverer can tell an unreachable target. */
class FeishuError extends DeliveryError {
  constructor(
    readonly code: number,
    message: string,
    permanent: boolean,
  ) {
    super(message, undefined, permanent);
  }
}

/** The SDK throws on HTTP errors (axios): read Feishu's code from the response when there is one. */
function errorResult(e: unknown): ApiResult {
  const err = e as { response?: { status?: number; data?: ApiResult }; message?: string };
  if (err.response?.data?.code) return err.response.data;
  if (err.response?.status === 429) return { code: 429, msg: 'too many requests' };
  return { code: -1, msg: err.message ?? String(e) };
}
