/**
 * The Slack platform: a real Bolt app (Socket Mode when SLACK_APP_TOKEN is set, otherwise the HTTP
 * receiver at /slack/events, mounted on Kesu's HTTP server), its listeners, the outbox deliverer and
 * App Home refreshes. SLACK_API_URL points every Web API call elsewhere (proxies, GovSlack, tests).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver, type Receiver } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import { timelineFor } from '../../commands/present.ts';
import { formatError } from '../../notifiers/i18n/index.ts';
import { loadState } from '../../store/complaints.ts';
import { isKesuError } from '../../errors.ts';
import type { Core } from '../boot.ts';
import type { SlackContext } from './context.ts';
import { SlackDeliverer } from './deliverer.ts';
import { SlackIdentity } from './identity.ts';
import { publishHome } from './listeners/events/app-home-opened.ts';
import { registerListeners } from './listeners/index.ts';
import { boltLogger } from './logger.ts';

export interface SlackPlatform {
  readonly app: App;
  readonly deliverer: SlackDeliverer;
  readonly mode: 'socket' | 'http';
  /** HTTP mode: the handler for `/slack/…` on Kesu's server. */
  readonly requestListener?: RequestListener;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const HOME_REFRESH_MS = 1_000;

export function createSlackPlatform(core: Core): SlackPlatform {
  const { slack } = core.settings;
  if (!slack.botToken || !(slack.appToken || slack.signingSecret)) throw new Error('createSlackPlatform: Slack credentials are incomplete');
  const logger = boltLogger(core.logger);
  const apiUrl = slack.apiUrl ? (slack.apiUrl.endsWith('/') ? slack.apiUrl : `${slack.apiUrl}/`) : undefined;
  const base: WebClientOptions = { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), logger };
  const mode = slack.appToken ? 'socket' : 'http';
  const receiver: Receiver =
    mode === 'socket'
      ? // The socket client takes its Web API options (apps.connections.open) from installerOptions.
        new SocketModeReceiver({ appToken: slack.appToken!, logger, ...(apiUrl ? { installerOptions: { clientOptions: { slackApiUrl: apiUrl } } } : {}) })
      : new HTTPReceiver({ signingSecret: slack.signingSecret!, endpoints: '/slack/events', logger });
  const app = new App({
    token: slack.botToken,
    receiver,
    logger,
    clientOptions: { ...base, retryConfig: { retries: 1 } },
    extendedErrorHandler: true,
  });
  // The deliverer's own client: no silent retries — the dispatcher retries, paced, with Retry-After.
  const client = new WebClient(slack.botToken, { ...base, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  const ctx: SlackContext = {
    core,
    client: app.client,
    backgroundClient: client,
    identity: new SlackIdentity(app.client, core.deps.directory, core.logger),
    homeViewers: new Set(),
  };
  registerListeners(app, ctx);

  // One place turns a listener's error into a log line and, for the person who acted, a message.
  app.error(async ({ error, body }: { error: Error; body?: unknown }) => {
    const cause = (error as { original?: unknown }).original ?? error;
    const user = (body as { user?: { id?: string }; user_id?: string } | undefined)?.user?.id ?? (body as { user_id?: string } | undefined)?.user_id;
    if (isKesuError(cause)) core.logger.warn({ code: cause.code, user }, `slack: refused: ${cause.message}`);
    else core.logger.error({ err: cause, user }, 'slack: listener failed');
    if (!user) return;
    const actor = await ctx.identity.actor(user).catch(() => undefined);
    const { message } = formatError(cause, actor?.locale ?? core.config.organisation.locale, { timeZone: core.config.organisation.timeZone });
    await app.client.chat.postMessage({ channel: user, text: message }).catch(() => undefined);
  });

  let homeTimer: NodeJS.Timeout | undefined;
  const refreshHomes = () => {
    homeTimer ??= setTimeout(() => {
      homeTimer = undefined;
      for (const user of ctx.homeViewers) publishHome(ctx, user, ctx.backgroundClient).catch((e: unknown) => core.logger.warn({ err: e, user }, 'slack: App Home refresh failed'));
    }, HOME_REFRESH_MS);
    homeTimer.unref();
  };
  const deliverer = new SlackDeliverer(client, {
    timelineFor: async (id) => {
      const state = await loadState(core.deps.db.prisma, id);
      return state ? timelineFor(core.deps, state, core.config.organisation.locale) : undefined;
    },
    onThreadError: (id, e) => core.logger.warn({ complaint: id, err: e.message }, 'slack: timeline reply failed; it follows with the next change'),
    onChartError: (e) => core.logger.warn({ err: e.message }, 'slack: chart not shared (is files:write granted?); the message went without it'),
    onCardDelivered: refreshHomes,
  });

  return {
    app,
    deliverer,
    mode,
    ...(receiver instanceof HTTPReceiver
      ? {
          // Only Slack's POSTs reach Bolt; anything else (a browser, a health check) is not ours.
          requestListener: (req: IncomingMessage, res: ServerResponse) =>
            req.method === 'POST' && (req.url ?? '').split('?')[0] === '/slack/events'
              ? receiver.requestListener(req, res)
              : res.writeHead(req.method === 'POST' ? 404 : 405, { 'content-type': 'text/plain' }).end('not found'),
        }
      : {}),
    async start() {
      await ctx.identity.linkByEmail().catch((e: unknown) => core.logger.warn({ err: e }, 'slack: linking people by email failed'));
      if (mode === 'socket') await app.start();
    },
    async stop() {
      clearTimeout(homeTimer);
      if (mode === 'socket') await app.stop();
    },
  };
}
