/** The Feishu handlers' one root registrar: event type → handler, each claimed once by event_id. */
import type { Core } from '../../boot.ts';
import type { FeishuContext, Handlers } from '../context.ts';
import { once } from '../dedupe.ts';
import * as cardAction from './card-action.ts';
import * as menu from './menu.ts';
import * as message from './message.ts';

export function handlers(ctx: FeishuContext, core: Core): Handlers {
  const all: Handlers = {};
  for (const file of [message, menu, cardAction]) file.register(all, ctx);
  return Object.fromEntries(Object.entries(all).map(([type, fn]) => [type, once(core, fn)]));
}
