/**
 * `/complaint …` for every platform: the text is parsed once into an intent (parse-command.ts) and
 * answered with neutral views — the filing form, a list, one complaint with its timeline, or a message.
 */
import type { Deps } from './deps.ts';
import { openForm } from './forms.ts';
import { monthRange, parseCommand, type CommandIntent } from './parse-command.ts';
import type { ExportRange } from './export.ts';
import { KesuError } from '../errors.ts';
import { cardFor, localeOf, timelineFor, viewContext } from './present.ts';
import { list, show } from './query.ts';
import { monthlyStats } from './stats.ts';
import { closeImprovement, listImprovements } from './improvements.ts';
import { readStatement, signStatementAs } from './statements.ts';
import { shiftMonth } from '../workflows/report-slots.ts';
import { translator } from '../notifiers/i18n/index.ts';
import { buildHelp, buildList, type CardView, type FormView, type ListView, type MessageView, type TimelineView } from '../notifiers/views/index.ts';
import { buildNoScopeView, buildStatsView } from '../notifiers/views/stats.ts';
import type { Actor } from '../workflows/model.ts';

export type CommandReply =
  | { type: 'form'; form: FormView }
  | { type: 'list'; list: ListView }
  | { type: 'complaint'; card: CardView; timeline: TimelineView }
  | { type: 'message'; message: MessageView }
  /** `/complaint export`: the tracking table for this range, as a file the platform delivers. */
  | { type: 'export'; range: ExportRange }
  /** `/complaint statement [YYYY-MM]`: the month's accountability statement, as a file the platform delivers. */
  | { type: 'statement'; period: string };

/** A department's key, found by key or by name in either language ("quality", "质量部"). */
const findDepartment = (deps: Deps, given: string) =>
  deps.directory.departments().find((x) => x.key === given || x.name.zh === given || x.name.en.toLowerCase() === given.toLowerCase())?.key;

/** The same; unknown names are refused. */
function departmentKey(deps: Deps, given: string): string {
  const d = findDepartment(deps, given);
  if (!d) throw new KesuError('unknown_department', { key: given });
  return d;
}

export interface RunOptions {
  command?: string;
  /** Turns a platform's encoded text (Slack's entities and mentions) into what the person read, for the form's prefill. */
  decodePrefill?: (text: string) => string;
}

export async function runCommand(deps: Deps, actor: Actor, text: string, opts: RunOptions = {}): Promise<CommandReply> {
  return answer(deps, actor, parseCommand(text), opts.command ?? '/complaint', opts.decodePrefill ?? ((s) => s));
}

async function answer(deps: Deps, actor: Actor, intent: CommandIntent, command: string, decode: (text: string) => string): Promise<CommandReply> {
  const locale = localeOf(deps, actor);
  const tr = translator();
  switch (intent.kind) {
    case 'file': {
      const prefill = intent.prefill ? decode(intent.prefill).trim() : '';
      return { type: 'form', form: await openForm(deps, actor, 'file', prefill ? { values: { description: prefill } } : {}) };
    }
    case 'show': {
      const { state } = await show(deps, actor, intent.number);
      return { type: 'complaint', card: cardFor(deps, state, actor), timeline: await timelineFor(deps, state, locale) };
    }
    case 'list': {
      // An unknown filter word gets the help with what was wrong, not an empty list.
      if (intent.department && !findDepartment(deps, intent.department)) return answer(deps, actor, { kind: 'help', problem: 'bad_filter', unknown: intent.department }, command, decode);
      const states = await list(deps, actor, {
        ...(intent.status ? { status: intent.status } : {}),
        ...(intent.department ? { department: findDepartment(deps, intent.department) } : {}),
        ...(intent.overdue ? { overdueAt: deps.clock.now() } : {}),
        ...(intent.mine ? { involving: actor.id } : {}),
      });
      return { type: 'list', list: buildList(states, { ...viewContext(deps, locale), title: tr.t(locale, 'list.title') }) };
    }
    case 'stats': {
      const { month, scope, stats } = await monthlyStats(deps, actor, intent.month);
      if (scope.kind === 'own' && stats.total === 0) return { type: 'message', message: buildNoScopeView(month, locale) };
      const departments = scope.kind === 'departments' ? scope.departments.map((d) => deps.directory.departmentName(d, locale)) : undefined;
      const view = { locale, directory: deps.directory, month, targets: deps.config.reports.targets, causeCategories: deps.config.rootCauses.categories, ...(departments ? { departments } : {}), ...(scope.kind === 'own' ? { own: true } : {}) };
      return { type: 'message', message: buildStatsView(stats, view) };
    }
    case 'export': {
      // The platform delivers the file (the console offers downloads); default: this month so far.
      const today = deps.calendar.localDate(deps.clock.now());
      const range = intent.from && intent.to ? { from: intent.from, to: intent.to } : { from: monthRange(today.slice(0, 7)).from, to: today };
      const department = intent.department ? departmentKey(deps, intent.department) : undefined;
      return { type: 'export', range: { ...range, ...(department ? { department } : {}) } };
    }
    case 'improvement': {
      if (intent.op === 'list') return { type: 'message', message: await listImprovements(deps, actor, command) };
      if (!intent.id || !intent.note) throw new KesuError('improvement_usage', { command });
      return { type: 'message', message: await closeImprovement(deps, actor, intent.id, intent.note) };
    }
    case 'statement': {
      const period = intent.month ?? shiftMonth(deps.calendar.localDate(deps.clock.now()).slice(0, 7), -1);
      if (intent.sign) return { type: 'message', message: await signStatementAs(deps, actor, period, command) };
      await readStatement(deps, actor, period); // refused here, before the platform prepares a file
      return { type: 'statement', period };
    }
    case 'help': {
      const help = buildHelp({ locale, command });
      const problem = intent.problem
        ? tr.t(locale, `commands.${intent.problem}`, { value: intent.unknown ?? '' })
        : intent.unknown
          ? tr.t(locale, 'commands.unknown', { value: intent.unknown, command })
          : '';
      return { type: 'message', message: problem ? { text: `${problem}\n\n${help.text}`, tone: 'warning' } : help };
    }
  }
}
