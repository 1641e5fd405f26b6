/**
 * The scheduled reports, run by the engine's step (tick.ts): weekly — the open complaints, the overdue
 * ones and what falls due this week — to each GM for the whole company and to each department head for
 * their departments; monthly — the previous month's statistics against the targets — to the GMs and the
 * management channel for the whole company and to each department head for their departments.
 * Both come with the category chart.
 *
 * Due slots are derived from the database and the calendar, not from cron firing: each slot is claimed
 * once with a unique marker written in the same transaction as its messages, so a slot missed while the
 * process was down goes out when it is back (once), and replicas never repeat one. Reports start with the
 * first slot after the engine first ran (`reports:since`; moved forward while reports are turned off), so
 * a new installation does not send a backlog. A weekly report shows the present, so it goes out only
 * within its week: after a downtime across several weeks only this week's is sent. Each missed monthly
 * report is sent, oldest first. The monthly report also opens the improvement actions for the month's
 * top causes and lists the open ones (improvements.ts), in the transaction that claims it.
 */
import { localeFor, type Notification } from '../notifiers/notifications.ts';
import type { Target } from '../notifiers/targets.ts';
import { buildStatsView } from '../notifiers/views/stats.ts';
import { buildWeeklyReport } from '../notifiers/views/weekly-report.ts';
import { translator } from '../notifiers/i18n/index.ts';
import { listStates } from '../store/complaints.ts';
import { claimOnce, markersWithPrefix, readMarker, writeMarker } from '../store/markers.ts';
import { latestWeeklySlot, monthlySlotsBetween, weekEnd, type Slot } from '../workflows/report-slots.ts';
import { STATUSES, type Status } from '../workflows/model.ts';
import { notify } from './notify.ts';
import { improvementsForReport, withImprovements } from './improvements.ts';
import type { Tx } from '../store/complaints.ts';
import { statsOfMonth } from './stats.ts';
import type { MonthStats } from '../workflows/stats.ts';
import type { EngineDeps } from './tick.ts';

const SINCE = 'reports:since';
const CLOSED: readonly Status[] = ['closed', 'rejected'];
const OPEN_LIMIT = 20_000;

/**
 * Builds the slot's messages (reads outside the transaction: SQLite has one writer) and writes them
 * with the marker `key` in one transaction; false if the slot was already taken.
 */
async function claim(deps: EngineDeps, now: Date, key: string, build: () => Promise<Notification[] | Built>): Promise<boolean> {
  if (await readMarker(deps.db.prisma, key)) return false;
  const built = await build();
  const { notes, write } = Array.isArray(built) ? { notes: built, write: undefined } : built;
  return claimOnce(deps.db, key, { owner: 'engine', at: now }, async (tx) => {
    await write?.(tx);
    await notify(tx, deps, now, notes);
  });
}

/** A slot's messages and what else is written with its claim. */
interface Built {
  notes: Notification[];
  write?: (tx: Tx) => Promise<void>;
}

async function since(deps: EngineDeps, now: Date): Promise<Date> {
  await claimOnce(deps.db, SINCE, { owner: 'engine', at: now });
  return (await readMarker(deps.db.prisma, SINCE))!.createdAt;
}

/** Each department head who is not a GM, with the departments they head (one report each). */
function headsWithDepartments(deps: EngineDeps): Map<string, string[]> {
  const { directory } = deps;
  const heads = new Map<string, string[]>();
  for (const d of directory.departments()) for (const id of directory.headsOf(d.key)) if (!directory.isGm(id)) heads.set(id, [...(heads.get(id) ?? []), d.key]);
  return heads;
}

function weekly(deps: EngineDeps, slot: Slot, now: Date) {
  return async (): Promise<Notification[]> => {
    const open = await listStates(deps.db.prisma, { status: STATUSES.filter((s) => !CLOSED.includes(s)), take: OPEN_LIMIT });
    const end = weekEnd(slot, deps.calendar);
    const { directory } = deps;
    const readers: Array<{ target: Target; departments?: string[] }> = directory.gms().map((id) => ({ target: { type: 'person', id } }));
    for (const [id, departments] of headsWithDepartments(deps)) readers.push({ target: { type: 'person', id }, departments });
    return readers.map(({ target, departments }) => ({
      key: `report:weekly:${slot.period}`,
      kind: 'report',
      target,
      view: buildWeeklyReport(
        { week: slot.period, weekEnd: end, open: departments ? open.filter((s) => departments.includes(s.complaint.department)) : open, ...(departments ? { departments } : {}) },
        { locale: localeFor(target, deps), now, timeZone: deps.config.organisation.timeZone, directory },
      ),
    }));
  };
}

function monthly(deps: EngineDeps, slot: Slot, now: Date) {
  return async (): Promise<Built> => {
    const { directory } = deps;
    const targets = deps.config.reports.targets;
    const improvements = await improvementsForReport(deps, slot.period, now);
    const view = (stats: MonthStats, target: Target, departments?: string[]) => {
      const locale = localeFor(target, deps);
      const names = departments?.map((d) => directory.departmentName(d, locale));
      const v = buildStatsView(stats, { locale, directory, month: slot.period, heading: translator().t(locale, 'stats.monthlyTitle'), targets, causeCategories: deps.config.rootCauses.categories, ...(names ? { departments: names } : {}) });
      return withImprovements(v, improvements.lines(locale, departments));
    };
    const note = (target: Target, v: ReturnType<typeof view>): Notification => ({ key: `report:monthly:${slot.period}`, kind: 'report', target, view: v });
    const stats = await statsOfMonth(deps, slot.period, now);
    const company: Target[] = [...directory.gms().map((id) => ({ type: 'person', id }) as Target), ...(deps.config.managementChannel ? [{ type: 'mgmt_channel' } as Target] : [])];
    const out = company.map((target) => note(target, view(stats, target)));
    // Each department head (not a GM) gets their departments' figures, in one report.
    for (const [id, departments] of headsWithDepartments(deps)) {
      const target: Target = { type: 'person', id };
      const own = await statsOfMonth(deps, slot.period, now, (s) => departments.includes(s.complaint.department));
      out.push(note(target, view(own, target, departments)));
    }
    return { notes: [...out, ...improvements.notes], write: improvements.write };
  };
}

/** Sends every report slot that has passed and is not yet sent; returns how many slots were sent. */
export async function scheduledReports(deps: EngineDeps, now: Date): Promise<number> {
  const { reports } = deps.config;
  if (!reports.enabled || !deps.platforms.length) {
    // Slots passing while reports are off are not owed later: reports restart from when they are back on.
    await writeMarker(deps.db.prisma, SINCE, { owner: 'engine', until: now, createdAt: now });
    return 0;
  }
  const start = await since(deps, now);
  let sent = 0;
  // A weekly report shows the present; once its week is over, the next week's replaces it.
  const week = latestWeeklySlot(now, deps.calendar, reports.weeklyAt);
  if (week && week.at >= start && now < weekEnd(week, deps.calendar) && (await claim(deps, now, `report:weekly:${week.period}`, weekly(deps, week, now)))) sent++;
  const months = monthlySlotsBetween(start, now, deps.calendar, reports.monthlyAt);
  // One query for the months already sent, rather than one per month since the start.
  const done = new Set((await markersWithPrefix(deps.db.prisma, 'report:monthly:')).map((m) => m.key));
  for (const month of months) {
    const key = `report:monthly:${month.period}`;
    if (!done.has(key) && (await claim(deps, now, key, monthly(deps, month, now)))) sent++;
  }
  return sent;
}
