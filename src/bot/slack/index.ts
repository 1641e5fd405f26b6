/**
 * The Slack platform: a real Bolt app (Socket Mode when SLACK_APP_TOKEN is set, otherwise the HTTP
 * receiver at /slack/events, mounted on Kesu's HTTP server), its listeners, the outbox deliverer and
 * App Home refreshes. SLACK_API_URL points every Web API call elsewhere (proxies, GovSlack, tests).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { App, defaultBodyLimit, HTTPModuleFunctions, HTTPReceiver, isRawBodyError, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { Settings } from '../../config/env.ts';
import type { Interactions } from '../../interaction/index.ts';
import { textPayload } from '../../notifiers/render/slack/blocks.ts';
import type { SlackContext } from './context.ts';
import { SlackDeliverer } from './deliverer.ts';
import { SlackIdentity } from './identity.ts';
import { publishHome } from './listeners/events/app-home-opened.ts';
import { registerListeners } from './listeners/index.ts';
import { boltLogger } from './logger.ts';
import { slackApiUrl, slackBackgroundClient, slackClientOptions } from './client.ts';
import type { Logger } from '../../logger.ts';

export interface SlackPlatform {
  readonly app: App;
  readonly deliverer: SlackDeliverer;
  readonly mode: 'socket' | 'http';
  /** HTTP mode: the handler for `/slack/…` on Kesu's server. */
  readonly requestListener?: RequestListener;
  /** Socket Mode: whether its WebSocket is connected now. */
  readonly isUp?: () => boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const HOME_REFRESH_MS = 1_000;

