/** Request bodies are parsed once, at the edge, into typed objects; a malformed body is a field-level validation error. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { KesuError } from '../../../errors.ts';
import { parseOrThrow } from '../../../workflows/validation.ts';

export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  // JSON only: a cross-site form or `no-cors` fetch cannot send it without a CORS preflight.
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    throw new KesuError('validation_failed', { fields: 'body' }, { fields: [{ field: 'content-type', key: 'invalid' }] });
  }
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new KesuError('validation_failed', { fields: 'body' }, { fields: [{ field: 'body', key: 'invalid' }] });
  }
  return parseOrThrow(schema, raw);
}
