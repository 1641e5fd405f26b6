/**
 * Turning zod issues into field-level problems that every platform can show beside the right field.
 * Messages are i18n keys (`errors.field.<key>`), localized by the views.
 */
import type { z } from 'zod';
import { KesuError, type FieldIssue } from '../errors.ts';

/** Field message keys. Schemas use `{ error: 'key' }` or refinements with these keys as the message. */
export const FIELD_KEYS = [
  'required',
  'too_long',
  'too_short',
  'invalid_choice',
  'invalid_date',
  'invalid_datetime',
  'in_future',
  'too_old',
  'too_far',
  'too_early',
  'after_received',
  'invalid_boolean',
  'control_characters',
  'invalid_number',
  'not_integer',
  'out_of_range',
  'invalid_amount',
  'invalid_currency',
  'invalid_contact',
  'unknown_category',
  'unknown_department',
  'unknown_person',
  'not_department_member',
  'same_department',
  'must_be_after_due',
  'required_when_urgent',
  'required_for_outcome',
  'nothing_changed',
  'reason_required',
  'not_before_approval',
  'decided_approval',
  'invalid',
  'invalid_accountable',
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

function isFieldKey(s: string): s is FieldKey {
  return (FIELD_KEYS as readonly string[]).includes(s);
}

export function issuesToFields(error: z.ZodError): FieldIssue[] {
  const out: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || '_';
    if (seen.has(field)) continue; // one message per field: the first is the most useful
    seen.add(field);
    out.push({ field, ...toKey(issue) });
  }
  return out;
}

function toKey(issue: z.core.$ZodIssue): Omit<FieldIssue, 'field'> {
  if (isFieldKey(issue.message)) {
    const params: Record<string, string | number> = {};
    if ('maximum' in issue) params.max = Number(issue.maximum);
    if ('minimum' in issue) params.min = Number(issue.minimum);
    return Object.keys(params).length ? { key: issue.message, params } : { key: issue.message };
  }
  switch (issue.code) {
    case 'invalid_type':
      return { key: issue.input === undefined || issue.input === null ? 'required' : 'invalid' };
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? { key: 'too_long', params: { max: Number(issue.maximum) } }
        : { key: 'out_of_range', params: { max: Number(issue.maximum) } };
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return { key: 'required' };
      if (issue.origin === 'array' && Number(issue.minimum) === 1) return { key: 'required' };
      return issue.origin === 'string'
        ? { key: 'too_short', params: { min: Number(issue.minimum) } }
        : { key: 'out_of_range', params: { min: Number(issue.minimum) } };
    case 'invalid_value':
      return { key: 'invalid_choice' };
    default:
      return { key: 'invalid' };
  }
}

/** Parse or throw a `validation_failed` KesuError carrying every field issue. */
export function parseOrThrow<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const fields = issuesToFields(result.error);
  throw new KesuError('validation_failed', { fields: fields.map((f) => f.field).join(', ') }, { fields });
}

export function fieldError(field: string, key: FieldKey, params?: Record<string, string | number>): KesuError {
  const issue: FieldIssue = params ? { field, key, params } : { field, key };
  return new KesuError('validation_failed', { fields: field }, { fields: [issue] });
}
