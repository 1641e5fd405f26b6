/**
 * The organisation config (`kesu.config.yaml`), validated by zod at start-up.
 * Everything here is the organisation's own policy: people, departments, routing, approvals and
 * the deadline policy. Secrets and deployment settings come from the environment (env.ts).
 */
import { z } from 'zod';
import { Accountability } from './accountability-schema.ts';
import { CalendarOverrides, WorkingHours } from './calendar-schema.ts';
import { DeadlinePolicy } from './deadline-schema.ts';
import { RepeatDetection } from './repeat-schema.ts';
import { CustomerContact } from './contact-schema.ts';
import { hhmm, key, timeZone } from './schema-primitives.ts';
import { Improvements, RootCauses } from './improvement-schema.ts';

export * from './accountability-schema.ts';
export * from './calendar-schema.ts';
export * from './deadline-schema.ts';
export * from './improvement-schema.ts';
export { isValidTimeZone } from './schema-primitives.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A name in both user-facing languages. */
export const LocalizedName = z.object({ zh: z.string().min(1).max(80), en: z.string().min(1).max(80) }).strict();
export type LocalizedName = z.infer<typeof LocalizedName>;

/** Where a department or role talks on each platform (channel ID / chat ID). */
export const PlatformChannels = z
  .object({
    // IDs, not names: chat.update and im.message.patch need the channel's ID.
    slack: z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a Slack channel ID such as C012ABCDEF (not its #name)').optional(),
    feishu: z.string().regex(/^oc_\w+$/, 'must be a Feishu chat_id such as oc_5ce6d572455d361153b7cb51da133945').optional(),
  })
  .strict();

export const Person = z
  .object({
    id: key,
    name: LocalizedName,
    email: z.email().optional(),
    locale: z.enum(LOCALES).optional(),
    /** Slack user ID (U…/W…), when known; otherwise looked up by email at start-up. */
    slack: z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user ID such as U012ABCDEF').optional(),
    /** Feishu open_id (ou_…), when known; otherwise looked up by email at start-up. */
    feishu: z.string().regex(/^ou_[A-Za-z0-9]+$/, 'must be a Feishu open_id such as ou_7d8a…').optional(),
  })
  .strict();
export type Person = z.infer<typeof Person>;

export const Department = z
  .object({
    key,
    name: LocalizedName,
    heads: z.array(key).min(1),
    members: z.array(key).default([]),
    channel: PlatformChannels.default({}),
  })
  .strict();
export type Department = z.infer<typeof Department>;

/**
 * A complaint category and the department it is routed to (`department`). `coOwner`, optional: a
 * department that shares the category's complaints with it (seed 001 §5.8: sales handles them and
 * coordinates with the other departments) — shown on the card; the routed department still owns them.
 */
export const Category = z.object({ key, name: LocalizedName, department: key, coOwner: key.optional() }).strict();
export type Category = z.infer<typeof Category>;

export const Role = z.object({ key, name: LocalizedName, people: z.array(key).min(1) }).strict();
export type Role = z.infer<typeof Role>;

/** What one step of an approval chain is: a review, the approval itself, or the signature that makes it effective. */
export const APPROVAL_STEP_KINDS = ['review', 'approve', 'sign'] as const;
export type ApprovalStepKind = (typeof APPROVAL_STEP_KINDS)[number];

/** One step of an approval chain: who (a role key, or `gm`) and as what. */
export const ChainStep = z
  .object({ role: key, as: z.enum(APPROVAL_STEP_KINDS).default('approve') })
  .strict();
export type ChainStep = z.infer<typeof ChainStep>;

/**
 * A claim tier applies when any of its conditions holds; the last tier that applies names who approves:
 * one `approver`, or a `chain` of steps decided in order (seed 001 §5.7.2.3: reviewed by the sales VP and
 * the finance VP, approved by the GM, signed by the sales VP).
 */
export const ClaimTier = z
  .object({
    /** A role key, or `gm` (shorthand for a chain of one approval). */
    approver: key.optional(),
    chain: z.array(ChainStep).min(1).max(8).optional(),
    when: z
      .object({
        amountOver: z.number().nonnegative().optional(),
        amountAtLeast: z.number().nonnegative().optional(),
        quantityOver: z.number().int().nonnegative().optional(),
      })
      .strict()
      .refine((w) => Object.keys(w).length > 0, 'needs at least one of amountOver, amountAtLeast, quantityOver'),
  })
  .strict()
  .refine((t) => (t.approver === undefined) !== (t.chain === undefined), 'needs exactly one of approver and chain');
export type ClaimTier = z.infer<typeof ClaimTier>;

export const Claims = z
  .object({
    /** Currency the thresholds are written in (amounts in major units, e.g. yuan). */
    currency: z.string().regex(/^[A-Z]{3}$/).default('CNY'),
    /** Rates to convert other currencies into `currency` (seed 001 §5.7.2 "折算"). */
    exchangeRates: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().positive()).default({}),
    approval: z.object({ domestic: z.array(ClaimTier).default([]), foreign: z.array(ClaimTier).default([]) }).strict(),
  })
  .strict();
