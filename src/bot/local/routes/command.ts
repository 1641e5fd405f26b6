/** POST /api/command { text }: the composer's `/complaint …`, answered only to the asker (or with the filing form). */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { ConsoleContext } from '../context.ts';
import { consoleReplier } from '../render.ts';
import { viewerOf } from '../viewer.ts';
import { parseBody } from './body.ts';

const Body = z.object({ text: z.string().max(2000) });

export function register(app: Hono, ctx: ConsoleContext): void {
  app.post('/api/command', async (c) => {
    const viewer = viewerOf(c, ctx);
    const { text } = await parseBody(c, Body);
    const { replier, answer } = consoleReplier(ctx, viewer);
    await ctx.io.command(replier, viewer, text);
    return c.json(answer());
  });
}
