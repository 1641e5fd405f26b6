/**
 * The local web console: the third platform adapter. It plays a chat workspace for the configured
 * organisation in a browser — channels, the bot's DMs, "my tasks", the `/complaint` composer, forms
 * and card buttons, live updates, and a demo clock — on the same commands and neutral views as Slack
 * and Feishu. It listens on loopback by default: it has no login, the browser picks who it plays.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { DemoClock } from '../../clock.ts';
import { KesuError } from '../../errors.ts';
import { readMarker } from '../../store/markers.ts';
import { sentMessages } from '../../store/outbox.ts';
import type { Core } from '../boot.ts';
import type { Engine } from '../engine.ts';
import { CLOCK_MARKER, type ConsoleContext } from './context.ts';
import { Conversations } from './conversations.ts';
import { LocalDeliverer } from './deliverer.ts';
import { Hub } from './hub.ts';
import { createApp } from './routes/index.ts';

export interface LocalConsole {
  readonly deliverer: LocalDeliverer;
  readonly hub: Hub;
  /** Serve the console (after the engine has started: the clock control runs it). Resolves with the URL. */
  listen(engine: Engine, opts: { host: string; port: number }): Promise<string>;
  close(): Promise<void>;
}

/** Rebuilds the chat history and the demo clock's offset from the database, then waits for `listen`. */
export async function createLocalConsole(core: Core, clock: DemoClock): Promise<LocalConsole> {
  const { prisma } = core.deps.db;
  const saved = await readMarker(prisma, CLOCK_MARKER);
  const savedOffset = saved ? saved.until.getTime() - saved.createdAt.getTime() : 0;
  if (savedOffset > clock.offsetMs) clock.advance(savedOffset - clock.offsetMs);
  const conversations = new Conversations();
  conversations.load(await sentMessages(prisma, 'local'));
  const hub = new Hub();
  const ctx: ConsoleContext = { core, clock, conversations, hub };
  const deliverer = new LocalDeliverer(conversations, hub, clock);
  let server: Server | undefined;

  return {
    deliverer,
    hub,
    async listen(engine, { host, port }) {
      ctx.engine = engine;
      const app = createApp(ctx);
      server = await new Promise<Server>((resolve, reject) => {
        const s = serve({ fetch: app.fetch, hostname: host, port }) as Server;
        s.once('listening', () => resolve(s));
        s.once('error', (e: NodeJS.ErrnoException) =>
          reject(
            e.code === 'EADDRINUSE' || e.code === 'EACCES'
              ? new KesuError('config_invalid', { variables: 'PORT' }, { message: `The console cannot listen on ${host}:${port} (${e.code}): set PORT to a free port.`, cause: e })
              : e,
          ),
        );
      });
      const { port: bound } = server.address() as AddressInfo;
      return `http://${host.includes(':') ? `[${host}]` : host}:${bound}/`;
    },
    async close() {
      if (!server) return;
      const s = server;
      server = undefined;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}
