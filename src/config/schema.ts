/**
 * The organisation config (`kesu.config.yaml`), validated by zod at start-up.
 * Everything here is the organisation's own policy: people, departments, routing, approvals and
 * the deadline policy. Secrets and deployment settings come from the environment (env.ts).
 */
import { z } from 'zod';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const key = z
  .string()
  .regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'must be lower-case letters, digits, "_", "." or "-", starting with a letter');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d);
  }, 'is not a real calendar date');

/** True when `tz` is an IANA time zone this runtime knows (e.g. Asia/Shanghai). */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
const timeZone = z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Shanghai');

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

/** Durations as written in config. */
const DURATION_HINT = 'must be a duration: { hours: n }, { days: n }, { workdays: n } or { workingHours: n }';
export const Duration = z.union(
  [
    z.object({ hours: z.number().positive() }).strict(),
    z.object({ days: z.number().int().positive() }).strict(),
    z.object({ workdays: z.number().int().positive() }).strict(),
    z.object({ workingHours: z.number().positive() }).strict(),
  ],
  { error: DURATION_HINT },
);
export type Duration = z.infer<typeof Duration>;

/** The procedure's deadlines towards the customer. */
export const DEADLINE_KINDS = ['response', 'containment', 'eightD', 'revisit'] as const;
/** Internal deadlines: one per kind of pending approval (claim, solution, extension, downgrade). */
export const APPROVAL_DEADLINE_KINDS = ['approval_claim', 'approval_solution', 'approval_extension', 'approval_downgrade'] as const;
export type CustomerDeadlineKind = (typeof DEADLINE_KINDS)[number];
export type ApprovalDeadlineKind = (typeof APPROVAL_DEADLINE_KINDS)[number];
export type DeadlineKind = CustomerDeadlineKind | ApprovalDeadlineKind;
export const isApprovalDeadline = (k: DeadlineKind): k is ApprovalDeadlineKind => k.startsWith('approval_');

/** One deadline's escalation ladder (issue 3 walks it; the core stores its first step time). */
export const Ladder = z
  .object({
    /** Reminder this long before the due time (`morningOf` for the revisit: the working morning of the due day). */
    remindBefore: z.union([Duration, z.literal('morningOf')], { error: `${DURATION_HINT}, or "morningOf"` }),
    /** Escalation to the GM this long after the due time. */
    graceBeforeGm: Duration,
  })
  .strict();
export type Ladder = z.infer<typeof Ladder>;

const GradeOverrides = z
  .object({
    response: z.object({ hours: z.number().positive() }).strict().optional(),
    containment: z.object({ hours: z.number().positive() }).strict().optional(),
    eightD: z.object({ workdays: z.number().int().positive() }).strict().optional(),
  })
  .strict();

const LadderOverrides = z
  .object({
    approval: Ladder.partial().optional(),
    response: Ladder.partial().optional(),
    containment: Ladder.partial().optional(),
    eightD: Ladder.partial().optional(),
    revisit: Ladder.partial().optional(),
  })
  .strict();

export const DeadlinePolicy = z
  .object({
    response: z.object({ hours: z.number().positive() }).strict().default({ hours: 24 }),
    containment: z.object({ hours: z.number().positive() }).strict().default({ hours: 24 }),
    eightD: z.object({ workdays: z.number().int().positive() }).strict().default({ workdays: 7 }),
    revisit: z
      .object({
        days: z.number().int().positive().default(7),
        at: hhmm.default('10:00'),
        /** After a reopened complaint is handled again, the revisit is due this many working days later. */
        afterReopenWorkdays: z.number().int().positive().default(1),
        /** Customer unreachable: next attempt due this many hours later. */
        retryHours: z.number().positive().default(48),
      })
      .strict()
      .default({ days: 7, at: '10:00', afterReopenWorkdays: 1, retryHours: 48 }),
    /** Per-grade overrides of the due times (re-grading recomputes from receivedAt). */
    byGrade: z.object({ A: GradeOverrides.optional(), B: GradeOverrides.optional(), C: GradeOverrides.optional() }).strict().default({}),
    extension: z
      .object({
        /** A first extension that moves the due date by at most this many working days is granted at once. */
        autoGrantWorkdays: z.number().int().nonnegative().default(3),
        /** No extension may set a due time further than this many calendar days from now. */
        maxHorizonDays: z.number().int().positive().max(3660).default(90),
      })
      .strict()
      .default({ autoGrantWorkdays: 3, maxHorizonDays: 90 }),
    /** Every pending approval (claim, solution, extension, downgrade) is due this long after it is requested. */
    approval: Duration.default({ workdays: 1 }),
    /**
     * Urgent complaints (seed 001 §5.1: 24 hours): their response and containment ladders count calendar
     * hours and send through nights and holidays, except inside this night window (org time).
     */
    urgent: z
      .object({
        nightWindow: z.object({ start: hhmm, end: hhmm }).strict().nullable().default({ start: '22:00', end: '07:00' }),
      })
      .strict()
      .default({ nightWindow: { start: '22:00', end: '07:00' } }),
    ladders: z
      .object({
        approval: Ladder.default({ remindBefore: { hours: 4 }, graceBeforeGm: { workdays: 1 } }),
        response: Ladder.default({ remindBefore: { hours: 4 }, graceBeforeGm: { workingHours: 2 } }),
        containment: Ladder.default({ remindBefore: { hours: 4 }, graceBeforeGm: { workingHours: 2 } }),
        eightD: Ladder.default({ remindBefore: { workdays: 1 }, graceBeforeGm: { workdays: 1 } }),
        revisit: Ladder.default({ remindBefore: 'morningOf', graceBeforeGm: { workdays: 1 } }),
      })
      .strict()
      .default({
        approval: { remindBefore: { hours: 4 }, graceBeforeGm: { workdays: 1 } },
        response: { remindBefore: { hours: 4 }, graceBeforeGm: { workingHours: 2 } },
        containment: { remindBefore: { hours: 4 }, graceBeforeGm: { workingHours: 2 } },
        eightD: { remindBefore: { workdays: 1 }, graceBeforeGm: { workdays: 1 } },
        revisit: { remindBefore: 'morningOf', graceBeforeGm: { workdays: 1 } },
      }),
    /** Per-grade ladder overrides, e.g. `C: { response: { remindBefore: { hours: 8 }, graceBeforeGm: { hours: 1 } } }`. */
    laddersByGrade: z
      .object({ A: LadderOverrides.optional(), B: LadderOverrides.optional(), C: LadderOverrides.optional() })
      .strict()
      .default({}),
    /** Daily digest of still-overdue items to the GM. */
    gmDigestAt: hhmm.default('09:30'),
    /** Urgent complaints escalate at once, even in quiet hours. */
    urgentIgnoresQuietHours: z.boolean().default(false),
  })
  .strict();
