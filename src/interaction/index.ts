/**
 * The interaction core: what a person can do through any chat platform — a command, a button, a form —
 * answered with neutral views through the platform's `Replier`, and the one way errors become answers
 * (boundary.ts). Platform adapters (src/bot/slack, feishu, local) get an `Interactions` built once by
 * the composition root and import neither the store nor the boot `Core` (test/unit/boundary.test.ts).
 */
import type { Clock } from '../clock.ts';
import type { Directory } from '../config/directory.ts';
import type { Locale, OrgConfig } from '../config/schema.ts';
import type { Deps } from '../commands/deps.ts';
import { exportFile, exportFiles, exportTable, type ExportFile, type ExportFormat, type ExportRange } from '../commands/export.ts';
import { isAction, openForm, submitForm, type SubmitOutcome } from '../commands/forms.ts';
import { cardFor, localeOf, myTasks, timelineFor, viewContext } from '../commands/present.ts';
import { list, show } from '../commands/query.ts';
import { runCommand } from '../commands/run-command.ts';
import { monthRange } from '../commands/parse-command.ts';
import { signStatementAs, statementDownload, statementFiles } from '../commands/statements.ts';
import { KesuError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { translator } from '../notifiers/i18n/index.ts';
import { withoutChart } from '../notifiers/views/chart.ts';
import { buildList, type CardView, type FormId, type FormView, type ListView, type TasksView, type TimelineView } from '../notifiers/views/index.ts';
import type { MessageView } from '../notifiers/views/types.ts';
import { loadState } from '../store/complaints.ts';
import { claimOnce, deleteMarker, readMarker, writeMarker } from '../store/markers.ts';
import { sentMessages, type OutboxRow } from '../store/outbox.ts';
import type { WorkCalendar } from '../workflows/calendar.ts';
import type { Actor } from '../workflows/model.ts';
import { answerError, type Answer, type Where } from './boundary.ts';
import { ChartRefused, type Replier } from './replier.ts';

export interface CommandOptions {
  /** The command as the person typed it (`/complaint`), for help texts. */
  command?: string;
  /** Turns a platform's encoded text (Slack's entities and mentions) into what the person read. */
  decodePrefill?: (text: string) => string;
}

/** A delivered message, as the console rebuilds its history from it. */
export type SentMessage = OutboxRow;

export interface Interactions {
  readonly config: OrgConfig;
  readonly directory: Directory;
  readonly calendar: WorkCalendar;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The person's language: their own setting (or what the platform said), else the config's. */
  localeOf(actor: Pick<Actor, 'id' | 'locale'>): Locale;

  /** `/complaint …`: parsed once and answered through `replier`. Refusals are thrown (coded) for the boundary. */
  command(replier: Replier, actor: Actor, text: string, opts?: CommandOptions): Promise<void>;
  /** The filing form, prefilled with a description (a message shortcut). */
  filingForm(actor: Actor, description?: string): Promise<FormView>;
  /** A card button: the action's form, or the coded reason this person may not take it now. */
  press(actor: Actor, action: string, complaint: string): Promise<FormView>;
  /** A button on a message not about a complaint (the GM's Sign on a statement): its answer, or the coded refusal. */
  messageButton(actor: Actor, button: string, value: string): Promise<MessageView>;
  /** A submitted form: done (with the confirmation), or the same form with its errors; nothing half-written. */
  submit(actor: Actor, form: FormId, values: Record<string, unknown>, opts?: { complaint?: string; requestKey?: string }): Promise<SubmitOutcome>;
  /** One complaint for this viewer (their buttons; contact data where they may see it), with its timeline. */
  show(actor: Actor, ref: string): Promise<{ card: CardView; timeline: TimelineView }>;
  /** A complaint drawn now for a viewer (`inChannel`: contact masked), or undefined when it is gone. */
  draw(complaintId: string, viewer: Pick<Actor, 'id' | 'locale'>, opts?: { inChannel?: boolean }): Promise<{ card: CardView; timeline: TimelineView } | undefined>;
  /** The list a `/complaint list …` text makes now (a list card's page button), or undefined when it is no list. */
  listFor(actor: Actor, text: string): Promise<ListView | undefined>;
  /** My tasks: what each complaint waiting for this person needs from them, with its button, the most pressing first. */
  tasks(actor: Actor): Promise<TasksView>;
  /** App Home: my tasks; for a GM also the escalated and the overdue complaints. */
  home(actor: Actor): Promise<{ tasks: TasksView; lists: ListView[] }>;
  exportFile(actor: Actor, range: ExportRange, format: ExportFormat): Promise<ExportFile>;
  /** The month's accountability statement as .xlsx, as far as the person may see it (refused otherwise). */
  statementFile(actor: Actor, period: string): Promise<ExportFile>;

  /** The answer to a failed interaction, logged once (boundary.ts). */
  answer(error: unknown, locale: Locale, where: Where): Answer;
  /** Claims a platform event id once across processes and restarts; false when it was seen. */
  claimEvent(key: string): Promise<boolean>;
  /** Gives a claim up (the event could not be answered at all: the platform's retry may get through). */
  releaseEvent(key: string): Promise<void>;
  /** Delivered messages of a platform, oldest first (the console's history). */
  sentMessages(platform: 'local'): Promise<SentMessage[]>;
  /** The console's demo clock: how far ahead of real time it was last set (0 when never). */
  savedClockOffset(): Promise<number>;
  saveClock(now: Date, offsetMs: number): Promise<void>;
}

/** The marker that keeps the demo clock's offset across restarts: `until` = simulated time, `createdAt` = real time then. */
const CLOCK_MARKER = 'console:clock';

export function createInteractions(deps: Deps, logger: Logger): Interactions {
  const { config, directory } = deps;
  const tr = translator();
  const tz = config.organisation.timeZone;
  const locale = (actor: Pick<Actor, 'id' | 'locale'>) => localeOf(deps, actor);

  async function command(replier: Replier, actor: Actor, text: string, opts: CommandOptions = {}): Promise<void> {
    const reply = await runCommand(deps, actor, text, opts);
    switch (reply.type) {
      case 'form':
        return replier.form(reply.form);
      case 'export':
        return replier.export({ range: reply.range, make: () => exportFiles(deps, actor, reply.range) });
      case 'statement':
        return replier.export({ range: monthRange(reply.period), statement: reply.period, make: () => statementFiles(deps, actor, reply.period, opts.command) });
      case 'message':
        if (!reply.message.chart) return replier.reply(reply);
        try {
          return await replier.chart(reply.message);
        } catch (e) {
          if (!(e instanceof ChartRefused)) throw e;
          logger.warn({ user: actor.id }, `${e.message}; the answer went without it, its figures as text`);
          return replier.reply({ type: 'message', message: withoutChart(reply.message) });
        }
      default:
        return replier.reply(reply);
    }
  }

  return {
    config,
    directory,
    calendar: deps.calendar,
    clock: deps.clock,
    logger,
    localeOf: locale,
    command,
    filingForm: (actor, description) => openForm(deps, actor, 'file', description ? { values: { description } } : {}),
    press(actor, action, complaint) {
      if (!isAction(action)) throw new KesuError('foreign_button', { action });
      return openForm(deps, actor, action, { complaint });
    },
    async messageButton(actor, button, value) {
      if (button === 'sign_statement') return signStatementAs(deps, actor, value);
      throw new KesuError('foreign_button', { action: button });
    },
    submit: (actor, form, values, opts = {}) => submitForm(deps, actor, form, values, opts),
    async show(actor, ref) {
      const { state } = await show(deps, actor, ref);
      return { card: cardFor(deps, state, actor), timeline: await timelineFor(deps, state, locale(actor)) };
    },
    async draw(complaintId, viewer, opts = {}) {
      const state = await loadState(deps.db.prisma, complaintId);
      if (!state) return undefined;
      return { card: cardFor(deps, state, viewer, opts), timeline: await timelineFor(deps, state, locale(viewer)) };
    },
    async listFor(actor, text) {
      const reply = await runCommand(deps, actor, text);
      return reply.type === 'list' ? reply.list : undefined;
    },
    tasks: (actor) => myTasks(deps, actor),
    async home(actor) {
      const tasks = await myTasks(deps, actor);
      if (!directory.isGm(actor.id)) return { tasks, lists: [] };
      const l = locale(actor);
      const vc = viewContext(deps, l);
      const escalated = await list(deps, actor, { status: ['escalated'] });
      const overdue = await list(deps, actor, { overdueAt: deps.clock.now() });
      return { tasks, lists: [buildList(escalated, { ...vc, title: tr.t(l, 'status.escalated') }), buildList(overdue, { ...vc, title: tr.t(l, 'list.overdue') })] };
    },
    exportFile: async (actor, range, format) => exportFile(await exportTable(deps, actor, range), range, format),
    statementFile: (actor, period) => statementDownload(deps, actor, period),
    answer: (error, l, where) => answerError(error, l, tz, logger, where),
    claimEvent: (key) => claimOnce(deps.db, key, { owner: key.split(':')[0] ?? 'event', at: deps.clock.now() }),
    releaseEvent: (key) => deleteMarker(deps.db.prisma, key),
    sentMessages: (platform) => sentMessages(deps.db.prisma, platform),
    async savedClockOffset() {
      const saved = await readMarker(deps.db.prisma, CLOCK_MARKER);
      return saved ? saved.until.getTime() - saved.createdAt.getTime() : 0;
    },
    saveClock: (now, offsetMs) => writeMarker(deps.db.prisma, CLOCK_MARKER, { owner: 'console', until: now, createdAt: new Date(now.getTime() - offsetMs) }),
  };
}

export { ChartRefused, type Replier, type ShownReply, type ExportReply } from './replier.ts';
export { type Answer, type Where } from './boundary.ts';
export type { ExportFile, ExportFormat, ExportRange, SubmitOutcome };
export { EXPORT_TYPES } from '../commands/export.ts';
export { TRIGGERS } from '../commands/parse-command.ts';
