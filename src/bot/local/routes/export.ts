/**
 * POST /api/export { from, to, department?, format }: the tracking table as a file, for the viewer (contact
 * masked where they may not see it); { statement: 'YYYY-MM', format: 'xlsx' }: the month's accountability statement.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { EXPORT_TYPES } from '../../../interaction/index.ts';
import type { ConsoleContext } from '../context.ts';
import { viewerOf } from '../viewer.ts';
import { parseBody } from './body.ts';

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Table = z.object({ from: DAY, to: DAY, department: z.string().max(64).optional(), format: z.enum(['xlsx', 'csv']) });
const Statement = z.object({ statement: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/), format: z.literal('xlsx') }).strict();
const Body = z.union([Statement, Table]);

export function register(app: Hono, ctx: ConsoleContext): void {
  app.post('/api/export', async (c) => {
    const viewer = viewerOf(c, ctx);
    const body = await parseBody(c, Body);
    const file =
      'statement' in body
        ? await ctx.io.statementFile(viewer, body.statement)
        : await ctx.io.exportFile(viewer, { from: body.from, to: body.to, ...(body.department ? { department: body.department } : {}) }, body.format);
    return c.body(new Uint8Array(file.bytes), 200, { 'Content-Type': EXPORT_TYPES[file.format], 'Content-Disposition': `attachment; filename="${file.name}"` });
  });
}
