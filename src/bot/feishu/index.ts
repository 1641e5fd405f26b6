/**
 * The Feishu/Lark platform on @larksuiteoapi/node-sdk: the Open API client (FEISHU_DOMAIN: feishu,
 * lark or a base URL), the event and card-callback handlers, and the transport — the long connection
 * (WSClient, no public URL; card callbacks included) by default, or webhook mode at /feishu/events on
 * Kesu's HTTP server when FEISHU_ENCRYPT_KEY or FEISHU_VERIFICATION_TOKEN is set.
 */
import type { RequestListener } from 'node:http';
import * as lark from '@larksuiteoapi/node-sdk';
import { timelineFor } from '../../commands/present.ts';
import { loadState } from '../../store/complaints.ts';
import type { Core } from '../boot.ts';
import type { FeishuContext } from './context.ts';
import { FeishuDeliverer } from './deliverer.ts';
import { handlers } from './events/index.ts';
import { FeishuIdentity } from './identity.ts';
import { webhookListener } from './webhook.ts';

export interface FeishuPlatform {
  readonly client: lark.Client;
  readonly deliverer: FeishuDeliverer;
  readonly mode: 'long-connection' | 'webhook';
  /** Webhook mode: the handler for `/feishu/…`. */
  readonly requestListener?: RequestListener;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function domainOf(setting: string | undefined): lark.Domain | string {
  if (!setting || setting === 'feishu') return lark.Domain.Feishu;
  if (setting === 'lark') return lark.Domain.Lark;
  return setting.replace(/\/+$/, '');
}

export function createFeishuPlatform(core: Core): FeishuPlatform {
  const { feishu } = core.settings;
  if (!feishu.appId || !feishu.appSecret) throw new Error('createFeishuPlatform: FEISHU_APP_ID and FEISHU_APP_SECRET are required');
  const domain = domainOf(feishu.domain);
  const loggerLevel = lark.LoggerLevel.warn;
  const log = core.logger.child({ platform: 'feishu' });
  const logger = { error: (...a: unknown[]) => log.error(a.map(String).join(' ')), warn: (...a: unknown[]) => log.warn(a.map(String).join(' ')), info: (...a: unknown[]) => log.debug(a.map(String).join(' ')), debug: () => undefined, trace: () => undefined };
  // Token caching: one cache per platform, cleared on 99991663 (a token Feishu no longer accepts).
  const cache = new Map<string, { value: unknown; expiredTime?: number }>();
  const keyOf = (key: string | symbol | Symbol, options?: { namespace?: string }) => `${options?.namespace ?? ''}:${String(key)}`;
  const tokenCache = {
    get: async (key: string | Symbol, options?: { namespace?: string }) => {
      const hit = cache.get(keyOf(key, options));
      return hit && (!hit.expiredTime || hit.expiredTime > Date.now()) ? hit.value : undefined;
    },
    set: async (key: string | Symbol, value: unknown, expiredTime?: number, options?: { namespace?: string }) => {
      cache.set(keyOf(key, options), { value, ...(expiredTime ? { expiredTime } : {}) });
      return true;
    },
  };
  const client = new lark.Client({ appId: feishu.appId, appSecret: feishu.appSecret, domain, loggerLevel, logger, cache: tokenCache });
  const ctx: FeishuContext = { core, client, identity: new FeishuIdentity(client, core.deps.directory, core.logger), resetToken: () => cache.clear() };
  const dispatcher = new lark.EventDispatcher({ encryptKey: feishu.encryptKey ?? '', verificationToken: feishu.verificationToken ?? '', loggerLevel, logger }).register(handlers(ctx, core));
  const mode = feishu.encryptKey || feishu.verificationToken ? 'webhook' : 'long-connection';
  const ws = mode === 'long-connection' ? new lark.WSClient({ appId: feishu.appId, appSecret: feishu.appSecret, domain, loggerLevel, logger, autoReconnect: true }) : undefined;

  const deliverer = new FeishuDeliverer(client, {
    timelineFor: async (id) => {
      const state = await loadState(core.deps.db.prisma, id);
      return state ? timelineFor(core.deps, state, core.config.organisation.locale) : undefined;
    },
    resetToken: ctx.resetToken,
    onChartError: (reason) => core.logger.warn(reason),
  });

  return {
    client,
    deliverer,
    mode,
    ...(mode === 'webhook'
      ? { requestListener: webhookListener(dispatcher, { logger: core.logger, ...(feishu.encryptKey ? { encryptKey: feishu.encryptKey } : {}), ...(feishu.verificationToken ? { verificationToken: feishu.verificationToken } : {}) }) }
      : {}),
    async start() {
      await ctx.identity.linkByEmail().catch((e: unknown) => core.logger.warn({ err: e }, 'feishu: linking people by email failed'));
      await ws?.start({ eventDispatcher: dispatcher });
    },
    async stop() {
      ws?.close({ force: true });
    },
  };
}
