/** GET /api/events?as=<person>: server-sent events for one page — channel messages, the person's DMs, clock moves. */
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ConsoleContext } from '../context.ts';
import type { LiveEvent } from '../hub.ts';
import { viewerOf } from '../viewer.ts';

const KEEPALIVE_MS = 25_000;

export function register(app: Hono, ctx: ConsoleContext): void {
  app.get('/api/events', (c) => {
    const viewer = viewerOf(c, ctx, { fromQuery: true });
    return streamSSE(c, async (stream) => {
      const queue: LiveEvent[] = [];
      let wake: (() => void) | undefined;
      let ended = false;
      const unsubscribe = ctx.hub.subscribe(
        viewer.id,
        (event) => {
          queue.push(event);
          wake?.();
        },
        () => {
          ended = true; // the console is shutting down
          wake?.();
        },
      );
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: '{}' });
      while (!ended && !stream.aborted && !stream.closed) {
        const event = queue.shift();
        if (event) {
          await stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
          continue;
        }
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, KEEPALIVE_MS);
        });
        clearTimeout(timer);
        wake = undefined;
        if (queue.length === 0 && !ended && !stream.aborted) await stream.write(': keepalive\n\n');
      }
      unsubscribe();
    });
  });
}