export function createSlackPlatform(io: Interactions, settings: Settings): SlackPlatform {
  const { slack } = settings;
  const log = io.logger;
  if (!slack.botToken || !(slack.appToken || slack.signingSecret)) throw new Error('createSlackPlatform: Slack credentials are incomplete');
  const logger = boltLogger(log);
  const apiUrl = slackApiUrl(settings);
  const base = slackClientOptions(settings, log);
  const mode = slack.appToken ? 'socket' : 'http';
  const receiver: Receiver =
    mode === 'socket'
      ? // The socket client takes its Web API options (apps.connections.open) from installerOptions.
        new SocketModeReceiver({ appToken: slack.appToken!, logger, ...(apiUrl ? { installerOptions: { clientOptions: { slackApiUrl: apiUrl } } } : {}) })
      : new HTTPReceiver({ signingSecret: slack.signingSecret!, endpoints: '/slack/events', logger });
  // Socket Mode's connection state, for readiness (`/readyz`).
  let socketUp = false;
  if (receiver instanceof SocketModeReceiver) {
    receiver.client.on('connected', () => (socketUp = true));
    for (const down of ['disconnected', 'reconnecting', 'disconnecting']) receiver.client.on(down, () => (socketUp = false));
  }
  const app = new App({
    token: slack.botToken,
    receiver,
    logger,
    clientOptions: { ...base, retryConfig: { retries: 1 } },
    extendedErrorHandler: true,
  });
  // The deliverer's own client: no silent retries — the dispatcher retries, paced, with Retry-After.
  const client = slackBackgroundClient(settings, log);
  const ctx: SlackContext = {
    io,
    client: app.client,
    backgroundClient: client,
    identity: new SlackIdentity(app.client, io.directory, log),
    homeViewers: new Set(),
  };
  registerListeners(app, ctx);

  // The one boundary: every listener's error becomes a private answer to the person who acted — the
  // refusal in their language, or an apology — ephemeral where they acted, else by DM; and one log line.
  app.error(async ({ error, body }: { error: Error; body?: unknown }) => {
    const b = (body ?? {}) as { user?: { id?: string }; user_id?: string; channel?: { id?: string }; channel_id?: string; type?: string; command?: string };
    const user = b.user?.id ?? b.user_id;
    const actor = user ? await ctx.identity.actor(user).catch(() => undefined) : undefined;
    const answer = io.answer(error, actor?.locale ?? io.config.organisation.locale, { platform: 'slack', ...(user ? { user } : {}), what: b.command ?? b.type ?? 'event' });
    if (!user) return;
    const payload = textPayload(answer.text);
    const channel = b.channel?.id ?? b.channel_id;
    const ephemeral = channel ? await app.client.chat.postEphemeral({ channel, user, ...payload }).catch(() => undefined) : undefined;
    if (!ephemeral?.ok) await app.client.chat.postMessage({ channel: user, ...payload }).catch(() => undefined);
  });

  let homeTimer: NodeJS.Timeout | undefined;
  const refreshHomes = () => {
    homeTimer ??= setTimeout(() => {
      homeTimer = undefined;
      for (const user of ctx.homeViewers) publishHome(ctx, user, ctx.backgroundClient).catch((e: unknown) => log.warn({ err: e, user }, 'slack: App Home refresh failed'));
    }, HOME_REFRESH_MS);
    homeTimer.unref();
  };
  const deliverer = new SlackDeliverer(client, {
    onThreadError: (id, e) => log.warn({ complaint: id, err: e.message }, 'slack: timeline reply failed; it follows with the next change'),
    onChartError: (e) => log.warn({ err: e.message }, 'slack: chart not shared (is files:write granted?); the message went without it'),
    onCardDelivered: refreshHomes,
    resolvePerson: (id) => ctx.identity.userIdOf(id),
    localeOf: (user) => ctx.identity.localeOf(user),
  });

  return {
    app,
    deliverer,
    mode,
    ...(receiver instanceof HTTPReceiver
      ? {
          // Only Slack's POSTs reach Bolt, and only once screened; anything else (a browser, a health check) is not ours.
          requestListener: async (req: IncomingMessage, res: ServerResponse) => {
            if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== '/slack/events') {
              res.writeHead(req.method === 'POST' ? 404 : 405, { 'content-type': 'text/plain' }).end('not found');
              return;
            }
            if (await screened(req, res, slack.signingSecret!, log)) receiver.requestListener(req, res);
          },
        }
      : { isUp: () => socketUp }),
    async start() {
      await ctx.identity.linkByEmail().catch((e: unknown) => log.warn({ err: e }, 'slack: linking people by email failed'));
      if (mode === 'socket') await app.start();
    },
    async stop() {
      clearTimeout(homeTimer);
      if (mode === 'socket') await app.stop();
    },
  };
}

/**
 * Why a signed body that parsed is still no Slack payload Bolt can take, or undefined when it is one.
 * Bolt reads fields of the body outside its error handling (`null` crashes its receiver and, without
 * a process guard, the whole bot), and leaves other shapes unanswered for three seconds then 404s,
 * or throws while routing them (500): each is the sender's malformed request, so it gets a 400.
 */
export function malformedSlackBody(body: unknown): string | undefined {
  if (!isRecord(body)) return `the body is ${body === null ? 'null' : Array.isArray(body) ? 'an array' : `a ${typeof body}`}, not an object`;
  if (body.ssl_check !== undefined) return typeof body.ssl_check === 'string' ? undefined : 'ssl_check is not a string';
  if (body.type === undefined) {
    // Slash commands and legacy options requests carry no type.
    if (body.command !== undefined) return typeof body.command === 'string' ? undefined : 'command is not a string';
    return body.name !== undefined ? undefined : 'no type and no command';
  }
  if (typeof body.type !== 'string') return 'type is not a string';
  const required = REQUIRED[body.type];
  if (!required) return `unknown type "${body.type.slice(0, 40)}"`;
  const field = Object.entries(required).find(([key, ok]) => !ok(body[key]));
  return field ? `${body.type}: ${field[0]} is missing or malformed` : undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown) => typeof v === 'string';
const isTyped = (v: unknown) => isRecord(v) && typeof v.type === 'string';
const isActions = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every(isRecord);
const anything = () => true;

