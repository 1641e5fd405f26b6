/**
 * `/complaint stats [YYYY-MM]`: the month's statistics for the asker's scope — the GM and customer
 * service see everything, a department head their departments, anyone else what they may see — with
 * the month before for comparison. Loads, then hands the pure calculation (workflows/stats.ts) the data.
 */
import type { Deps } from './deps.ts';
import { eventsOf, listStates } from '../store/complaints.ts';
import type { Actor, ComplaintState } from '../workflows/model.ts';
import { canView } from '../workflows/permissions.ts';
import { shiftMonth } from '../workflows/report-slots.ts';
import { monthStats, type MonthStats, type StatsRecord } from '../workflows/stats.ts';

export type StatsScope = { kind: 'all' } | { kind: 'departments'; departments: string[] } | { kind: 'own' };

export function statsScope(deps: Deps, actorId: string): StatsScope {
  const { directory } = deps;
  if (directory.isGm(actorId) || directory.isCustomerService(actorId)) return { kind: 'all' };
  const headed = directory.departments().filter((d) => directory.isHeadOf(actorId, d.key)).map((d) => d.key);
  return headed.length ? { kind: 'departments', departments: headed } : { kind: 'own' };
}

export interface MonthlyStats {
  /** 'YYYY-MM' in the organisation's time zone. */
  month: string;
  scope: StatsScope;
  stats: MonthStats;
}

const MAX = 20_000;

async function received(deps: Deps, month: string, keep: (s: ComplaintState) => boolean): Promise<ComplaintState[]> {
  const { calendar } = deps;
  const states = await listStates(deps.db.prisma, {
    receivedFrom: calendar.atLocalTime(`${month}-01`, '00:00'),
    receivedBefore: calendar.atLocalTime(`${shiftMonth(month, 1)}-01`, '00:00'),
    take: MAX,
  });
  return states.filter(keep);
}

/** A month's statistics over the complaints `keep` lets through, with the month before for comparison. */
export async function statsOfMonth(deps: Deps, month: string, now: Date, keep: (s: ComplaintState) => boolean = () => true): Promise<MonthStats> {
  const current = await received(deps, month, keep);
  const previous = await received(deps, shiftMonth(month, -1), keep);
  const events = await eventsOf(deps.db.prisma, current.map((s) => s.complaint.id), ['acknowledged', 'eightd_submitted', 'revisit_satisfied', 'revisit_unsatisfied']);
  const records: StatsRecord[] = current.map((state) => ({ state, events: events.get(state.complaint.id) ?? [] }));
  return monthStats(records, previous.map((state) => ({ state, events: [] })), now, { responseHours: deps.config.reports.targets.firstResponseHours, causeCategories: deps.config.rootCauses.categories });
}

export async function monthlyStats(deps: Deps, actor: Actor, month?: string): Promise<MonthlyStats> {
  const now = deps.clock.now();
  const m = month ?? deps.calendar.localDate(now).slice(0, 7);
  const scope = statsScope(deps, actor.id);
  const keep = (s: ComplaintState) =>
    scope.kind === 'all' ? true : scope.kind === 'departments' ? scope.departments.includes(s.complaint.department) : canView(actor.id, s.complaint, deps.directory, s.approvals);
  return { month: m, scope, stats: await statsOfMonth(deps, m, now, keep) };
}
