/**
 * Webhook mode: Feishu's HTTP callbacks for events and card actions at /feishu/events. With an encrypt
 * key, each request's signature (SHA-256 over timestamp, nonce, key and the raw body) is checked and
 * stale timestamps (over 5 minutes) refused — the SDK checks neither the raw body nor the time; the
 * body is decrypted; the verification token, when set, must match; the URL challenge is answered.
 * The SDK's EventDispatcher then routes the event to its handler.
 */
import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { EventDispatcher } from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../logger.ts';

const MAX_BODY = 1024 * 1024;
const WINDOW_S = 5 * 60;

export interface WebhookOptions {
  encryptKey?: string;
  verificationToken?: string;
  logger: Logger;
  /** Seconds since the epoch (real time: signatures are about the real world). */
  nowSeconds?: () => number;
}

export function decrypt(encrypt: string, key: string): string {
  const buf = Buffer.from(encrypt, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', createHash('sha256').update(key).digest(), buf.subarray(0, 16));
  return Buffer.concat([decipher.update(buf.subarray(16)), decipher.final()]).toString('utf8');
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
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

export function webhookListener(dispatcher: EventDispatcher, opts: WebhookOptions): RequestListener {
  const now = opts.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  return async (req, res) => {
    try {
      if (req.method !== 'POST') return send(res, 405, { msg: 'POST only' });
      const raw = await readBody(req);
      if (opts.encryptKey && !signatureOk(req, raw, opts.encryptKey, now())) {
        opts.logger.warn({ ip: req.socket.remoteAddress }, 'feishu: refused a request with a bad signature or a stale timestamp');
        return send(res, 401, { msg: 'bad signature' });
      }
      const outer = JSON.parse(raw) as { encrypt?: string };
      const body = (outer.encrypt && opts.encryptKey ? JSON.parse(decrypt(outer.encrypt, opts.encryptKey)) : outer) as {
        type?: string;
        challenge?: string;
        token?: string;
        header?: { token?: string };
      };
      const token = body.header?.token ?? body.token;
      if (opts.verificationToken && token !== opts.verificationToken) return send(res, 401, { msg: 'bad verification token' });
      if (body.type === 'url_verification') return send(res, 200, { challenge: body.challenge });
      const result = await dispatcher.invoke(Object.assign(Object.create({ headers: req.headers }), body), { needCheck: false });
      return send(res, 200, typeof result === 'object' ? result : {});
    } catch (e) {
      opts.logger.error({ err: e }, 'feishu: webhook request failed');
      if (!res.headersSent) send(res, 500, { msg: 'internal error' });
    }
  };
}
