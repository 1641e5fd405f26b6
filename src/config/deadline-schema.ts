/** The deadline policy in the organisation config: durations, the deadlines towards the customer and the approvals, and each one's escalation ladder. */
import { z } from 'zod';
import { hhmm } from './schema-primitives.ts';

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
/**
 * What the customer must be told, as tasks (seed 001 §5.1, §5.3; dealership flow step 3): the containment
 * report of an urgent complaint, the delay notice after a deadline slips, the next attempt at first contact.
 */
export const CONTACT_DEADLINE_KINDS = ['containmentReport', 'delayNotice', 'firstContact'] as const;
export type CustomerDeadlineKind = (typeof DEADLINE_KINDS)[number];
export type ApprovalDeadlineKind = (typeof APPROVAL_DEADLINE_KINDS)[number];
/** The GM's decision on a recall report (seed 001 §6.9): an internal deadline with its own ladder. */
export const RECALL_DEADLINE_KIND = 'recall_decision' as const;
export type ContactDeadlineKind = (typeof CONTACT_DEADLINE_KINDS)[number];
export type DeadlineKind = CustomerDeadlineKind | ApprovalDeadlineKind | ContactDeadlineKind | typeof RECALL_DEADLINE_KIND;
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
    recallDecision: Ladder.partial().optional(),
    containmentReport: Ladder.partial().optional(),
    delayNotice: Ladder.partial().optional(),
    firstContact: Ladder.partial().optional(),
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
    /** The customer-contact tasks (seed 001 §5.3, dealership flow step 3). */
    contact: z
      .object({
        /** A deadline extended or missed: the liaison tells the customer the reason and the new date within this. */
        delayNotice: Duration.default({ workdays: 1 }),
        /** "Customer unreachable" on the response step: the next attempt is due this many hours after the first report. */
        firstContactHours: z.number().positive().default(48),
      })
      .strict()
      .default({ delayNotice: { workdays: 1 }, firstContactHours: 48 }),
    /** Every pending approval (claim, solution, extension, downgrade) is due this long after it is requested. */
    approval: Duration.default({ workdays: 1 }),
    /** A recall report (seed 001 §6.9) is decided by the GM within this long. */
    recallDecision: Duration.default({ workdays: 1 }),
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
        /** The GM's recall decision: reminder and overdue notice to the GMs, then the management channel. */
        recallDecision: Ladder.default({ remindBefore: { hours: 4 }, graceBeforeGm: { workdays: 1 } }),
        containmentReport: Ladder.default({ remindBefore: { hours: 4 }, graceBeforeGm: { workingHours: 2 } }),
        delayNotice: Ladder.default({ remindBefore: { hours: 4 }, graceBeforeGm: { workingHours: 4 } }),
        firstContact: Ladder.default({ remindBefore: { workdays: 1 }, graceBeforeGm: { workingHours: 4 } }),
      })
      .strict()
      .default({
        approval: { remindBefore: { hours: 4 }, graceBeforeGm: { workdays: 1 } },
        response: { remindBefore: { hours: 4 }, graceBeforeGm: { workingHours: 2 } },
        containment: { remindBefore: { hours: 4 }, graceBeforeGm: { workingHours: 2 } },
        eightD: { remindBefore: { workdays: 1 }, graceBeforeGm: { workdays: 1 } },
        revisit: { remindBefore: 'morningOf', graceBeforeGm: { workdays: 1 } },
        recallDecision: { remindBefore: { hours: 4 }, graceBeforeGm: { workdays: 1 } },
        containmentReport: { remindBefore: { hours: 4 }, graceBeforeGm: { workingHours: 2 } },
        delayNotice: { remindBefore: { hours: 4 }, graceBeforeGm: { workingHours: 4 } },
        firstContact: { remindBefore: { workdays: 1 }, graceBeforeGm: { workingHours: 4 } },
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
