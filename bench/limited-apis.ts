/**
 * Fake Slack and Feishu message APIs on 127.0.0.1 that enforce the platforms' send rate limits, for
 * `npm run bench:delivery`. Every call is recorded with its arrival time, target and whether it was refused.
 *
 * Limits, as sliding windows over accepted messages (refused calls do not use up the allowance):
 *   - Slack `chat.postMessage`: 1 message per channel per second. Slack's documented limit is "about
 *     one per second, short bursts allowed"; here a message is refused when the channel's previous
 *     accepted message arrived less than 950 ms earlier (50 ms tolerance for network and timer jitter).
 *     Refusal: HTTP 429, `Retry-After: 1`, `{ok:false,error:'ratelimited'}`. No workspace-wide cap.
 *   - Feishu `im/v1/messages`: 5 per chat (`receive_id`) and 50 per app in any window of 950 ms (the
 *     nominal 1 s less the same 50 ms tolerance). Refusal: HTTP 429, `{code:99991400}` and Feishu's
 *     `x-ogw-ratelimit-*` headers. The 1000/min app limit is not enforced (the bench stays under it).
 * The servers run in a worker thread of their own, so that the measured process's busy event loop
 * does not shift the arrival times they record (and enforce limits on).
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

export const SLACK_PER_CHANNEL = 1;
export const FEISHU_PER_CHAT = 5;
export const FEISHU_PER_APP = 50;
/** How much shorter than the nominal second the fakes' windows are. */
export const TOLERANCE_MS = 50;
const WINDOW_MS = 1000 - TOLERANCE_MS;

/** Milliseconds on a clock shared by all threads (performance.now() alone starts at each thread's creation). */
export const clock = () => performance.timeOrigin + performance.now();

export interface ApiCall {
  platform: 'slack' | 'feishu';
  /** clock() when the request body had arrived. */
  at: number;
  /** Channel or chat id. */
  target: string;
  /** Set when the call was refused by a rate limit: which one. */
  refused?: 'target' | 'app';
  /** The request body as text (form fields or JSON), for matching calls to messages. */
  body: string;
}

/** Accepted arrival times per key, pruned to the window. */
class SlidingWindow {
  readonly #times = new Map<string, number[]>();
  constructor(readonly limit: number) {}

  full(key: string, now: number): boolean {
    const times = (this.#times.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
    this.#times.set(key, times);
    return times.length >= this.limit;
  }

  add(key: string, now: number): void {
    this.#times.get(key)!.push(now);
  }
}

async function readBody(req: IncomingMessage): Promise<{ raw: string; args: Record<string, any> }> {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  if ((req.headers['content-type'] ?? '').includes('application/json')) return { raw, args: raw ? JSON.parse(raw) : {} };
  return { raw: JSON.stringify(Object.fromEntries(new URLSearchParams(raw))), args: Object.fromEntries(new URLSearchParams(raw)) };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export interface LimitedApis {
  /** Slack Web API base URL, with the trailing `/api/`. */
  slackUrl: string;
  /** Feishu domain (base URL, no trailing slash). */
  feishuUrl: string;
  /** Stops the servers; returns every call they received, in order of arrival. */
  close(): Promise<ApiCall[]>;
}

/** Starts both fakes in a worker thread (a failing worker is an uncaught 'error': the bench stops loudly rather than hanging). */
export async function startLimitedApis(): Promise<LimitedApis> {
  // Workers do not inherit tsx's loader (`--import tsx`): the worker loads this file through tsx's API.
  const load = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ tsImport }) => tsImport(${JSON.stringify(import.meta.url)}, ${JSON.stringify(import.meta.url)}))`;
  const worker = new Worker(load, { eval: true, workerData: { limitedApis: true } });
  const [urls] = (await once(worker, 'message')) as [{ slackUrl: string; feishuUrl: string }];
  return {
    ...urls,
    close: async () => {
      worker.postMessage('close');
      const [calls] = (await once(worker, 'message')) as [ApiCall[]];
      await once(worker, 'exit');
      return calls;
    },
  };
}

async function serve(): Promise<{ slackUrl: string; feishuUrl: string; calls: ApiCall[]; close(): Promise<void> }> {
  const calls: ApiCall[] = [];
  const slackChannels = new SlidingWindow(SLACK_PER_CHANNEL);
  const feishuChats = new SlidingWindow(FEISHU_PER_CHAT);
  const feishuApp = new SlidingWindow(FEISHU_PER_APP);
  let ts = 1_700_000_000;
  let ids = 0;

  const slack = createServer(async (req, res) => {
    const { raw, args } = await readBody(req);
    const at = clock();
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
    if (method === 'auth.test') return json(res, 200, { ok: true, team_id: 'T0BENCH', user_id: 'U0BENCHBOT', bot_id: 'B0BENCHBOT' });
    if (method !== 'chat.postMessage') return json(res, 200, { ok: false, error: 'unknown_method' });
    const channel = String(args.channel ?? '');
    const refused = slackChannels.full(channel, at);
    calls.push({ platform: 'slack', at, target: channel, body: raw, ...(refused ? { refused: 'target' as const } : {}) });
    if (refused) return json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
    slackChannels.add(channel, at);
    json(res, 200, { ok: true, channel, ts: `${++ts}.000100` });
  });

  const feishu = createServer(async (req, res) => {
    const { raw, args } = await readBody(req);
    const at = clock();
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/open-apis/auth/v3/tenant_access_token/internal') return json(res, 200, { code: 0, msg: 'ok', tenant_access_token: 't-1', expire: 7200 });
    if (req.headers.authorization !== 'Bearer t-1') return json(res, 200, { code: 99991663, msg: 'Invalid access token for authorization.' });
    if (req.method !== 'POST' || url.pathname !== '/open-apis/im/v1/messages') return json(res, 404, { code: 404, msg: `fake: no ${req.method} ${url.pathname}` });
    const chat = String(args.receive_id ?? '');
    const refused = feishuChats.full(chat, at) ? 'target' : feishuApp.full('app', at) ? 'app' : undefined;
    calls.push({ platform: 'feishu', at, target: chat, body: raw, ...(refused ? { refused } : {}) });
    if (refused) {
      const limit = String(refused === 'target' ? FEISHU_PER_CHAT : FEISHU_PER_APP);
      return json(res, 429, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-limit': limit, 'x-ogw-ratelimit-reset': '1' });
    }
    feishuChats.add(chat, at);
    feishuApp.add('app', at);
    json(res, 200, { code: 0, msg: 'success', data: { message_id: `om_${++ids}`, chat_id: chat } });
  });

  const slackUrl = `${await listen(slack)}/api/`;
  const feishuUrl = await listen(feishu);
  return { slackUrl, feishuUrl, calls, close: async () => void (await Promise.all([close(slack), close(feishu)])) };
}

if (!isMainThread && (workerData as { limitedApis?: boolean } | null)?.limitedApis) {
  const apis = await serve();
  parentPort!.postMessage({ slackUrl: apis.slackUrl, feishuUrl: apis.feishuUrl });
  parentPort!.once('message', async () => {
    await apis.close();
    parentPort!.postMessage(apis.calls);
    parentPort!.close();
  });
}
