/**
 * The Feishu/Lark platform on @larksuiteoapi/node-sdk: the Open API client (FEISHU_DOMAIN: feishu,
 * lark or a base URL), the event and card-callback handlers, and the transport — the long connection
 * (WSClient, no public URL; card callbacks included) by default, or webhook mode at /feishu/events on
 * Kesu's HTTP server when FEISHU_ENCRYPT_KEY or FEISHU_VERIFICATION_TOKEN is set (a warning at start
 * when only the token is: unsigned, unencrypted requests are then accepted on the token alone).
 */
import type { RequestListener } from 'node:http';
import * as lark from '@larksuiteoapi/node-sdk';
import type { Settings } from '../../config/env.ts';
import type { Interactions } from '../../interaction/index.ts';
import type { FeishuContext } from './context.ts';
import { FeishuDeliverer } from './deliverer.ts';
import { handlers } from './events/index.ts';
import { FeishuIdentity } from './identity.ts';
import { longConnection } from './long-connection.ts';
import { webhookListener } from './webhook.ts';
import { feishuApi } from './client.ts';

export interface FeishuPlatform {
  readonly client: lark.Client;
  readonly deliverer: FeishuDeliverer;
  readonly mode: 'long-connection' | 'webhook';
  /** Webhook mode: the handler for `/feishu/…`. */
  readonly requestListener?: RequestListener;
  /** Long-connection mode: whether its WebSocket is open now. */
  readonly isUp?: () => boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createFeishuPlatform(io: Interactions, settings: Settings): FeishuPlatform {
  const { feishu } = settings;
  const log = io.logger;
  if (!feishu.appId || !feishu.appSecret) throw new Error('createFeishuPlatform: FEISHU_APP_ID and FEISHU_APP_SECRET are required');
  const { client, resetToken, domain, sdkLogger: logger } = feishuApi(settings, log);
  const loggerLevel = lark.LoggerLevel.warn;
  const ctx: FeishuContext = { io, client, identity: new FeishuIdentity(client, io.directory, log), resetToken };
  const dispatcher = new lark.EventDispatcher({ encryptKey: feishu.encryptKey ?? '', verificationToken: feishu.verificationToken ?? '', loggerLevel, logger }).register(handlers(ctx));
  const mode = feishu.encryptKey || feishu.verificationToken ? 'webhook' : 'long-connection';
  if (mode === 'webhook' && !feishu.encryptKey) {
    log.warn(
      'feishu: webhook mode with FEISHU_VERIFICATION_TOKEN only: requests are neither encrypted nor signed, so anyone who learns the token can send events as Feishu. Set FEISHU_ENCRYPT_KEY (the Encrypt Key under the app\'s Events & Callbacks > Encryption Strategy).',
    );
  }
  const ws = mode === 'long-connection' ? longConnection({ appId: feishu.appId, appSecret: feishu.appSecret, domain, dispatcher, logger: log, sdkLogger: logger }) : undefined;

  const deliverer = new FeishuDeliverer(client, {
    resetToken: ctx.resetToken,
    onChartError: (reason) => log.warn(reason),
    resolvePerson: (id) => ctx.identity.openIdOf(id),
  });

  return {
    client,
    deliverer,
    mode,
    ...(mode === 'webhook'
      ? { requestListener: webhookListener(dispatcher, { logger: log, ...(feishu.encryptKey ? { encryptKey: feishu.encryptKey } : {}), ...(feishu.verificationToken ? { verificationToken: feishu.verificationToken } : {}) }) }
      : { isUp: () => ws?.isUp() ?? false }),
    async start() {
      await ctx.identity.linkByEmail().catch((e: unknown) => log.warn({ err: e }, 'feishu: linking people by email failed'));
      await ws?.start();
    },
    async stop() {
      await ws?.stop();
    },
  };
}
