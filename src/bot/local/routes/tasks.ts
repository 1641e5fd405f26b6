/** GET /api/tasks: the viewer's "my tasks" page (the App Home of the console), with time left on each deadline. */
import type { Hono } from 'hono';
import { renderList } from '../../../notifiers/render/html.ts';
import type { ConsoleContext } from '../context.ts';
import { viewerOf } from '../viewer.ts';

export function register(app: Hono, ctx: ConsoleContext): void {
  app.get('/api/tasks', async (c) => {
    const viewer = viewerOf(c, ctx);
    const view = await ctx.io.tasks(viewer);
    return c.json({ html: renderList(view), count: view.items.length });
  });
}
