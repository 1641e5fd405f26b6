/**
 * Management statistics over the complaints received in a period (seed 001: the tracking table is
 * reviewed monthly; the top causes get their own 8D). Pure: the complaints, their first-response and
 * 8D events, and `now` come in; nothing is read from the clock or the database.
 *
 * Definitions:
 * - on time, per deadline kind (and per category, all kinds together): a deadline met at or before its (possibly extended) due time counts on
 *   time; met later, or still open past its due time, counts late; cancelled ones (a rejected complaint)
 *   and ones not yet due are left out. The rate is on time / (on time + late), or null with neither.
 * - time to first response / to the 8D: from `receivedAt` to the first `acknowledged` / `eightd_submitted`
 *   event, in hours; median (the mean of the two middle values for an even count) and p90 (nearest rank).
 * - reopen rate: complaints reopened at least once / all.
 * - satisfaction: every revisit's score counts, satisfied and unsatisfied alike (the `revisit_*` events'
 *   `score`; a complaint without such events falls back to its stored `satisfaction`). The satisfaction
 *   rate is satisfied revisits / (satisfied + unsatisfied) revisits.
 * - handling completed: complaints closed or rejected / all.
 * - first response within the target hours: answered within them counts met; answered later, or still
 *   unanswered once they have passed, counts missed; the rest (a rejection answers instead) are left out.
 * - top 5: by count, then by key; root causes are the 8D's D4 causes normalised (causes.ts): each complaint
 *   counts once per distinct cause.
 * - repeat rate: complaints confirmed as a repeat of an earlier one / all (issue 15 item 8).
 */
import type { CauseCategory, DeadlineKind } from '../config/schema.ts';
import { causeKeysOf } from './causes.ts';
import type { ComplaintState, TimelineEvent } from './model.ts';
import { isConfirmedRepeat } from './repeats.ts';

export interface StatsRecord {
  state: ComplaintState;
  /** The complaint's timeline (only `acknowledged`, `eightd_submitted` and the `revisit_*` outcomes are used). */
  events: readonly (Pick<TimelineEvent, 'type' | 'at'> & { data?: TimelineEvent['data'] })[];
}

export interface OnTimeRate {
  onTime: number;
  late: number;
  rate: number | null;
}

export interface Durations {
  n: number;
  medianHours: number | null;
  p90Hours: number | null;
}

export interface Share {
  n: number;
  all: number;
  rate: number | null;
}

export interface Ranked {
  key: string;
  count: number;
}

export interface PeriodStats {
  total: number;
  byCategory: Record<string, number>;
  byDepartment: Record<string, number>;
  byGrade: Record<string, number>;
  byStatus: Record<string, number>;
  onTime: Record<DeadlineKind, OnTimeRate>;
  /** Every deadline of the category's complaints together (the monthly chart's line). */
  byCategoryOnTime: Record<string, OnTimeRate>;
  firstResponse: Durations;
  eightD: Durations;
  reopened: number;
  reopenRate: number | null;
  rated: number;
  meanSatisfaction: number | null;
  /** Satisfied revisits of all satisfied or unsatisfied ones. */
  satisfied: Share;
  /** Complaints closed or rejected of all. */
  handled: Share;
  /** Complaints answered within `responseHours` of those answered or past it. */
  respondedInTime: Share & { hours: number };
  topCategories: Ranked[];
  topRootCauses: Ranked[];
  /** Complaints confirmed as repeats of an earlier one, of all. */
  repeats: Share;
}

export interface MonthStats extends PeriodStats {
  previousTotal: number;
  /** (total − previous) / previous; null when there was nothing the month before. */
  change: number | null;
}

const KINDS: readonly DeadlineKind[] = ['response', 'containment', 'eightD', 'revisit'];
const HOUR = 3_600_000;

const countBy = (keys: string[]): Record<string, number> => keys.reduce<Record<string, number>>((acc, k) => ((acc[k] = (acc[k] ?? 0) + 1), acc), {});

export function top(counts: Record<string, number>, n = 5): Ranked[] {
  return Object.entries(counts)
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, n);
}

export function durations(hours: number[]): Durations {
  const s = [...hours].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return { n, medianHours: null, p90Hours: null };
  const median = n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  return { n, medianHours: median, p90Hours: s[Math.ceil(0.9 * n) - 1]! };
}

const rateOf = (r: { onTime: number; late: number }): OnTimeRate => ({ ...r, rate: r.onTime + r.late ? r.onTime / (r.onTime + r.late) : null });

