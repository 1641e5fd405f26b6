/**
 * Input schemas for filing and for every action. Each form view carries the same field names, so a
 * platform can put each error beside its field. Raw values come from forms (mostly strings) or JSON;
 * the field types are in input-fields.ts.
 */
import { z } from 'zod';
import { parseAccountable, type Accountable } from './accountability.ts';
import {
  DEMANDS,
  GRADES,
  INTAKE_CHANNELS,
  RECALL_OUTCOMES,
  RECALL_SEVERITIES,
  REGIONS,
  REJECT_REASONS,
  RESOLUTION_KINDS,
  REVISIT_OUTCOMES,
  SENT_VIA,
  CONTACT_FORM_WHAT,
} from './model.ts';
import {
  CLOCK_SKEW_MS,
  CONTACT,
  CONTROL_CHARS,
  LIMITS,
  MAX_AGE_MS,
  blankToUndefined,
  bool,
  choice,
  cleanString,
  extensionDue,
  hasControlCharacters,
  isoDate,
  line,
  localDay,
  moment,
  optionalAmountMinor,
  optionalInt,
  optionalLine,
  optionalText,
  shipDateProblem,
  text,
  type InputContext,
} from './input-fields.ts';

export * from './input-fields.ts';

/** A list of `person:role` entries (optional); a form sends it as text, JSON as the list itself. */
const accountableField = (fellShort: boolean) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() ? (parseAccountable(v, fellShort) ?? null) : undefined) : v),
    z
      .array(
        z.object({ person: z.string(), role: z.string(), fellShort: z.boolean().optional(), weight: (fellShort ? z.number().min(0).max(100) : z.never()).optional() }).strict(),
        { error: 'invalid_accountable' },
      )
      .max(20)
      .transform((list): Accountable[] => list.map(({ person, role, weight }) => ({ person, role, fellShort, ...(weight !== undefined ? { weight } : {}) })))
      .optional(),
  );


export function filingSchema(ctx: InputContext) {
  return z
    .object({
      title: line(LIMITS.title),
      description: text(LIMITS.description),
      demand: choice(DEMANDS),
      customerName: line(LIMITS.name),
      customerCompany: optionalLine(LIMITS.company),
      customerContact: optionalLine(LIMITS.contact).refine((v) => v === undefined || CONTACT.test(v), 'invalid_contact'),
      customerRegion: z.preprocess((v) => blankToUndefined(v) ?? 'domestic', z.enum(REGIONS)),
      intakeChannel: choice(INTAKE_CHANNELS),
      receivedAt: z
        .preprocess(blankToUndefined, moment(ctx).optional())
        .refine((d) => d === undefined || d.getTime() <= ctx.now.getTime() + CLOCK_SKEW_MS, 'in_future')
        .refine((d) => d === undefined || ctx.now.getTime() - d.getTime() <= MAX_AGE_MS, 'too_old')
        .transform((d) => d ?? ctx.now),
      category: z.preprocess(blankToUndefined, z.string().refine((c) => ctx.categories.includes(c), 'unknown_category')),
      /** Blank: the grade follows the demand (seed 002). A grade below the demand's needs `gradeReason`. */
      grade: z.preprocess(blankToUndefined, z.enum(GRADES).optional()),
      gradeReason: optionalText(LIMITS.text),
      urgent: bool,
      orderNo: optionalLine(LIMITS.code),
      productNo: optionalLine(LIMITS.code),
      qtyOrdered: optionalInt(LIMITS.quantity),
      qtyShipped: optionalInt(LIMITS.quantity),
      qtyAffected: optionalInt(LIMITS.quantity),
      shipDate: isoDate,
      claimAmount: optionalAmountMinor,
      claimCurrency: z.preprocess(
        (v) => (typeof v === 'string' && !CONTROL_CHARS.test(v) ? v.trim().toUpperCase() || undefined : v),
        z.string().refine((c) => ctx.currencies.includes(c), 'invalid_currency').optional(),
      ),
      department: z.preprocess(
        blankToUndefined,
        z.string().refine((d) => ctx.departments.includes(d), 'unknown_department').optional(),
      ),
      /** Idempotency key of the request that filed it (platform view/event ID); a repeat returns the first. */
      sourceKey: optionalLine(200),
    })
    .strict()
    .superRefine(
      (v, zctx) => {
        const problem = v.shipDate === undefined ? undefined : shipDateProblem(v.shipDate, localDay(v.receivedAt, ctx.timeZone));
        if (problem) zctx.addIssue({ code: 'custom', message: problem, path: ['shipDate'], input: v.shipDate });
      },
      // Also beside other fields' errors, but only once the ship date and the receipt are themselves valid.
      { when: (p) => !p.issues.some((i) => i.path?.[0] === 'shipDate' || i.path?.[0] === 'receivedAt') },
    );
}
export type FilingInput = z.output<ReturnType<typeof filingSchema>>;

