/**
 * Open API calls on the reply path with a stale tenant token retried once with a fresh one. Feishu
 * answers a token it no longer accepts with 99991663 (99991661 when none was sent), with HTTP 200 or
 * HTTP 400 — where the SDK throws before the code can be read — so the code is looked for in both.
 */
import type { FeishuContext } from './context.ts';

const TOKEN_CODES: ReadonlySet<number> = new Set([99991663, 99991661]);

/** Feishu's code in an SDK result, or in the error the SDK threw on an HTTP error status. */
export function feishuCode(resultOrError: unknown): number | undefined {
  const x = resultOrError as { code?: unknown; response?: { data?: { code?: unknown } } } | null | undefined;
  const code = x?.response?.data?.code ?? x?.code;
  return typeof code === 'number' ? code : undefined;
}

const stale = (x: unknown) => TOKEN_CODES.has(feishuCode(x) ?? 0);

/** `call`, once more after the cached token is dropped if Feishu refused the token. */
export async function withFreshToken<T>(ctx: Pick<FeishuContext, 'resetToken'>, call: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await call();
  } catch (e) {
    if (!stale(e)) throw e;
    ctx.resetToken();
    return call();
  }
  if (!stale(result)) return result;
  ctx.resetToken();
  return call();
}