/** Counts each deadline of the records as on time or late (see the definitions above) into `bucket(record, deadline)`. */
function tallyOnTime<K extends string>(records: readonly StatsRecord[], now: Date, bucket: (r: StatsRecord, kind: DeadlineKind) => K, keys: readonly K[]): Record<K, OnTimeRate> {
  const out = Object.fromEntries(keys.map((k) => [k, { onTime: 0, late: 0 }])) as Record<K, { onTime: number; late: number }>;
  for (const record of records) {
    for (const d of record.state.deadlines) {
      if (!(KINDS as readonly string[]).includes(d.kind)) continue;
      // A breach stays a breach, whatever came after it: an extension, a cancellation, a new round.
      const breached = d.breachedAt !== undefined || (d.earlierBreaches ?? 0) > 0;
      if (d.cancelledAt && !breached) continue;
      const r = (out[bucket(record, d.kind)] ??= { onTime: 0, late: 0 });
      if (breached) r.late++;
      else if (d.metAt) r[d.metAt <= d.dueAt ? 'onTime' : 'late']++;
      else if (d.dueAt < now) r.late++;
    }
  }
  return Object.fromEntries(Object.entries<{ onTime: number; late: number }>(out).map(([k, r]) => [k, rateOf(r)])) as Record<K, OnTimeRate>;
}

function hoursToFirst(records: readonly StatsRecord[], type: string): number[] {
  return records.flatMap(({ state, events }) => {
    const first = events.filter((e) => e.type === type).sort((a, b) => a.at.getTime() - b.at.getTime())[0];
    return first ? [(first.at.getTime() - state.complaint.receivedAt.getTime()) / HOUR] : [];
  });
}

const share = (n: number, all: number): Share => ({ n, all, rate: all ? n / all : null });
const REVISITS = ['revisit_satisfied', 'revisit_unsatisfied'];

/** Every revisit score of the record (satisfied and unsatisfied), or the stored one when no event carries it. */
function scoresOf({ state, events }: StatsRecord): number[] {
  const fromEvents = events.flatMap((e) => (REVISITS.includes(e.type) && typeof e.data?.score === 'number' ? [e.data.score] : []));
  return fromEvents.length ? fromEvents : state.complaint.satisfaction === undefined ? [] : [state.complaint.satisfaction];
}

function respondedWithin(records: readonly StatsRecord[], now: Date, hours: number): Share & { hours: number } {
  let n = 0;
  let all = 0;
  for (const { state, events } of records) {
    const limit = state.complaint.receivedAt.getTime() + hours * HOUR;
    const first = events.filter((e) => e.type === 'acknowledged').reduce<number | undefined>((m, e) => (m === undefined || e.at.getTime() < m ? e.at.getTime() : m), undefined);
    if (first !== undefined) {
      all++;
      if (first <= limit) n++;
    } else if (state.complaint.status !== 'rejected' && now.getTime() > limit) all++;
  }
  return { ...share(n, all), hours };
}

export interface StatsOptions {
  /** The first-response target in hours (seed 004: 24). */
  responseHours?: number;
  /** The configured root-cause categories (a tag naming one counts as it). */
  causeCategories?: readonly CauseCategory[];
}

export function periodStats(records: readonly StatsRecord[], now: Date, opts: StatsOptions = {}): PeriodStats {
  const cs = records.map((r) => r.state.complaint);
  const scores = records.flatMap(scoresOf);
  const outcomes = records.flatMap((r) => r.events.filter((e) => REVISITS.includes(e.type)).map((e) => e.type));
  const satisfiedRevisits = outcomes.filter((t) => t === 'revisit_satisfied').length;
  const reopened = cs.filter((c) => c.reopenCount > 0).length;
  const byCategory = countBy(cs.map((c) => c.category));
  return {
    total: cs.length,
    byCategory,
    byDepartment: countBy(cs.map((c) => c.department)),
    byGrade: countBy(cs.map((c) => c.grade)),
    byStatus: countBy(cs.map((c) => c.status)),
    onTime: tallyOnTime(records, now, (_, kind) => kind, KINDS),
    byCategoryOnTime: tallyOnTime(records, now, (r) => r.state.complaint.category, Object.keys(byCategory)),
    firstResponse: durations(hoursToFirst(records, 'acknowledged')),
    eightD: durations(hoursToFirst(records, 'eightd_submitted')),
    reopened,
    reopenRate: cs.length ? reopened / cs.length : null,
    rated: scores.length,
    meanSatisfaction: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
    satisfied: share(satisfiedRevisits, outcomes.length),
    handled: share(cs.filter((c) => c.status === 'closed' || c.status === 'rejected').length, cs.length),
    respondedInTime: respondedWithin(records, now, opts.responseHours ?? 24),
    topCategories: top(byCategory),
    topRootCauses: top(countBy(cs.flatMap((c) => causeKeysOf(c.eightD, opts.causeCategories ?? [])))),
    repeats: share(cs.filter(isConfirmedRepeat).length, cs.length),
  };
}

export function monthStats(current: readonly StatsRecord[], previous: readonly StatsRecord[], now: Date, opts: StatsOptions = {}): MonthStats {
  const stats = periodStats(current, now, opts);
  const previousTotal = previous.length;
  return { ...stats, previousTotal, change: previousTotal ? (stats.total - previousTotal) / previousTotal : null };
}
