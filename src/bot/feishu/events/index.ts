/** The Feishu handlers' one root registrar: event type → handler, each claimed once by event_id and answered by the one boundary. */
import type { FeishuContext, Handlers } from '../context.ts';
import { once } from '../dedupe.ts';
import * as cardAction from './card-action.ts';
import * as menu from './menu.ts';
import * as message from './message.ts';
import { answered } from './refusal.ts';

export function handlers(ctx: FeishuContext): Handlers {
  const all: Handlers = {};
  for (const file of [message, menu, cardAction]) file.register(all, ctx);
  return Object.fromEntries(Object.entries(all).map(([type, fn]) => [type, once(ctx.io, answered(ctx, type, fn))]));
}
