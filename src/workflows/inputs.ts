/**
 * Input schemas for filing and for every action. Each form view carries the same field names, so a
 * platform can put each error beside its field. Raw values come from forms (mostly strings) or JSON.
 */
import { z } from 'zod';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import {
  DEMANDS,
  GRADES,
  INTAKE_CHANNELS,
  REGIONS,
  REJECT_REASONS,
  RESOLUTION_KINDS,
  REVISIT_OUTCOMES,
} from './model.ts';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);

/** Field length limits, in one place (views use them for maxLength too). */
export const LIMITS = {
  title: 120,
  text: 2000,
  description: 4000,
  name: 80,
  company: 120,
  contact: 120,
  code: 64,
  tag: 30,
  tags: 10,
  quantity: 1_000_000_000,
  /** Major units (e.g. yuan); stored as minor units. */
  amount: 1_000_000_000,
} as const;

/** What validation needs to know about the organisation and the moment. */
export interface InputContext {
  now: Date;
  timeZone: string;
  categories: readonly string[];
  departments: readonly string[];
  currencies: readonly string[];
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

export const text = (max: number) => z.preprocess(trimmed, z.string().min(1).max(max));
export const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

const choice = <T extends readonly [string, ...string[]]>(values: T) => z.preprocess(blankToUndefined, z.enum(values));

const bool = z.preprocess((v) => {
  if (v === undefined || v === null || v === '') return false;
  if (typeof v === 'string') return ['true', '1', 'yes', 'on', 'y'].includes(v.toLowerCase());
  return v;
}, z.boolean());

const optionalInt = (max: number) =>
  z.preprocess((v) => {
    const b = blankToUndefined(v);
    if (typeof b === 'string') return /^-?\d+$/.test(b.trim()) ? Number(b) : Number.isNaN(Number(b)) ? b : Number(b);
    return b;
  }, z.number({ error: (iss) => (iss.code === 'invalid_type' ? 'invalid_number' : undefined) }).int({ error: 'not_integer' }).min(0).max(max).optional());

/** A money amount in major units ('1234.5', 1234.5) → minor units (123450), never via float arithmetic. */
const optionalAmountMinor = z.preprocess(blankToUndefined, z.union([z.string(), z.number()]).optional()).transform((v, ctx) => {
  if (v === undefined) return undefined;
  const s = typeof v === 'number' ? String(v) : v.trim().replace(/,/g, '');
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) {
    ctx.addIssue({ code: 'custom', message: 'invalid_amount' });
    return z.NEVER;
  }
  const minor = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (minor > LIMITS.amount * 100) {
    ctx.addIssue({ code: 'custom', message: 'out_of_range' });
    return z.NEVER;
  }
  return minor;
});

const isoDate = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date')
    .refine((s) => dayjs(s, 'YYYY-MM-DD', true).isValid(), 'invalid_date')
    .optional(),
);

/**
 * A moment: ISO 8601 with offset, or local 'YYYY-MM-DD HH:mm' / 'YYYY-MM-DDTHH:mm' in the org time zone,
 * or (dateOnlyAt given) a bare 'YYYY-MM-DD' at that local time.
 */
export function parseMoment(raw: string, timeZone: string, dateOnlyAt?: string): Date | undefined {
  const s = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})$/.exec(s);
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(s) && dateOnlyAt ? [s, s, dateOnlyAt] : null;
  const parts = local ?? dateOnly;
  if (!parts) return undefined;
  const text = `${parts[1]} ${parts[2]}`;
  if (!dayjs(text, 'YYYY-MM-DD HH:mm', true).isValid()) return undefined;
  return dayjs.tz(text, 'YYYY-MM-DD HH:mm', timeZone).toDate();
}

const moment = (ctx: InputContext, dateOnlyAt?: string) =>
  z.union([z.date(), z.string()]).transform((v, zctx) => {
    const d = v instanceof Date ? v : parseMoment(v, ctx.timeZone, dateOnlyAt);
    if (!d || Number.isNaN(d.getTime())) {
      zctx.addIssue({ code: 'custom', message: 'invalid_datetime' });
      return z.NEVER;
    }
    return d;
  });