export type Claims = z.infer<typeof Claims>;

/** The monthly report's targets (seed 004): satisfaction ≥ 90 %, handling completed 100 %, first response within 24 h. */
export const REPORT_TARGETS = { satisfactionPct: 90, handlingPct: 100, firstResponseHours: 24 } as const;
const ReportTargets = z
  .object({
    satisfactionPct: z.number().min(0).max(100).default(REPORT_TARGETS.satisfactionPct),
    handlingPct: z.number().min(0).max(100).default(REPORT_TARGETS.handlingPct),
    firstResponseHours: z.number().positive().max(720).default(REPORT_TARGETS.firstResponseHours),
  })
  .strict()
  .default(REPORT_TARGETS);
export type ReportTargets = z.infer<typeof ReportTargets>;

export const OrgConfig = z
  .object({
    organisation: z
      .object({
        name: LocalizedName,
        timeZone: timeZone.default('Asia/Shanghai'),
        locale: z.enum(LOCALES).default('zh-CN'),
        numberPrefix: z.string().regex(/^[A-Z][A-Z0-9]{0,9}$/, 'must be 1–10 upper-case letters or digits').default('KS'),
        workingHours: WorkingHours.default({ start: '09:00', end: '18:00' }),
      })
      .strict(),
    people: z.array(Person).min(1),
    gm: z.array(key).min(1),
    /**
     * Who is alerted when Kesu cannot reach a channel or a person (bot not invited, channel archived,
     * user gone): people keys. Empty means the general managers.
     */
    admins: z.array(key).default([]),
    gmChannel: PlatformChannels.optional(),
    managementChannel: PlatformChannels.optional(),
    customerService: z
      .object({
        members: z.array(key).min(1),
        managers: z.array(key).default([]),
        channel: PlatformChannels.default({}),
        /** What the customer-service channel sees of each new complaint: a compact line, the card itself, or nothing. */
        newComplaints: z.enum(['line', 'card', 'off']).default('line'),
      })
      .strict(),
    departments: z.array(Department).min(1),
    categories: z.array(Category).min(1),
    roles: z.array(Role).default([]),
    claims: Claims,
    deadlines: DeadlinePolicy.default(DeadlinePolicy.parse({})),
    /** The customer-contact record (seed 001 §5.3): who tells the customer of a delay. */
    customerContact: CustomerContact.default({ liaison: {} }),
    calendar: CalendarOverrides.default({ holidays: [], workdays: [], years: {} }),
    /**
     * Recalls (seed 001 §6.9): the departments whose heads report other affected shipped batches on any
     * complaint and hear of each report and the GM's decision (Sales and Quality in the seed). Absent: the
     * departments keyed `sales` and `quality`, those that exist.
     */
    recall: z.object({ departments: z.array(key).min(1).optional() }).strict().default({}),
    /** The company's controls (README "Controls"). */
    controls: z
      .object({
        /** Nobody approves a claim, solution, extension or downgrade they requested or handle. */
        separationOfDuties: z.boolean().default(true),
      })
      .strict()
      .default({ separationOfDuties: true }),
    /** Scheduled reports, in org time: weekly on each week's first working day, monthly on each month's. */
    reports: z
      .object({ enabled: z.boolean().default(true), weeklyAt: hhmm.default('09:00'), monthlyAt: hhmm.default('09:00'), targets: ReportTargets })
      .strict()
      .default({ enabled: true, weeklyAt: '09:00', monthlyAt: '09:00', targets: REPORT_TARGETS }),
    /** Root-cause categories for the 8D's D4 (normalised ranking of the monthly top causes). */
    rootCauses: RootCauses,
    /** Improvement actions for the month's top causes (seed 001 §6.10). */
    improvements: Improvements,
    /** Deductions by grade and role, the monthly statement the GM signs for finance (seed 002 §4–5). */
    accountability: Accountability,
    /** Possible repeats of earlier complaints, suggested at filing and at D4 (issue 15 item 8). */
    repeats: RepeatDetection,
  })
  .strict();
export type OrgConfig = z.infer<typeof OrgConfig>;
export type OrgConfigInput = z.input<typeof OrgConfig>;
