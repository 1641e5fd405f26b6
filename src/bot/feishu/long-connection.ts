/**
 * Feishu's long connection (the SDK's WSClient): start() resolves once Feishu has accepted the app's
 * credentials and rejects, with what to fix, when it refuses them; "long connection up" is logged
 * only once the WebSocket is open (and again after a reconnect), never before.
 */
import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../logger.ts';

/** What the SDK itself accepts as an app id (WSClient.start only logs others and never connects). */
const APP_ID = /^cli_[0-9a-f]{16}$/i;

/** Feishu's "internal error" on the endpoint call: the SDK retries it, as it does network failures. */
const RETRYABLE_CODE = 1000040343;
const ENDPOINT = '/callback/ws/endpoint';

export interface LongConnectionOptions {
  appId: string;
  appSecret: string;
  domain: lark.Domain | string;
  dispatcher: lark.EventDispatcher;
  logger: Logger;
  /** The SDK's logger interface (client.ts). */
  sdkLogger: lark.Logger;
}

export interface LongConnection {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** True while the WebSocket is open. */
  isUp(): boolean;
}

type Outcome = { kind: 'accepted' | 'stopped' } | { kind: 'refused'; code: number; msg: string } | { kind: 'unreachable'; reason: string };

export function longConnection(opts: LongConnectionOptions): LongConnection {
  const { appId, logger } = opts;
  const where = opts.domain === lark.Domain.Feishu ? 'https://open.feishu.cn' : opts.domain === lark.Domain.Lark ? 'https://open.larksuite.com' : String(opts.domain);
  let up = false;
  /** The first endpoint call was refused: start() says so, the SDK's onError need not again. */
  let refusedAtStart = false;
  let settle: ((o: Outcome) => void) | undefined;
  const report = (o: Outcome) => {
    if (settle && o.kind === 'refused') refusedAtStart = true;
    settle?.(o);
    settle = undefined;
  };
  // The endpoint call goes through this wrapper so that its answer is known the moment it arrives.
  const http: lark.HttpInstance = Object.assign(Object.create(lark.defaultHttpInstance) as lark.HttpInstance, {
    async request(req: Parameters<lark.HttpInstance['request']>[0]) {
      try {
        const res = await lark.defaultHttpInstance.request(req);
        const { code, msg } = (res ?? {}) as { code?: number; msg?: string };
        if (String(req.url).endsWith(ENDPOINT)) {
          report(code === 0 ? { kind: 'accepted' } : code === RETRYABLE_CODE ? { kind: 'unreachable', reason: `code ${code}, ${msg ?? ''}` } : { kind: 'refused', code: code ?? -1, msg: msg ?? '' });
        }
        return res;
      } catch (e) {
        if (String(req.url).endsWith(ENDPOINT)) report({ kind: 'unreachable', reason: e instanceof Error ? e.message : String(e) });
        throw e;
      }
    },
  });
  const ws = new lark.WSClient({
    appId,
    appSecret: opts.appSecret,
    domain: opts.domain,
    loggerLevel: lark.LoggerLevel.warn,
    logger: opts.sdkLogger,
    httpInstance: http,
    autoReconnect: true,
    onReady: () => {
      up = true;
      logger.info({ domain: where, appId }, `feishu: long connection up (${where})`);
    },
    onReconnecting: () => {
      up = false;
      logger.warn({ domain: where }, 'feishu: long connection lost; reconnecting');
    },
    onReconnected: () => {
      up = true;
      logger.info({ domain: where, appId }, `feishu: long connection up again (${where})`);
    },
    onError: (err) => {
      up = false;
      if (refusedAtStart) return;
      logger.error({ domain: where, appId, reason: err.message }, `feishu: the long connection gave up (${err.message}); events and card callbacks no longer arrive. ${HINT} Then restart Kesu.`);
    },
  });

  return {
    isUp: () => up,
    async start() {
      if (!APP_ID.test(appId)) throw new Error(`feishu: FEISHU_APP_ID must be cli_ followed by 16 hexadecimal characters (the App ID on the app's Credentials & Basic Info page)`);
      const outcome = new Promise<Outcome>((resolve) => (settle = resolve));
      await ws.start({ eventDispatcher: opts.dispatcher });
      const first = await outcome;
      if (first.kind === 'refused') {
        ws.close({ force: true });
        const message = `feishu: Feishu refused the long connection (code ${first.code}: ${first.msg}). ${HINT}`;
        logger.error({ domain: where, appId, code: first.code }, message);
        throw new Error(message);
      }
      if (first.kind === 'unreachable') {
        logger.error({ domain: where, reason: first.reason }, `feishu: cannot open the long connection yet (${where}${ENDPOINT}: ${first.reason}); retrying. Check FEISHU_DOMAIN and that this host can reach it.`);
      }
    },
    async stop() {
      report({ kind: 'stopped' });
      up = false;
      ws.close({ force: true });
    },
  };
}

const HINT =
  "Check FEISHU_APP_ID and FEISHU_APP_SECRET (the app's Credentials & Basic Info page), FEISHU_DOMAIN (feishu or lark), and that the app receives events and callbacks through the long connection (Events & Callbacks > Subscription mode).";
