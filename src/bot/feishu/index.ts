/**
 * The Feishu/Lark platform on @larksuiteoapi/node-sdk: the Open API client (FEISHU_DOMAIN: feishu,
 * lark or a base URL), the event and card-callback handlers, and the transport — the long connection
 * (WSClient, no public URL; card callbacks included) by default, or webhook mode at /feishu/events on
 * Kesu's HTTP server when FEISHU_ENCRYPT_KEY or FEISHU_VERIFICATION_TOKEN is set (a warning at start
 * when only the token is: unsigned, unencrypted requests are then accepted on the token alone).
 */
import type { RequestListener } from 'node:http';
import * as lark from '@larksuiteoapi/node-sdk';
import { complaintTimeline } from '../../commands/present.ts';
import type { Core } from '../boot.ts';
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

export function createFeishuPlatform(core: Core): FeishuPlatform {
  const { feishu } = core.settings;
  if (!feishu.appId || !feishu.appSecret) throw new Error('createFeishuPlatform: FEISHU_APP_ID and FEISHU_APP_SECRET are required');
  const { client, resetToken, domain, sdkLogger: logger } = feishuApi(core.settings, core.logger);
  const loggerLevel = lark.LoggerLevel.warn;
  const ctx: FeishuContext = { core, client, identity: new FeishuIdentity(client, core.deps.directory, core.logger), resetToken };
  const dispatcher = new lark.EventDispatcher({ encryptKey: feishu.encryptKey ?? '', verificationToken: feishu.verificationToken ?? '', loggerLevel, logger }).register(handlers(ctx, core));
  const mode = feishu.encryptKey || feishu.verificationToken ? 'webhook' : 'long-connection';
  if (mode === 'webhook' && !feishu.encryptKey) {
    core.logger.warn(
      'feishu: webhook mode with FEISHU_VERIFICATION_TOKEN only: requests are neither encrypted nor signed, so anyone who learns the token can send events as Feishu. Set FEISHU_ENCRYPT_KEY (the Encrypt Key under the app\'s Events & Callbacks > Encryption Strategy).',
    );
  }
  const ws = mode === 'long-connection' ? longConnection({ appId: feishu.appId, appSecret: feishu.appSecret, domain, dispatcher, logger: core.logger, sdkLogger: logger }) : undefined;

  const deliverer = new FeishuDeliverer(client, {
    timelineFor: complaintTimeline(core.deps),
    resetToken: ctx.resetToken,
    onChartError: (reason) => core.logger.warn(reason),
    resolvePerson: (id) => ctx.identity.openIdOf(id),
  });

  return {
    client,
    deliverer,
    mode,
    ...(mode === 'webhook'
      ? { requestListener: webhookListener(dispatcher, { logger: core.logger, ...(feishu.encryptKey ? { encryptKey: feishu.encryptKey } : {}), ...(feishu.verificationToken ? { verificationToken: feishu.verificationToken } : {}) }) }
      : { isUp: () => ws?.isUp() ?? false }),
    async start() {
      await ctx.identity.linkByEmail().catch((e: unknown) => core.logger.warn({ err: e }, 'feishu: linking people by email failed'));
      await ws?.start();
    },
    async stop() {
      await ws?.stop();
    },
  };
}
