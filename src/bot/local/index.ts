/**
 * The local web console: the third platform adapter. It plays a chat workspace for the configured
 * organisation in a browser — channels, the bot's DMs, "my tasks", the `/complaint` composer, forms
 * and card buttons, live updates, and a demo clock — on the same commands and neutral views as Slack
 * and Feishu. It has no login (the browser picks who it plays), so it is served on loopback (bot/http.ts).
 */
import type { RequestListener } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { DemoClock } from '../../clock.ts';
import type { Interactions } from '../../interaction/index.ts';
import type { ConsoleContext, EngineControl } from './context.ts';
import { Conversations } from './conversations.ts';
import { LocalDeliverer } from './deliverer.ts';
import { Hub } from './hub.ts';
import { createApp } from './routes/index.ts';

export interface LocalConsole {
  readonly deliverer: LocalDeliverer;
  readonly hub: Hub;
  /** The console's HTTP handler, once the engine runs (its clock control steps the engine). */
  requestListener(engine: EngineControl): RequestListener;
  /** Ends the pages' live streams, so the server can close gracefully. */
  close(): void;
}

/** Rebuilds the chat history and the demo clock's offset from the database; serve it with `requestListener`. */
export async function createLocalConsole(io: Interactions, opts: { host: string; clock: DemoClock }): Promise<LocalConsole> {
  const { clock } = opts;
  const savedOffset = await io.savedClockOffset();
  if (savedOffset > clock.offsetMs) clock.advance(savedOffset - clock.offsetMs);
  const conversations = new Conversations();
  conversations.load(await io.sentMessages('local'));
  const hub = new Hub();
  const ctx: ConsoleContext = { io, host: opts.host, clock, conversations, hub };
  return {
    deliverer: new LocalDeliverer(conversations, hub, clock),
    hub,
    requestListener(engine) {
      ctx.engine = engine;
      return getRequestListener(createApp(ctx).fetch);
    },
    close: () => hub.close(),
  };
}
