/** GET /api/conversations/:id (a channel or the viewer's DM, as HTML) and GET /api/messages/:id (one message, after a live update). */
import type { Hono } from 'hono';
import { KesuError } from '../../../errors.ts';
import type { ConsoleContext } from '../context.ts';
import { renderChatMessage, renderConversation } from '../render.ts';
import { mayRead, viewerOf } from '../viewer.ts';

export function register(app: Hono, ctx: ConsoleContext): void {
  app.get('/api/conversations/:id', async (c) => {
    const viewer = viewerOf(c, ctx);
    const id = c.req.param('id');
    if (!mayRead(viewer, id, ctx)) throw new KesuError('forbidden', { number: id, action: 'show' });
    return c.json({ conversation: id, html: await renderConversation(ctx, viewer, id) });
  });

  app.get('/api/messages/:id', async (c) => {
    const viewer = viewerOf(c, ctx);
    const message = ctx.conversations.get(c.req.param('id'));
    if (!message || !mayRead(viewer, message.conversation, ctx)) return c.json({ error: 'not found' }, 404);
    return c.json({ conversation: message.conversation, id: message.id, html: await renderChatMessage(ctx, viewer, message) });
  });
}
