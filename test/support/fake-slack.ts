/**
 * A fake Slack Web API on 127.0.0.1 for the real Bolt app and WebClient (`SLACK_API_URL`). It answers
 * the methods Kesu calls the way Slack does, records every call with its arguments, can be told to
 * fail or stall the next calls of a method (429 with Retry-After, an API error, a delay), and takes
 * response_url posts. Channels answer as existing with the app in them unless declared otherwise in
 * `channels` (not a member, archived, missing, private): then conversations.info and chat.postMessage
 * answer as Slack does for them.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeUser {
  id: string;
  email?: string;
  locale?: string;
  /** A deactivated account: users.info still answers, with `deleted: true`. */
  deleted?: boolean;
}

/** A channel declared by a test; undeclared channels exist, are public and have the app in them. */
export interface FakeChannel {
  name?: string;
  /** Default true. */
  isMember?: boolean;
  isArchived?: boolean;
  /** A private channel the app is not in is invisible: channel_not_found. */
  isPrivate?: boolean;
  /** No such channel (deleted, or a wrong ID). */
  missing?: boolean;
}

export interface Call {
  method: string;
  args: Record<string, any>;
}

/** A 429 with Retry-After, an API error, or an answer held back for `delayMs` (then given as usual). */
/** How a call fails; with `channel`, only a call to that channel uses it up. */
type Failure = ({ status: 429; retryAfter: number } | { error: string } | { delayMs: number }) & { channel?: string };

async function readBody(req: IncomingMessage): Promise<Record<string, any>> {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  if ((req.headers['content-type'] ?? '').includes('application/json')) return raw ? JSON.parse(raw) : {};
  const args: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // WebClient sends nested arguments (blocks, view) as JSON strings.
    args[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
  }
  return args;
}

export class FakeSlack {
  readonly calls: Call[] = [];
  readonly users = new Map<string, FakeUser>();
  /** Channels by ID whose state a test declares (see FakeChannel). */
  readonly channels = new Map<string, FakeChannel>();
  /** Files uploaded through files.uploadV2, by file id: name, bytes, and once completed, where shared. */
  readonly uploads = new Map<string, { filename: string; length: number; bytes?: Buffer; shared?: Record<string, any> }>();
  #files = 0;
  readonly #failures = new Map<string, Failure[]>();
  #server?: Server;
  #ts = 1_700_000_000;
  #views = 0;
  url = '';
  /** Called as each Web API call arrives (benchmarks time them). */
  onCall?: (call: Call) => void;
  /** What apps.connections.open hands out (Socket Mode tests). */
  socketUrl = '';

