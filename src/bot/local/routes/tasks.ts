/** GET /api/tasks: the viewer's "my tasks" page (the App Home of the console): what each complaint needs from the viewer, with its button and time left. */
import type { Hono } from 'hono';
import { renderTasks } from '../../../notifiers/render/html-tasks.ts';
import type { ConsoleContext } from '../context.ts';
import { viewerOf } from '../viewer.ts';

export function register(app: Hono, ctx: ConsoleContext): void {
  app.get('/api/tasks', async (c) => {
    const tasks = await ctx.io.tasks(viewerOf(c, ctx));
    return c.json({ html: renderTasks(tasks), count: tasks.items.length });
  });
}