export type DeadlinePolicy = z.infer<typeof DeadlinePolicy>;

export const WorkingHours = z
  .object({ start: hhmm.default('09:00'), end: hhmm.default('18:00') })
  .strict()
  .refine((w) => w.start < w.end, { message: 'start must be before end', path: ['end'] });

/** A day off in a year's notice: 'YYYY-MM-DD', or a run 'YYYY-MM-DD..YYYY-MM-DD' (both ends included, at most 31 days). */
const dayOrRun = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(\.\.\d{4}-\d{2}-\d{2})?$/, 'must be a date YYYY-MM-DD or a run YYYY-MM-DD..YYYY-MM-DD')
  .superRefine((v, ctx) => {
    const [from, to = from] = v.split('..') as [string, string?];
    for (const d of new Set([from, to])) if (!isoDate.safeParse(d).success) ctx.addIssue({ code: 'custom', message: `${d} is not a real calendar date` });
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    if (days < 0) ctx.addIssue({ code: 'custom', message: 'the run must not end before it starts' });
    else if (days > 30) ctx.addIssue({ code: 'custom', message: 'a run is at most 31 days' });
  });

/** One year's State Council notice (国务院办公厅关于部分节假日安排的通知), as entered by the organisation. */
export const CalendarYear = z
  .object({
    /** Every day off of the notice, e.g. ["2027-01-01..2027-01-03", "2027-02-05..2027-02-12"]. */
    holidays: z.array(dayOrRun).min(1),
    /** The make-up working days (调休) of the notice, e.g. weekends worked. */
    workdays: z.array(isoDate).default([]),
  })
  .strict();

export const CalendarOverrides = z
  .object({
    /** Extra days off (company holidays), YYYY-MM-DD. */
    holidays: z.array(isoDate).default([]),
    /** Extra working days, YYYY-MM-DD; they win over the shipped data and weekends. */
    workdays: z.array(isoDate).default([]),
    /**
     * A year's notice by year, e.g. `years: { 2027: { holidays: [...], workdays: [...] } }`: it replaces
     * the shipped data of that year, and the year counts as covered.
     */
    years: z.record(z.string(), CalendarYear).default({}),
  })
  .strict()
  .superRefine((cal, ctx) => {
    for (const [year, notice] of Object.entries(cal.years)) {
      if (!/^20\d\d$/.test(year)) {
        ctx.addIssue({ code: 'custom', path: ['years', year], message: 'must be a year such as 2027' });
        continue;
      }
      const outside = (d: string) => !d.startsWith(`${year}-`);
      notice.holidays.forEach((h, i) => {
        if (h.split('..').some(outside)) ctx.addIssue({ code: 'custom', path: ['years', year, 'holidays', i], message: `must lie in ${year}` });
      });
      notice.workdays.forEach((w, i) => {
        if (outside(w)) ctx.addIssue({ code: 'custom', path: ['years', year, 'workdays', i], message: `must lie in ${year}` });
      });
    }
  });

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
    calendar: CalendarOverrides.default({ holidays: [], workdays: [], years: {} }),
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
  })
  .strict();
export type OrgConfig = z.infer<typeof OrgConfig>;
export type OrgConfigInput = z.input<typeof OrgConfig>;