/** Tags: a list, or one string split at commas, semicolons and new lines; no control characters in either. */
const tags = z.preprocess(
  (v, ctx) => {
    if (typeof v !== 'string') return v ?? [];
    if (hasControlCharacters(v)) {
      ctx.addIssue({ code: 'custom', message: 'control_characters', input: v });
      return v; // the issue aborts the pipe: the array schema never sees it
    }
    return v.split(/[,，;；\n]/).map((t) => t.trim()).filter(Boolean);
  },
  z.array(cleanString(false).trim().min(1).max(LIMITS.tag)).max(LIMITS.tags),
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
        newDueAt: extensionDue(ctx),
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
        causeCategory: z.preprocess(blankToUndefined, z.string().refine((k) => (ctx.causeCategories ?? []).includes(k), 'invalid_choice').optional()),
        d5Corrective: text(LIMITS.text),
        d6Verification: text(LIMITS.text),
        d7Prevention: text(LIMITS.text),
        d8Closure: optionalText(LIMITS.text),
        /** Grade A: the report went to the customer with this submission, and how (B/C go only after the GM's approval). */
        sentVia: z.preprocess(blankToUndefined, z.enum(SENT_VIA).optional()),
        /** Other shipped batches affected (seed 001 §6.9): recorded as a recall report in the same step. */
        recallBatches: optionalText(LIMITS.text),
        recallOrders: optionalText(LIMITS.text),
        recallQuantity: optionalInt(LIMITS.quantity),
        recallSeverity: z.preprocess(blankToUndefined, z.enum(RECALL_SEVERITIES).optional()),
        recallNote: optionalText(LIMITS.text),
      })
      .strict()
      .refine((v) => v.recallBatches === undefined || v.recallSeverity !== undefined, { message: 'required', path: ['recallSeverity'] })
      .refine(
        (v) => v.recallBatches !== undefined || (v.recallOrders ?? v.recallQuantity ?? v.recallSeverity ?? v.recallNote) === undefined,
        { message: 'required', path: ['recallBatches'] },
      ),
    approve: z
      .object({
        kind: choice(['solution', 'claim', 'extension', 'downgrade'] as const),
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
        /** Pieces taken back from the customer. */
        quantity: optionalInt(LIMITS.quantity),
        /** Accountability (seed 002 §4): who fell short, in which role (`person:role[:weight]`), and who answers with them. */
        fellShort: accountableField(true),
        jointlyLiable: accountableField(false),
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
    /** Add or amend the customer's claim (seed 001 §5.5, §5.7): money, pieces to return, or both. */
    claim: z
      .object({
        amount: optionalAmountMinor,
        currency: z.preprocess(
          (v) => (typeof v === 'string' ? v.trim().toUpperCase() || undefined : v),
          z.string().refine((c) => ctx.currencies.includes(c), 'invalid_currency').optional(),
        ),
        quantity: optionalInt(LIMITS.quantity),
        reason: text(LIMITS.text),
      })
      .strict()
      .refine((v) => v.amount !== undefined || v.quantity !== undefined, { message: 'required', path: ['amount'] }),
    /** The emergency measure of an urgent complaint (seed 001 §5.1), at any open stage. */
    contain: z.object({ containment: text(LIMITS.text) }).strict(),
    /** The 8D reply reached the customer: how, and a note (who received it). */
    send_8d: z.object({ via: choice(SENT_VIA), note: optionalText(LIMITS.text) }).strict(),
    /** Confirm or dismiss a suggested repeat: the earlier complaint's number. */
    link_repeat: z.object({ candidate: line(LIMITS.code), decision: choice(['confirm', 'dismiss'] as const), note: optionalText(LIMITS.text) }).strict(),
    /** Other shipped batches carry the same critical or safety defect (seed 001 §6.9): reported to the GM. */
    recall: z
      .object({
        batches: text(LIMITS.text),
        orders: optionalText(LIMITS.text),
        quantity: optionalInt(LIMITS.quantity),
        severity: choice(RECALL_SEVERITIES),
        note: optionalText(LIMITS.text),
      })
      .strict(),
    /** The GM's decision on a recall report: recall with its scope, or no recall with the reason. */
    recall_decide: z
      .object({
        outcome: choice(RECALL_OUTCOMES),
        scope: optionalText(LIMITS.text),
        quantity: optionalInt(LIMITS.quantity),
        customers: optionalText(LIMITS.text),
        reason: optionalText(LIMITS.text),
      })
      .strict()
      .refine((v) => v.outcome !== 'recall' || v.scope !== undefined, { message: 'required', path: ['scope'] })
      .refine((v) => v.outcome !== 'no_recall' || v.reason !== undefined, { message: 'required', path: ['reason'] }),
    /**
     * A contact with the customer (seed 001 §5.1–5.3): what they were told, how and when (blank: now).
     * A delay notice carries the reason and the new date the customer was given (§5.3).
     */
    contact: z
      .object({
        what: choice(CONTACT_FORM_WHAT),
        via: choice(SENT_VIA),
        at: z
          .preprocess(blankToUndefined, moment(ctx).optional())
          .refine((d) => d === undefined || d.getTime() <= ctx.now.getTime() + CLOCK_SKEW_MS, 'in_future')
          .refine((d) => d === undefined || ctx.now.getTime() - d.getTime() <= MAX_AGE_MS, 'too_old')
          .transform((d) => d ?? ctx.now),
        summary: text(LIMITS.text),
        reason: optionalText(LIMITS.text),
        newDate: z.preprocess(blankToUndefined, extensionDue(ctx).optional()),
      })
      .strict()
      .refine((v) => v.what !== 'delay_notice' || v.reason !== undefined, { message: 'required', path: ['reason'] })
      .refine((v) => v.what !== 'delay_notice' || v.newDate !== undefined, { message: 'required', path: ['newDate'] })
      .refine((v) => v.newDate === undefined || v.newDate.getTime() > ctx.now.getTime(), { message: 'must_be_after_due', path: ['newDate'] }),
    /** The response step could not reach the customer (dealership flow step 3): the progress, for customer service. */
    customer_unreachable: z.object({ note: text(LIMITS.text) }).strict(),
  } as const;
}

export type ActionSchemas = ReturnType<typeof actionSchemas>;
export type ActionInput<A extends keyof ActionSchemas> = z.output<ActionSchemas[A]>;
