/** POST /api/export { from, to, department?, format }: the tracking table as a file, for the viewer (contact masked where they may not see it). */
import type { Hono } from 'hono';
import { z } from 'zod';
import { EXPORT_TYPES } from '../../../interaction/index.ts';
import type { ConsoleContext } from '../context.ts';
import { viewerOf } from '../viewer.ts';
import { parseBody } from './body.ts';

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Body = z.object({ from: DAY, to: DAY, department: z.string().max(64).optional(), format: z.enum(['xlsx', 'csv']) });

export function register(app: Hono, ctx: ConsoleContext): void {
  app.post('/api/export', async (c) => {
    const viewer = viewerOf(c, ctx);
    const { from, to, department, format } = await parseBody(c, Body);
    const range = { from, to, ...(department ? { department } : {}) };
    const file = await ctx.io.exportFile(viewer, range, format);
    return c.body(new Uint8Array(file.bytes), 200, { 'Content-Type': EXPORT_TYPES[format], 'Content-Disposition': `attachment; filename="${file.name}"` });
  });
}