const CONTACT = /^(\+?[\d\s()-]{5,20}|[^\s@]+@[^\s@]+\.[^\s@]+)$/;
const MAX_AGE_MS = 366 * 24 * 3600 * 1000;
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export function filingSchema(ctx: InputContext) {
  return z
    .object({
      title: text(LIMITS.title),
      description: text(LIMITS.description),
      demand: choice(DEMANDS),
      customerName: text(LIMITS.name),
      customerCompany: optionalText(LIMITS.company),
      customerContact: optionalText(LIMITS.contact).refine((v) => v === undefined || CONTACT.test(v), 'invalid_contact'),
      customerRegion: z.preprocess((v) => blankToUndefined(v) ?? 'domestic', z.enum(REGIONS)),
      intakeChannel: choice(INTAKE_CHANNELS),
      receivedAt: z
        .preprocess(blankToUndefined, moment(ctx).optional())
        .refine((d) => d === undefined || d.getTime() <= ctx.now.getTime() + CLOCK_SKEW_MS, 'in_future')
        .refine((d) => d === undefined || ctx.now.getTime() - d.getTime() <= MAX_AGE_MS, 'too_old')
        .transform((d) => d ?? ctx.now),
      category: z.preprocess(blankToUndefined, z.string().refine((c) => ctx.categories.includes(c), 'unknown_category')),
      grade: z.preprocess((v) => blankToUndefined(v) ?? 'A', z.enum(GRADES)),
      urgent: bool,
      orderNo: optionalText(LIMITS.code),
      productNo: optionalText(LIMITS.code),
      qtyOrdered: optionalInt(LIMITS.quantity),
      qtyShipped: optionalInt(LIMITS.quantity),
      qtyAffected: optionalInt(LIMITS.quantity),
      shipDate: isoDate,
      claimAmount: optionalAmountMinor,
      claimCurrency: z.preprocess(
        (v) => (typeof v === 'string' ? v.trim().toUpperCase() || undefined : v),
        z.string().refine((c) => ctx.currencies.includes(c), 'invalid_currency').optional(),
      ),
      department: z.preprocess(
        blankToUndefined,
        z.string().refine((d) => ctx.departments.includes(d), 'unknown_department').optional(),
      ),
      /** Idempotency key of the request that filed it (platform view/event ID); a repeat returns the first. */
      sourceKey: optionalText(200),
    })
    .strict();
}
export type FilingInput = z.output<ReturnType<typeof filingSchema>>;

const tags = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/[,，;；\n]/).map((t) => t.trim()).filter(Boolean) : (v ?? [])),
  z.array(z.string().min(1).max(LIMITS.tag)).max(LIMITS.tags),
);

/** Schemas of every action's input, by action. */
export function actionSchemas(ctx: InputContext) {
  return {
    acknowledge: z
      .object({
        handlerId: optionalText(LIMITS.code),
        firstResponse: text(LIMITS.text),
        containment: optionalText(LIMITS.text),
      })
      .strict(),
    reassign: z
      .object({
        department: z.preprocess(blankToUndefined, z.string().refine((d) => ctx.departments.includes(d), 'unknown_department')),
        reason: text(LIMITS.text),
      })
      .strict(),
    extend: z
      .object({
        deadline: z.preprocess((v) => blankToUndefined(v) ?? 'eightD', z.enum(['response', 'containment', 'eightD'])),
        newDueAt: z.preprocess(blankToUndefined, moment(ctx, '18:00')),
        reason: text(LIMITS.text),
      })
      .strict(),
    submit_8d: z
      .object({
        d1Team: text(LIMITS.text),
        d2Problem: text(LIMITS.text),
        d3Containment: text(LIMITS.text),
        d4RootCause: text(LIMITS.text),
        rootCauseTags: tags,
        d5Corrective: text(LIMITS.text),
        d6Verification: text(LIMITS.text),
        d7Prevention: text(LIMITS.text),
        d8Closure: optionalText(LIMITS.text),
      })
      .strict(),
    approve: z
      .object({
        kind: choice(['solution', 'claim', 'extension'] as const),
        decision: choice(['approve', 'decline'] as const),
        note: optionalText(LIMITS.text),
      })
      .strict()
      .refine((v) => v.decision === 'approve' || v.note !== undefined, { message: 'required', path: ['note'] }),
    resolve: z
      .object({
        kinds: z.preprocess(
          (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
          z.array(z.enum(RESOLUTION_KINDS)).min(1),
        ),
        summary: text(LIMITS.text),
        amount: optionalAmountMinor,
        currency: z.preprocess(
          (v) => (typeof v === 'string' ? v.trim().toUpperCase() || undefined : v),
          z.string().refine((c) => ctx.currencies.includes(c), 'invalid_currency').optional(),
        ),
      })
      .strict(),
    revisit: z
      .object({
        outcome: choice(REVISIT_OUTCOMES),
        score: optionalInt(10).refine((s) => s === undefined || s >= 1, 'out_of_range'),
        note: optionalText(LIMITS.text),
      })
      .strict()
      .refine((v) => v.outcome !== 'satisfied' || v.score !== undefined, { message: 'required_for_outcome', path: ['score'] })
      .refine((v) => v.outcome === 'satisfied' || v.note !== undefined, { message: 'required_for_outcome', path: ['note'] }),
    gm_decide: z.object({ decision: text(LIMITS.text) }).strict(),
    reject: z.object({ reason: choice(REJECT_REASONS), note: text(LIMITS.text) }).strict(),
    reopen: z.object({ reason: text(LIMITS.text) }).strict(),
    regrade: z
      .object({
        grade: z.preprocess(blankToUndefined, z.enum(GRADES).optional()),
        urgent: z.preprocess((v) => (blankToUndefined(v) === undefined ? undefined : v), bool.optional()),
        note: optionalText(LIMITS.text),
      })
      .strict(),
    comment: z.object({ text: text(LIMITS.text) }).strict(),
  } as const;
}

export type ActionSchemas = ReturnType<typeof actionSchemas>;
export type ActionInput<A extends keyof ActionSchemas> = z.output<ActionSchemas[A]>;
