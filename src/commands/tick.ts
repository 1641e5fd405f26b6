/**
 * The deadline engine's step: a pure function of the database and `now`. It sends every ladder step
 * that has come due (once: each deadline's step is claimed with a compare-and-set, so replicas and
 * retries never repeat one), the GM's daily digest and the scheduled reports (reports.ts), writing the notifications to the outbox in the
 * same transaction. A missed tick, a restart or a week of downtime loses nothing.
 */
import type { Deps } from './deps.ts';
import { lifecycleEnv } from './deps.ts';
import type { PlatformName } from '../notifiers/deliverer.ts';
import { digestNotifications, ladderNotifications } from '../notifiers/notifications.ts';
import { notify } from './notify.ts';
import { scheduledReports } from './reports.ts';
import { chaseImprovements } from './improvements.ts';
import { compileStatements } from './statements.ts';
import { runInTransaction } from '../store/client.ts';
import { claimOnce } from '../store/markers.ts';
import { applyDecision, dueSteps, listStates, loadState, type DueStep } from '../store/complaints.ts';
import { breachDecision } from '../workflows/transitions/contact.ts';
import { notifyDecision } from './notify.ts';
import { KesuError } from '../errors.ts';
import { stepsDue } from '../workflows/ladder.ts';
import type { DeadlineKind } from '../config/schema.ts';
import type { Deadline, Status } from '../workflows/model.ts';

export interface EngineDeps extends Deps {
  platforms: readonly PlatformName[];
}

export interface TickResult {
  steps: number;
  notifications: number;
  digest: boolean;
  /** Report slots sent (weekly, monthly) and monthly accountability statements compiled (statements.ts). */
  reports: number;
}

/** Advance one deadline's ladder; returns how many notifications were written (0 if another process got there first). */
async function advance(deps: EngineDeps, row: DueStep, now: Date): Promise<{ steps: number; notifications: number; opened?: boolean }> {
  return runInTransaction(deps.db, async (tx) => {
    const state = await loadState(tx, row.complaintId);
    const d = state?.deadlines.find((x) => x.kind === row.kind);
    if (!state || !d || d.ladderStep !== row.ladderStep || d.nextStepAt?.getTime() !== row.nextStepAt.getTime()) return { steps: 0, notifications: 0 };
    if (!mayStep(state.complaint.status, d.kind, d)) {
      // A finished complaint's deadlines never step again (DESIGN §9); a stale ladder is stopped silently.
      await tx.deadline.updateMany({ where: { complaintId: row.complaintId, kind: row.kind, nextStepAt: d.nextStepAt }, data: { nextStepAt: null, updatedAt: now } });
      return { steps: 0, notifications: 0 };
    }
    const env = lifecycleEnv(deps, now);
    const r = stepsDue(d, d.ladderStep, now, env, state.complaint);
    const claimed = await tx.deadline.updateMany({
      where: { complaintId: row.complaintId, kind: row.kind, ladderStep: d.ladderStep, nextStepAt: d.nextStepAt },
      data: {
        ladderStep: r.ladderStep,
        nextStepAt: r.nextStepAt ?? null,
        breachedAt: d.breachedAt ?? (r.ladderStep >= 2 ? d.dueAt : null),
        updatedAt: now,
      },
    });
    if (claimed.count === 0) return { steps: 0, notifications: 0 };
    const notes = r.send.flatMap((step) => ladderNotifications(step, d, state, { now, config: deps.config, directory: deps.directory }));
    let written = await notify(tx, deps, now, notes);
    // First seen missed: in the same transaction the timeline says so and the delay notice opens (seed 001 §5.3).
    const breach = !d.breachedAt && r.ladderStep >= 2 ? breachDecision(state, d.kind, env) : undefined;
    if (breach) {
      const decision = { ...breach, record: { action: 'breach' as const, input: { deadline: d.kind } } };
      await applyDecision(tx, state, decision, SYSTEM_ACTOR); // a concurrent action rolls the step back: the next tick retries
      const after = (await loadState(tx, state.complaint.id))!;
      written += await notifyDecision(tx, deps, now, after, decision.events, SYSTEM_ACTOR);
    }
    return { steps: r.send.length, notifications: written, opened: breach !== undefined };
  });
}

/** Who the engine's own timeline entries are by (the timeline shows it as the system). */
const SYSTEM_ACTOR = 'kesu';

/** The GM's digest, once per working day at `gmDigestAt` (org time), when anything is overdue; a missed day is summarised by the next, not replayed. */
async function digest(deps: EngineDeps, now: Date): Promise<boolean> {
  const { calendar, config } = deps;
  const day = calendar.localDate(now);
  if (!calendar.isWorkday(day) || now < calendar.atLocalTime(day, config.deadlines.gmDigestAt)) return false;
  let any = false;
  // Today's slot is taken either way (once across replicas); a digest only goes out when something is overdue.
  await claimOnce(deps.db, `digest:${day}`, { owner: 'engine', at: now }, async (tx) => {
    const overdue = await listStates(tx, { overdueAt: now, take: 500 });
    await notify(tx, deps, now, digestNotifications(day, overdue, { now, config, directory: deps.directory }));
    any = overdue.length > 0;
  });
  return any;
}

/** Only active deadlines of open complaints step; of a resolved one only the revisit. */
function mayStep(status: Status, kind: DeadlineKind, d: Deadline): boolean {
  if (d.metAt || d.cancelledAt) return false;
  if (status === 'closed' || status === 'rejected' || status === 'escalated') return false;
  return status !== 'resolved' || kind === 'revisit';
}

export interface TickOptions {
  /** Also send the scheduled reports that are due (default). The `kesu tick` CLI leaves them to the running bot. */
  reports?: boolean;
}

export async function tick(deps: EngineDeps, now: Date, opts: TickOptions = {}): Promise<TickResult> {
  const result: TickResult = { steps: 0, notifications: 0, digest: false, reports: 0 };
  for (;;) {
    const rows = await dueSteps(deps.db.prisma, now, 200);
    let progressed = 0;
    let opened = false;
    for (const row of rows) {
      const r = await advance(deps, row, now).catch((e: unknown) => {
        // An action changed the complaint while its breach was being written: the step is left for the next tick.
        if (e instanceof KesuError && e.code === 'concurrent_update') return { steps: 0, notifications: 0, opened: false };
        throw e;
      });
      result.steps += r.steps;
      result.notifications += r.notifications;
      opened ||= r.opened === true;
      if (r.steps > 0 || r.notifications > 0) progressed++;
    }
    // A breach opened a delay notice: it may be due already (a tick after downtime), so look again.
    if ((rows.length < 200 && !opened) || progressed === 0) break;
  }
  // Improvement actions for the top causes (seed 001 §6.10) walk their own ladder.
  const chased = await chaseImprovements(deps, now);
  result.steps += chased.steps;
  result.notifications += chased.notifications;
  result.digest = await digest(deps, now);
  if (opts.reports !== false) result.reports = (await scheduledReports(deps, now)) + (await compileStatements(deps, now));
  return result;
}
