/**
 * A fake Feishu/Lark Open API on 127.0.0.1 for the real Lark SDK client (FEISHU_DOMAIN = its URL):
 * the tenant token endpoint, bot info, messages (create, patch, reply), image and file uploads
 * (multipart), chat info and bot membership, and users (by open_id, by email). It records every call,
 * checks the bearer token, and can expire the token or fail the next calls of a path. Chats exist with
 * the bot in them unless declared otherwise in `chats`; errors come as Feishu sends them (HTTP 400
 * with the code in the body):
 *   chat info        missing 232006, disbanded 232009, bot not in it 232011 ("Operator can NOT be out of the chat.")
 *   is_in_chat       missing 232006, disbanded 232009, otherwise data.is_in_chat
 *   message to chat  bot not in it 230002, missing or disbanded 230001 (invalid receive_id)
 *   user by open_id  unknown 41050 (outside the app's contact scope, which is how a gone user looks);
 *                    `resigned` users answer with status.is_resigned
 * and, on the same server, the long connection's endpoint and WebSocket (`ws`, fake-feishu-ws.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeFeishuWs } from './fake-feishu-ws.ts';

export interface FeishuCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: any;
  /** For message calls: the card, parsed from `content`. */
  card?: any;
}

/** A multipart form's text fields and its one file. */
async function formOf(raw: Buffer, type: string): Promise<{ fields: Record<string, string>; name?: string; bytes: Buffer }> {
  const form = await new Request('http://upload/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
  const fields: Record<string, string> = {};
  let file: File | undefined;
  for (const [k, v] of form) {
    if (typeof v === 'string') fields[k] = v;
    else file = v;
  }
  return { fields, ...(file ? { name: file.name } : {}), bytes: file ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0) };
}

/** A group chat declared by a test; undeclared chats exist and have the bot in them. */
export interface FakeChat {
  name?: string;
  /** Default true. */
  botIn?: boolean;
  /** No such chat (a wrong chat_id). */
  missing?: boolean;
  dissolved?: boolean;
}

export class FakeFeishu {
  readonly calls: FeishuCall[] = [];
  readonly users = new Map<string, string>(); // email → open_id
  /** open_ids of users who have left the company (离职). */
  readonly resigned = new Set<string>();
  /** Chats by chat_id whose state a test declares (see FakeChat). */
  readonly chats = new Map<string, FakeChat>();
  /** The bot's name (bot/v3/info). */
  botName = 'Kesu';
  /** Uploaded images and files by key: the form's fields and the bytes. */
  readonly uploads = new Map<string, { fields: Record<string, string>; name?: string; bytes: Buffer }>();
  /** The long connection (POST /callback/ws/endpoint and the WebSocket). */
  readonly ws = new FakeFeishuWs();
  #server?: Server;
  #token = 1;
  /** The HTTP status a call with an expired token gets (Feishu answers 99991663 with 200 or 400). */
  #expiredStatus = 200;
  #ids = 0;
  #failures = new Map<string, Array<{ status?: number; code: number }>>();
  url = '';

