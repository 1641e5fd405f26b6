/** POST /api/export { from, to, department?, format }: the tracking table as a file, for the viewer (contact masked where they may not see it). */
import type { Hono } from 'hono';
import { z } from 'zod';
import { exportTable } from '../../../commands/export.ts';
import { tableToCsv, tableToXlsx } from '../../../notifiers/render/table.ts';
import type { ConsoleContext } from '../context.ts';
import { viewerOf } from '../viewer.ts';
import { parseBody } from './body.ts';

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Body = z.object({ from: DAY, to: DAY, department: z.string().max(64).optional(), format: z.enum(['xlsx', 'csv']) });
const TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' } as const;

export function register(app: Hono, ctx: ConsoleContext): void {
  app.post('/api/export', async (c) => {
    const viewer = viewerOf(c, ctx);
    const { from, to, department, format } = await parseBody(c, Body);
    const table = await exportTable(ctx.core.deps, viewer, { from, to, ...(department ? { department } : {}) });
    const file = format === 'csv' ? tableToCsv(table) : await tableToXlsx(table);
    const name = `kesu-${from}-${to}${department ? `-${department}` : ''}.${format}`;
    return c.body(new Uint8Array(file), 200, { 'Content-Type': TYPES[format], 'Content-Disposition': `attachment; filename="${name}"` });
  });
}
