/**
 * Webhook mode: Feishu's HTTP callbacks for events and card actions at /feishu/events, checked in the
 * order Feishu documents (and the SDK's own adapters follow):
 * 1. the body is read (over 1 MB: 413) and parsed as a JSON object (400);
 * 2. with an encrypt key every body Feishu sends is {"encrypt": …}: a plaintext one is refused (400),
 *    one that does not decrypt to a JSON object too (400); without a key an encrypted body means
 *    FEISHU_ENCRYPT_KEY is missing (400);
 * 3. the URL check (`type: url_verification`), which Feishu does not sign, is answered — its
 *    verification token, when one is set, matched first (401);
 * 4. with an encrypt key, the signature (SHA-256 over timestamp, nonce, key and the raw body) must match
 *    and the timestamp be within 5 minutes (401) — the SDK checks neither the raw body nor the time;
 * 5. the verification token, when set, must match (401), and the body must name its event type (400).
 * The SDK's EventDispatcher then routes the event to its handler. A request without a good signature
 * gets 401 whatever went wrong with it, so it learns nothing about decryption. Refusals are logged at
 * warn level; only an event Kesu could not answer at all is an error, answered 500 (Feishu retries).
 */
import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { EventDispatcher } from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../logger.ts';
import { MalformedEvent } from './parse.ts';

const MAX_BODY = 1024 * 1024;
/** Past this much an oversized body is no longer drained: the connection is cut. */
const MAX_DRAIN = 16 * MAX_BODY;
const WINDOW_S = 5 * 60;

export interface WebhookOptions {
  encryptKey?: string;
  verificationToken?: string;
  logger: Logger;
  /** Seconds since the epoch (real time: signatures are about the real world). */
  nowSeconds?: () => number;
}

type Body = { type?: unknown; challenge?: unknown; token?: unknown; header?: { token?: unknown; event_type?: unknown } };

export function decrypt(encrypt: string, key: string): string {
  const buf = Buffer.from(encrypt, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', createHash('sha256').update(key).digest(), buf.subarray(0, 16));
  return Buffer.concat([decipher.update(buf.subarray(16)), decipher.final()]).toString('utf8');
}

/**
 * The body; `too large` when over MAX_BODY (drained, so that the answer can be read; past MAX_DRAIN
 * the connection is cut); `cut off` when the request ended early.
 */
async function readBody(req: IncomingMessage): Promise<string | 'too large' | 'cut off'> {
  let size = 0;
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_DRAIN) req.destroy();
      else if (size <= MAX_BODY) chunks.push(chunk);
    }
  } catch {
    return size > MAX_BODY ? 'too large' : 'cut off';
  }
  return size > MAX_BODY ? 'too large' : Buffer.concat(chunks).toString('utf8');
}

const send = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body ?? {}));

function signatureOk(req: IncomingMessage, raw: string, key: string, now: number): boolean {
  const ts = String(req.headers['x-lark-request-timestamp'] ?? '');
  const nonce = String(req.headers['x-lark-request-nonce'] ?? '');
  const given = Buffer.from(String(req.headers['x-lark-signature'] ?? ''));
  if (!/^\d+$/.test(ts) || Math.abs(now - Number(ts)) > WINDOW_S) return false;
  const expected = Buffer.from(createHash('sha256').update(ts + nonce + key + raw).digest('hex'));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The event body from the raw request body, or why it is not one (steps 1 and 2 above). */
function open(raw: string, encryptKey: string | undefined): Body | string {
  const outer = parseObject(raw);
  if (!outer) return 'the body is not a JSON object';
  if (!encryptKey) return 'encrypt' in outer ? 'the body is encrypted but FEISHU_ENCRYPT_KEY is not set' : outer;
  if (typeof outer.encrypt !== 'string') return 'a plaintext body although FEISHU_ENCRYPT_KEY is set (Feishu encrypts every body)';
  let text: string;
  try {
    text = decrypt(outer.encrypt, encryptKey);
  } catch {
    return 'the body does not decrypt with FEISHU_ENCRYPT_KEY';
  }
  return parseObject(text) ?? 'the decrypted body is not a JSON object';
}

export function webhookListener(dispatcher: EventDispatcher, opts: WebhookOptions): RequestListener {
  const now = opts.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const tokenOk = (body: Body) => !opts.verificationToken || (body.header?.token ?? body.token) === opts.verificationToken;
  return async (req, res) => {
    const refuse = (status: number, reason: string) => {
      opts.logger.warn({ status, ip: req.socket.remoteAddress }, `feishu: refused a webhook request: ${reason}`);
      if (!res.headersSent) send(res, status, { msg: reason });
    };
    try {
      if (req.method !== 'POST') return refuse(405, 'POST only');
      const raw = await readBody(req);
      if (raw === 'too large') return refuse(413, `the body is over ${MAX_BODY} bytes`);
      if (raw === 'cut off') return refuse(400, 'the request ended before its body did');
      const signed = !opts.encryptKey || signatureOk(req, raw, opts.encryptKey, now());
      const body = open(raw, opts.encryptKey);
      if (typeof body === 'string') return signed ? refuse(400, body) : refuse(401, 'no valid signature');
      if (body.type === 'url_verification') {
        if (!tokenOk(body)) return refuse(401, 'a URL check with the wrong verification token');
        return send(res, 200, { challenge: body.challenge });
      }
      if (!signed) return refuse(401, 'a bad signature or a stale timestamp');
      if (!tokenOk(body)) return refuse(401, 'the wrong verification token');
      if (typeof body.header?.event_type !== 'string' && typeof body.type !== 'string') return refuse(400, 'the body names no event type');
      const result = await dispatcher.invoke(Object.assign(Object.create({ headers: req.headers }), body), { needCheck: false });
      return send(res, 200, isObject(result) ? result : {});
    } catch (e) {
      if (e instanceof MalformedEvent) return refuse(400, e.message);
      opts.logger.error({ err: e }, 'feishu: an event could not be answered');
      if (!res.headersSent) send(res, 500, { msg: 'internal error' });
    }
  };
}
