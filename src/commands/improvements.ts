/**
 * Improvement actions for the month's top root causes (seed 001 §6.10): opened with the monthly report
 * (in the transaction that claims it, so once per month and cause), chased by the engine's tick (each
 * step claimed with a compare-and-set), listed and closed from chat (`/complaint improvement …`).
 */
import type { Deps } from './deps.ts';
import { notify } from './notify.ts';
import type { EngineDeps } from './tick.ts';
import { KesuError } from '../errors.ts';
import { hasControlCharacters, LIMITS } from '../workflows/input-fields.ts';
import { fieldError } from '../workflows/validation.ts';
import { viewFor, type Notification } from '../notifiers/notifications.ts';
import type { Target } from '../notifiers/targets.ts';
import {
  buildImprovementAssigned,
  buildImprovementClosed,
  buildImprovementList,
  buildImprovementStep,
  improvementLines,
  type ImprovementViewContext,
} from '../notifiers/views/improvements.ts';
import type { MessageView } from '../notifiers/views/types.ts';
import { formatDateTime } from '../notifiers/i18n/format.ts';
import { runInTransaction } from '../store/client.ts';
import { listStates, type Tx } from '../store/complaints.ts';
import {
  claimImprovementStep,
  closeImprovementRow,
  dueImprovements,
  improvementsToReport,
  insertImprovements,
  loadImprovement,
  openImprovements,
} from '../store/improvements.ts';
import { improvementStepDue, planImprovements, type Improvement } from '../workflows/improvements.ts';
import type { Locale } from '../config/schema.ts';
import type { Actor } from '../workflows/model.ts';
import { shiftMonth } from '../workflows/report-slots.ts';

const MAX = 20_000;

function viewContext(deps: Deps, locale: Locale, now: Date, command?: string): ImprovementViewContext {
  return { locale, now, timeZone: deps.config.organisation.timeZone, directory: deps.directory, categories: deps.config.rootCauses.categories, ...(command ? { command } : {}) };
}

const person = (id: string): Target => ({ type: 'person', id });

/** The action's owner: the department's first head. */
const ownerOf = (deps: Deps) => (department: string) => deps.directory.headsOf(department)[0];

export interface ReportImprovements {
  /** The report's lines for a reader of `departments` (all when undefined). */
  lines(locale: Locale, departments?: readonly string[]): string[];
  /** The owners' notices of the actions this report opens. */
  notes: Notification[];
  /** Writes the opened actions (inside the report's claim). */
  write(tx: Tx): Promise<void>;
}

/**
 * For the monthly report of `period`: the actions it opens for the period's top causes, and the list it
 * shows — every open action and those closed during the period. Reads here; writes in `write`.
 */
export async function improvementsForReport(deps: Deps, period: string, now: Date): Promise<ReportImprovements> {
  const { calendar, config } = deps;
  const from = calendar.atLocalTime(`${period}-01`, '00:00');
  const before = calendar.atLocalTime(`${shiftMonth(period, 1)}-01`, '00:00');
  const existing = await improvementsToReport(deps.db.prisma, from, before);
  let opened: Improvement[] = [];
  if (config.improvements.enabled) {
    const states = await listStates(deps.db.prisma, { receivedFrom: from, receivedBefore: before, take: MAX });
    const o = config.improvements;
    const taken = new Set(existing.filter((i) => i.period === period).map((i) => i.causeKey));
    opened = planImprovements(states, {
      period,
      now,
      top: o.top,
      dueDays: o.dueDays,
      reminderDays: o.reminderDays,
      categories: config.rootCauses.categories,
      calendar,
      workingHours: config.organisation.workingHours,
      ownerOf: ownerOf(deps),
    }).filter((i) => !taken.has(i.causeKey));
  }
  const listed = [...existing, ...opened];
  return {
    lines: (locale, departments) => {
      const mine = departments ? listed.filter((i) => departments.includes(i.department)) : listed;
      return mine.length ? improvementLines(mine, viewContext(deps, locale, now)) : [];
    },
    notes: opened.map((i) => {
      const target = person(i.ownerId);
      return { key: `improvement:${i.id}:opened`, kind: 'improvement', target, view: viewFor(target, deps, (l) => buildImprovementAssigned(i, viewContext(deps, l, now))) };
    }),
    write: async (tx) => {
      await insertImprovements(tx, opened, now);
    },
  };
}

/** The report's view with the improvement lines added at its end (none when there is nothing to list). */
export function withImprovements(view: MessageView, lines: string[]): MessageView {
  return lines.length ? { ...view, text: `${view.text}\n${lines.join('\n')}` } : view;
}

/** Steps every due improvement action once (reminder to the owner; overdue to the owner and the GMs). */
export async function chaseImprovements(deps: EngineDeps, now: Date): Promise<{ steps: number; notifications: number }> {
  let steps = 0;
  let notifications = 0;
  for (const imp of await dueImprovements(deps.db.prisma, now, 500)) {
    const r = improvementStepDue(imp, now);
    if (!r.send) continue;
    const step = r.send;
    const sent = await runInTransaction(deps.db, async (tx) => {
      if (!(await claimImprovementStep(tx, imp, r, now))) return -1;
      const targets = step === 'overdue' ? [...new Set([imp.ownerId, ...deps.directory.gms()])].map(person) : [person(imp.ownerId)];
      const notes: Notification[] = targets.map((target) => ({
        key: `improvement:${imp.id}:${step}`,
        kind: 'improvement',
        target,
        view: viewFor(target, deps, (l) => buildImprovementStep(imp, step, viewContext(deps, l, now))),
      }));
      return notify(tx, deps, now, notes);
    });
    if (sent >= 0) {
      steps++;
      notifications += sent;
    }
  }
  return { steps, notifications };
}

/** `/complaint improvement`: the open actions (everyone may read them: they name causes, not customers). */
export async function listImprovements(deps: Deps, actor: Actor, command?: string): Promise<MessageView> {
  const now = deps.clock.now();
  return buildImprovementList(await openImprovements(deps.db.prisma), viewContext(deps, actor.locale ?? deps.directory.localeOf(actor.id), now, command));
}

/** `/complaint improvement close IA-… <note>`: by the owner, a head of its department or a GM. */
export async function closeImprovement(deps: Deps, actor: Actor, id: string, note: string): Promise<MessageView> {
  const now = deps.clock.now();
  const locale = actor.locale ?? deps.directory.localeOf(actor.id);
  if (hasControlCharacters(note)) throw fieldError('note', 'control_characters');
  if (note.length > LIMITS.text) throw fieldError('note', 'too_long', { max: LIMITS.text });
  const imp = await loadImprovement(deps.db.prisma, id);
  if (!imp) throw new KesuError('unknown_improvement', { id });
  const { directory } = deps;
  if (imp.ownerId !== actor.id && !directory.isHeadOf(actor.id, imp.department) && !directory.isGm(actor.id)) throw new KesuError('improvement_forbidden', { id: imp.id });
  const closed = (i: Improvement) =>
    new KesuError('improvement_closed', { id: i.id, by: i.closedBy ? directory.displayName(i.closedBy, locale) : '', at: i.closedAt ? formatDateTime(i.closedAt, deps.config.organisation.timeZone) : '' });
  if (imp.status === 'closed') throw closed(imp);
  const done = await runInTransaction(deps.db, (tx) => closeImprovementRow(tx, imp.id, actor.id, note, now));
  if (!done) throw closed((await loadImprovement(deps.db.prisma, imp.id))!);
  return buildImprovementClosed(imp, viewContext(deps, locale, now));
}