  static async start(users: FakeUser[] = []): Promise<FakeSlack> {
    const fake = new FakeSlack();
    for (const u of users) fake.users.set(u.id, u);
    fake.#server = createServer(async (req, res) => {
      const path = req.url ?? '';
      if (path.startsWith('/upload/')) {
        // files.uploadV2 step 2: the file's bytes go to the URL files.getUploadURLExternal handed out.
        // WebClient posts it as multipart/form-data; the raw body is accepted too.
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const raw = Buffer.concat(chunks);
        const type = req.headers['content-type'] ?? '';
        let bytes = raw;
        if (type.startsWith('multipart/form-data')) {
          const form = await new Request('http://upload/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
          const file = [...form.values()].find((v) => typeof v !== 'string');
          bytes = file && typeof file !== 'string' ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
        }
        const id = path.slice('/upload/'.length);
        fake.uploads.set(id, { ...fake.uploads.get(id)!, bytes });
        fake.calls.push({ method: 'upload', args: { file_id: id, authorization: req.headers.authorization } });
        res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
        return;
      }
      const args = await readBody(req);
      if (path.startsWith('/response_url/')) {
        fake.calls.push({ method: 'response_url', args });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        return;
      }
      const method = path.replace(/^\/api\//, '').split('?')[0]!;
      fake.calls.push({ method, args });
      fake.onCall?.({ method, args });
      const queue = fake.#failures.get(method) ?? [];
      const at = queue.findIndex((f) => f.channel === undefined || f.channel === args.channel);
      const next = at < 0 ? undefined : queue.splice(at, 1)[0];
      if (next && 'delayMs' in next) {
        await new Promise((r) => setTimeout(r, next.delayMs));
        if (res.destroyed) return;
      }
      const failure = next && 'delayMs' in next ? undefined : next;
      if (failure && 'status' in failure) {
        res.writeHead(429, { 'retry-after': String(failure.retryAfter), 'content-type': 'application/json' }).end('{"ok":false,"error":"ratelimited"}');
        return;
      }
      const body = failure ? { ok: false, error: failure.error } : fake.#answer(method, args);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => fake.#server!.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.#server!.address() as AddressInfo).port}/`;
    return fake;
  }

  #answer(method: string, args: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case 'apps.connections.open':
        return this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: 'not_allowed_token_type' };
      case 'auth.test':
        return { ok: true, url: 'https://kesu-test.slack.com/', team: 'Kesu Test', user: 'kesu', team_id: 'T0KESU', user_id: 'U0KESUBOT', bot_id: 'B0KESUBOT' };
      case 'users.info': {
        const user = this.users.get(args.user);
        return user ? { ok: true, user: { id: user.id, deleted: user.deleted ?? false, locale: user.locale, profile: { email: user.email } } } : { ok: false, error: 'user_not_found' };
      }
      case 'conversations.info': {
        const channel = this.#channel(args.channel);
        if (!channel) return { ok: false, error: 'channel_not_found' };
        return { ok: true, channel: { id: args.channel, name: channel.name, is_channel: true, is_private: channel.isPrivate, is_member: channel.isMember, is_archived: channel.isArchived } };
      }
      case 'users.lookupByEmail': {
        const user = [...this.users.values()].find((u) => u.email === args.email);
        return user ? { ok: true, user: { id: user.id } } : { ok: false, error: 'users_not_found' };
      }
      case 'chat.postMessage': {
        // Only declared channels refuse; user IDs (DMs) and undeclared channels take the post.
        const declared = this.channels.has(args.channel);
        const channel = this.#channel(args.channel);
        if (declared && !channel) return { ok: false, error: 'channel_not_found' };
        if (declared && channel!.isArchived) return { ok: false, error: 'is_archived' };
        if (declared && !channel!.isMember) return { ok: false, error: 'not_in_channel' };
        return { ok: true, channel: args.channel, ts: `${++this.#ts}.000100`, message: { text: args.text } };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'conversations.open':
        return this.users.has(args.users) || /^U/.test(args.users) ? { ok: true, channel: { id: `D${String(args.users).slice(1)}` } } : { ok: false, error: 'user_not_found' };
      case 'files.getUploadURLExternal': {
        const id = `F${String(++this.#files).padStart(8, '0')}`;
        this.uploads.set(id, { filename: args.filename, length: Number(args.length) });
        return { ok: true, upload_url: `${this.url}upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = (args.files as Array<{ id: string; title?: string }>).map((f) => {
          const upload = this.uploads.get(f.id);
          if (!upload?.bytes || upload.bytes.length !== upload.length) return undefined;
          upload.shared = args;
          return { id: f.id, title: f.title, name: upload.filename };
        });
        return files.every(Boolean) ? { ok: true, files } : { ok: false, error: 'file_not_found' };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${++this.#ts}.000200` };
      case 'views.open':
      case 'views.update':
      case 'views.publish':
        return { ok: true, view: { ...args.view, id: `V${String(++this.#views).padStart(8, '0')}` } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /** A channel as the app sees it, or undefined when it cannot see it (missing, or private without the app). */
  #channel(id: string): Required<Omit<FakeChannel, 'missing'>> | undefined {
    const declared = this.channels.get(id);
    if (declared?.missing) return undefined;
    const channel = { name: declared?.name ?? String(id).toLowerCase(), isMember: declared?.isMember ?? true, isArchived: declared?.isArchived ?? false, isPrivate: declared?.isPrivate ?? false };
    return channel.isPrivate && !channel.isMember ? undefined : channel;
  }

  /** The next `times` calls of `method` fail (or stall) this way. */
  fail(method: string, failure: Failure, times = 1): void {
    this.#failures.set(method, [...(this.#failures.get(method) ?? []), ...Array.from({ length: times }, () => failure)]);
  }

  /** Forget failures no call has used up yet. */
  clearFailures(): void {
    this.#failures.clear();
  }

  of(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  last(method: string): Call | undefined {
    return this.of(method).at(-1);
  }

  /** Resolves with the first call of `method` after `since` (a calls.length) that matches. */
  async waitFor(method: string, match: (c: Call) => boolean = () => true, since = 0, timeoutMs = 5_000): Promise<Call> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.calls.slice(since).find((c) => c.method === method && match(c));
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no ${method} call within ${timeoutMs} ms; calls: ${this.calls.slice(since).map((c) => c.method).join(', ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }
}
