/**
 * Improvement actions for the month's top root causes (seed 001 §6.10): which causes get one, which
 * department owns it, when it is due, and its chasing ladder (a reminder before the due time, then the
 * overdue notice to the owner and the GM). Pure: the complaints, the calendar and `now` come in.
 */
import type { CauseCategory } from '../config/schema.ts';
import { addDays, type WorkCalendar } from './calendar.ts';
import { causeKeysOf } from './causes.ts';
import type { ComplaintState } from './model.ts';
import { top } from './stats.ts';

export const IMPROVEMENT_STATUSES = ['open', 'closed'] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];

export interface Improvement {
  /** IA-<period>-<rank>, e.g. IA-2026-03-1. */
  id: string;
  /** The report's month, 'YYYY-MM'. */
  period: string;
  rank: number;
  causeKey: string;
  count: number;
  department: string;
  ownerId: string;
  status: ImprovementStatus;
  dueAt: Date;
  /** 0 nothing sent, 1 reminded, 2 overdue told. */
  ladderStep: number;
  nextStepAt: Date | null;
  complaints: string[];
  closedBy?: string;
  closingNote?: string;
  createdAt: Date;
  closedAt?: Date;
}

export const improvementId = (period: string, rank: number) => `IA-${period}-${rank}`;
export const IMPROVEMENT_ID = /^IA-\d{4}-(0[1-9]|1[0-2])-\d{1,2}$/i;

export interface PlanOptions {
  period: string;
  now: Date;
  top: number;
  dueDays: number;
  reminderDays: number;
  categories: readonly CauseCategory[];
  calendar: WorkCalendar;
  workingHours: { start: string; end: string };
  /** Who owns a department's actions (its head), or undefined when it has none. */
  ownerOf: (department: string) => string | undefined;
}

/** Due `dueDays` calendar days after `now`, at the end of that working day (the next one if it is off). */
export function improvementDue(now: Date, dueDays: number, calendar: WorkCalendar, end: string): Date {
  return calendar.workdayOnOrAfter(calendar.atLocalTime(addDays(calendar.localDate(now), dueDays), '00:00'), end);
}

/** The reminder: the start of the working day `reminderDays` before the due day (an earlier working day if that one is off). */
export function reminderAt(dueAt: Date, reminderDays: number, calendar: WorkCalendar, start: string): Date | undefined {
  if (reminderDays <= 0) return undefined;
  let day = addDays(calendar.localDate(dueAt), -reminderDays);
  for (let i = 0; i < 60 && !calendar.isWorkday(day); i++) day = addDays(day, -1);
  return calendar.atLocalTime(day, start);
}

/**
 * One action per top cause of the period's complaints, in the report's order (the same ranking as its
 * top causes); the department with most of the cause's complaints owns it (ties: the first by key).
 */
export function planImprovements(states: readonly ComplaintState[], o: PlanOptions): Improvement[] {
  const byCause = new Map<string, ComplaintState[]>();
  for (const s of states) for (const k of causeKeysOf(s.complaint.eightD, o.categories)) byCause.set(k, [...(byCause.get(k) ?? []), s]);
  const counts = Object.fromEntries([...byCause].map(([k, v]) => [k, v.length]));
  const dueAt = improvementDue(o.now, o.dueDays, o.calendar, o.workingHours.end);
  const remind = reminderAt(dueAt, o.reminderDays, o.calendar, o.workingHours.start);
  const first = remind && remind > o.now ? { step: 0, at: remind } : { step: 1, at: dueAt };
  return top(counts, o.top).flatMap(({ key, count }, i) => {
    const cases = byCause.get(key)!;
    const perDept = top(Object.fromEntries(cases.reduce((m, s) => m.set(s.complaint.department, (m.get(s.complaint.department) ?? 0) + 1), new Map<string, number>())), 1);
    const department = perDept[0]!.key;
    const ownerId = o.ownerOf(department);
    if (!ownerId) return [];
    return [
      {
        id: improvementId(o.period, i + 1),
        period: o.period,
        rank: i + 1,
        causeKey: key,
        count,
        department,
        ownerId,
        status: 'open' as const,
        dueAt,
        ladderStep: first.step,
        nextStepAt: first.at,
        complaints: cases.map((s) => s.complaint.number).sort(),
        createdAt: o.now,
      },
    ];
  });
}

export type ImprovementStep = 'reminder' | 'overdue';

/**
 * The ladder step due at `now`: after a downtime only the latest is sent (a reminder after the due
 * time helps nobody). Returns the step to send, the new ladder step and the next step's time.
 */
export function improvementStepDue(
  imp: Pick<Improvement, 'status' | 'ladderStep' | 'nextStepAt' | 'dueAt'>,
  now: Date,
): { send?: ImprovementStep; ladderStep: number; nextStepAt: Date | null } {
  if (imp.status !== 'open' || !imp.nextStepAt || imp.nextStepAt > now) return { ladderStep: imp.ladderStep, nextStepAt: imp.nextStepAt };
  if (imp.dueAt <= now) return { send: 'overdue', ladderStep: 2, nextStepAt: null };
  return { send: 'reminder', ladderStep: 1, nextStepAt: imp.dueAt };
}