/** The payload types Bolt routes (or answers itself), each with the fields it reads unguarded. */
const REQUIRED: Record<string, Record<string, (v: unknown) => boolean>> = {
  url_verification: { challenge: isString },
  event_callback: { event: isTyped },
  app_rate_limited: {},
  block_actions: { actions: isActions },
  interactive_message: { actions: isActions },
  dialog_submission: { submission: isRecord },
  dialog_cancellation: { callback_id: anything },
  block_suggestion: { action_id: isString },
  view_submission: { view: isRecord },
  view_closed: { view: isRecord },
  shortcut: { callback_id: isString },
  message_action: { callback_id: isString },
};

/** How far a request's timestamp may lie ahead of our clock: Bolt 5 refuses only stale ones (> 5 min old). */
const MAX_FUTURE_SECONDS = 5 * 60;

/**
 * Why a verified request's timestamp is refused, or undefined when it is fresh: a signature made for a
 * moment more than five minutes ahead could be replayed until then. Wall-clock time, as Bolt uses.
 */
function futureTimestamp(header: string | string[] | undefined, nowMs = Date.now()): string | undefined {
  const ts = Number(Array.isArray(header) ? header[0] : header);
  if (!Number.isFinite(ts)) return undefined; // no or unreadable timestamp: Bolt's verification refused it already
  const ahead = ts - Math.floor(nowMs / 1000);
  return ahead > MAX_FUTURE_SECONDS ? `x-slack-request-timestamp is ${ahead} s in the future (at most ${MAX_FUTURE_SECONDS} s allowed)` : undefined;
}

/**
 * Reads and checks a request to /slack/events before Bolt does, with Bolt's own functions (Bolt then
 * reuses the buffered body). A correctly signed request whose timestamp lies more than five minutes
 * ahead is answered 401 here, as Bolt answers a stale one; a correctly signed body that is no Slack
 * payload is answered 400; everything else — including bad signatures (401) and unparsable bodies
 * (400) — is left to Bolt. Returns whether Bolt should take the request.
 */
async function screened(req: IncomingMessage, res: ServerResponse, signingSecret: string, logger: Logger): Promise<boolean> {
  let body: unknown;
  try {
    const buffered = await HTTPModuleFunctions.parseAndVerifyHTTPRequest({ signingSecret, bodyLimit: defaultBodyLimit }, req);
    body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
  } catch (e) {
    // Read but unsigned or unparsable: Bolt answers that itself (401, 400), as it always has.
    if (HTTPModuleFunctions.isBufferedIncomingMessage(req)) return true;
    // Not read at all (too large, aborted): the stream is spent, so answer here as Bolt would.
    const tooLarge = isRawBodyError(e) && (e.type === 'entity.too.large' || e.statusCode === 413);
    logger.warn({ platform: 'slack', status: tooLarge ? 413 : 400 }, `slack: could not read a request: ${(e as Error).message}`);
    if (!res.headersSent) res.writeHead(tooLarge ? 413 : 400).end();
    return false;
  }
  // ssl_check is unsigned (Bolt strips it to `ssl_check=1` and skips verification): no timestamp to judge.
  const future = isRecord(body) && body.ssl_check !== undefined ? undefined : futureTimestamp(req.headers['x-slack-request-timestamp']);
  if (future) {
    logger.warn({ platform: 'slack', status: 401, ip: req.socket.remoteAddress }, `slack: refused a signed request: ${future}`);
    HTTPModuleFunctions.buildNoBodyResponse(res, 401);
    return false;
  }
  const problem = malformedSlackBody(body);
  if (!problem) return true;
  logger.warn({ platform: 'slack', status: 400, ip: req.socket.remoteAddress }, `slack: refused a signed request that is no Slack payload: ${problem}`);
  res.writeHead(400, { 'content-type': 'text/plain' }).end('malformed Slack payload');
  return false;
}