  static async start(users: Record<string, string> = {}): Promise<FakeFeishu> {
    const fake = new FakeFeishu();
    for (const [email, openId] of Object.entries(users)) fake.users.set(email, openId);
    fake.#server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const url = new URL(req.url ?? '/', 'http://x');
      const type = req.headers['content-type'] ?? '';
      const multipart = type.startsWith('multipart/form-data');
      const raw = Buffer.concat(chunks);
      const body = multipart ? await formOf(raw, type) : raw.length ? JSON.parse(raw.toString()) : {};
      const call: FeishuCall = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), body };
      if (typeof body.content === 'string') call.card = JSON.parse(body.content);
      fake.calls.push(call);
      const reply = (status: number, json: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      if (url.pathname === '/callback/ws/endpoint') {
        const answer = fake.ws.endpoint(body, fake.url);
        return reply(answer.status, answer.body);
      }
      if (url.pathname === '/open-apis/auth/v3/tenant_access_token/internal') return reply(200, { code: 0, msg: 'ok', tenant_access_token: `t-${fake.#token}`, expire: 7200 });
      if (req.headers.authorization !== `Bearer t-${fake.#token}`) return reply(fake.#expiredStatus, { code: 99991663, msg: 'Invalid access token for authorization.' });
      const key = `${call.method} ${url.pathname.replace(/om_\w+/, ':id').replace(/\/chats\/oc_\w+/, '/chats/:chat_id').replace(/\/users\/ou_\w+/, '/users/:user_id')}`;
      const failure = fake.#failures.get(key)?.shift();
      if (failure) return reply(failure.status ?? 200, { code: failure.code, msg: 'fake failure' });
      if (key === 'GET /open-apis/bot/v3/info') return reply(200, { code: 0, msg: 'ok', bot: { activate_status: 2, app_name: fake.botName, avatar_url: '', ip_white_list: [], open_id: 'ou_kesubot' } });
      if (key === 'GET /open-apis/im/v1/chats/:chat_id' || key === 'GET /open-apis/im/v1/chats/:chat_id/members/is_in_chat') {
        const chatId = /\/chats\/(oc_\w+)/.exec(url.pathname)![1]!;
        const chat = fake.#chat(chatId);
        if (chat.missing) return reply(400, { code: 232006, msg: 'Your request specifies a chat_id which is invalid.' });
        if (chat.dissolved) return reply(400, { code: 232009, msg: 'Your request specifies a chat which has already been dissolved.' });
        if (key.endsWith('/is_in_chat')) return reply(200, { code: 0, msg: 'success', data: { is_in_chat: chat.botIn } });
        if (!chat.botIn) return reply(400, { code: 232011, msg: 'Operator can NOT be out of the chat.' });
        return reply(200, { code: 0, msg: 'success', data: { name: chat.name, chat_mode: 'group', chat_type: 'private', chat_status: 'normal', owner_id_type: 'open_id', owner_id: 'ou_owner' } });
      }
      if (key === 'GET /open-apis/contact/v3/users/:user_id') {
        const openId = /\/users\/(ou_\w+)/.exec(url.pathname)![1]!;
        const email = [...fake.users].find(([, id]) => id === openId)?.[0];
        if (!email) return reply(400, { code: 41050, msg: 'no user authority error' });
        return reply(200, { code: 0, msg: 'success', data: { user: { open_id: openId, email, status: { is_activated: true, is_resigned: fake.resigned.has(openId), is_frozen: false, is_exited: false, is_unjoin: false } } } });
      }
      if (key === 'POST /open-apis/im/v1/messages' && call.query.receive_id_type === 'chat_id' && fake.chats.has(body.receive_id)) {
        const chat = fake.#chat(body.receive_id);
        if (chat.missing || chat.dissolved) return reply(400, { code: 230001, msg: 'Your request contains an invalid request parameter: invalid receive_id.' });
        if (!chat.botIn) return reply(400, { code: 230002, msg: 'Bot/User can NOT be out of the chat.' });
      }
      if (key === 'POST /open-apis/im/v1/messages' || key === 'POST /open-apis/im/v1/messages/:id/reply') return reply(200, { code: 0, msg: 'success', data: { message_id: `om_${++fake.#ids}` } });
      if (key === 'POST /open-apis/im/v1/images' || key === 'POST /open-apis/im/v1/files') {
        const image = key.endsWith('images');
        const upload = body as Awaited<ReturnType<typeof formOf>>;
        if (!upload.bytes?.length) return reply(400, { code: 234001, msg: 'Invalid request param.' });
        const fileKey = `${image ? 'img_v3_' : 'file_v3_'}${++fake.#ids}`;
        fake.uploads.set(fileKey, upload);
        return reply(200, { code: 0, msg: 'success', data: image ? { image_key: fileKey } : { file_key: fileKey } });
      }
      if (key === 'PATCH /open-apis/im/v1/messages/:id') return reply(200, { code: 0, msg: 'success', data: {} });
      if (key === 'POST /open-apis/contact/v3/users/batch_get_id') {
        const user_list = (body.emails ?? []).map((email: string) => ({ email, ...(fake.users.has(email) ? { user_id: fake.users.get(email) } : {}) }));
        return reply(200, { code: 0, msg: 'success', data: { user_list } });
      }
      return reply(404, { code: 404, msg: `fake: no ${key}` });
    });
    fake.ws.attach(fake.#server);
    await new Promise<void>((resolve) => fake.#server!.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.#server!.address() as AddressInfo).port}`;
    return fake;
  }

  #chat(chatId: string): Required<FakeChat> {
    const declared = this.chats.get(chatId);
    return { name: declared?.name ?? chatId, botIn: declared?.botIn ?? true, missing: declared?.missing ?? false, dissolved: declared?.dissolved ?? false };
  }

  /** Invalidates the tenant token: the next calls get 99991663 (with this HTTP status, default 200) until a new token is fetched. */
  expireToken(opts: { status?: number } = {}): void {
    this.#token++;
    this.#expiredStatus = opts.status ?? 200;
  }

  /** The next `times` calls of `METHOD /path` (message ids as `:id`, chat ids as `:chat_id`, open_ids in contact paths as `:user_id`) fail with this code (and HTTP status). */
  fail(key: string, failure: { status?: number; code: number }, times = 1): void {
    this.#failures.set(key, [...(this.#failures.get(key) ?? []), ...Array.from({ length: times }, () => failure)]);
  }

  sent(since = 0): FeishuCall[] {
    return this.calls.slice(since).filter((c) => c.method === 'POST' && c.path === '/open-apis/im/v1/messages');
  }

  async waitFor(match: (c: FeishuCall) => boolean, since = 0, timeoutMs = 5_000): Promise<FeishuCall> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.calls.slice(since).find(match);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no matching Feishu call within ${timeoutMs} ms; calls: ${this.calls.slice(since).map((c) => `${c.method} ${c.path}`).join(', ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    this.ws.close();
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }
}
