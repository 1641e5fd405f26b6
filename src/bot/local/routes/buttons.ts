/** POST /api/buttons { button, value }: a message's own button (the GM's Sign on a statement), answered only to the clicker; refusals go to the one error handler. */
import type { Hono } from 'hono';
import { z } from 'zod';
import { MESSAGE_BUTTONS } from '../../../notifiers/views/types.ts';
import type { ConsoleContext } from '../context.ts';
import { consoleReplier } from '../render.ts';
import { viewerOf } from '../viewer.ts';
import { parseBody } from './body.ts';

const Body = z.object({ button: z.enum(MESSAGE_BUTTONS), value: z.string().max(100) });

export function register(app: Hono, ctx: ConsoleContext): void {
  app.post('/api/buttons', async (c) => {
    const viewer = viewerOf(c, ctx);
    const { button, value } = await parseBody(c, Body);
    const message = await ctx.io.messageButton(viewer, button, value);
    const { replier, answer } = consoleReplier(ctx, viewer);
    await replier.reply({ type: 'message', message });
    return c.json(answer());
  });
}
