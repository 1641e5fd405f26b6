/**
 * The Feishu/Lark Open API client from the settings (FEISHU_DOMAIN: feishu, lark or a base URL), with
 * its own tenant-token cache that `resetToken` clears after 99991663 (a token Feishu no longer accepts).
 */
import * as lark from '@larksuiteoapi/node-sdk';
import type { Settings } from '../../config/env.ts';
import type { Logger } from '../../logger.ts';

export interface FeishuApi {
  client: lark.Client;
  resetToken(): void;
  domain: lark.Domain | string;
  /** The SDK's logger interface over ours. */
  sdkLogger: { error(...a: unknown[]): void; warn(...a: unknown[]): void; info(...a: unknown[]): void; debug(): void; trace(): void };
}

export function domainOf(setting: string | undefined): lark.Domain | string {
  if (!setting || setting === 'feishu') return lark.Domain.Feishu;
  if (setting === 'lark') return lark.Domain.Lark;
  return setting.replace(/\/+$/, '');
}

export function feishuApi(settings: Pick<Settings, 'feishu'>, logger: Logger): FeishuApi {
  const { appId, appSecret } = settings.feishu;
  if (!appId || !appSecret) throw new Error('feishuApi: FEISHU_APP_ID and FEISHU_APP_SECRET are required');
  const domain = domainOf(settings.feishu.domain);
  const log = logger.child({ platform: 'feishu' });
  // The SDK logs arrays of strings and objects (axios errors among them): each is written out readably.
  const text = (a: unknown[]) => a.flat().map(describe).join(' ');
  const sdkLogger = {
    error: (...a: unknown[]) => log.error(text(a)),
    warn: (...a: unknown[]) => log.warn(text(a)),
    info: (...a: unknown[]) => log.debug(text(a)),
    debug: () => undefined,
    trace: () => undefined,
  };
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
  const client = new lark.Client({ appId, appSecret, domain, loggerLevel: lark.LoggerLevel.warn, logger: sdkLogger, cache: tokenCache });
  return { client, resetToken: () => cache.clear(), domain, sdkLogger };
}

/** One logged value as text: strings as they are, errors by message (and Feishu's answer), objects as JSON. */
function describe(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Error) {
    const data = (v as { response?: { status?: number; data?: unknown } }).response;
    return data ? `${v.message} (HTTP ${data.status ?? '?'}: ${safeJson(data.data)})` : v.message;
  }
  return safeJson(v);
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
