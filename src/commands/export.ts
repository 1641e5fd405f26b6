/**
 * The tracking-table export: the complaints received in a date range (local dates, inclusive), of one
 * department or all, that the requester may see — contact data masked where they may not see it.
 * Operators (the CLI without --as) see everything unmasked.
 */
import type { Deps } from './deps.ts';
import { localeOf } from './present.ts';
import { translator } from '../notifiers/i18n/index.ts';
import { tableToCsv, tableToXlsx } from '../notifiers/render/table.ts';
import { buildTrackingTable, sheetNameFor, type TrackingTable } from '../notifiers/views/tracking-table.ts';
import { eventsOf, listStates } from '../store/complaints.ts';
import { addDays } from '../workflows/calendar.ts';
import type { Actor } from '../workflows/model.ts';
import { canSeeContact, canView } from '../workflows/permissions.ts';

export interface ExportRange {
  /** 'YYYY-MM-DD', local. */
  from: string;
  to: string;
  department?: string;
}

const REVISITS = ['revisit_satisfied', 'revisit_unsatisfied', 'revisit_unreachable'];
/** The timeline entries the table reads: every first response (a reopen adds one) and the revisits. */
const EVENTS = ['acknowledged', ...REVISITS];

export async function exportTable(deps: Deps, actor: Actor | undefined, range: ExportRange): Promise<TrackingTable> {
  const { calendar, directory, config } = deps;
  const states = (
    await listStates(deps.db.prisma, {
      receivedFrom: calendar.atLocalTime(range.from, '00:00'),
      receivedBefore: calendar.atLocalTime(addDays(range.to, 1), '00:00'),
      ...(range.department ? { department: range.department } : {}),
      take: 50_000,
    })
  )
    .filter((s) => !actor || canView(actor.id, s.complaint, directory, s.approvals))
    .sort((a, b) => a.complaint.receivedAt.getTime() - b.complaint.receivedAt.getTime());
  const events = await eventsOf(deps.db.prisma, states.map((s) => s.complaint.id), EVENTS);
  const locale = actor ? localeOf(deps, actor) : config.organisation.locale;
  const tr = translator();
  return buildTrackingTable(
    states.map((state) => {
      const timeline = events.get(state.complaint.id) ?? [];
      const last = timeline.filter((e) => REVISITS.includes(e.type)).at(-1)?.type;
      const firstResponses = timeline.flatMap((e) => (e.type === 'acknowledged' && typeof e.data.firstResponse === 'string' ? [{ at: e.at, text: e.data.firstResponse }] : []));
      return {
        state,
        ...(last ? { revisitOutcome: last.replace('revisit_', '') as 'satisfied' | 'unsatisfied' | 'unreachable' } : {}),
        firstResponses,
        showContact: !actor || canSeeContact(actor.id, state.complaint, directory),
      };
    }),
    {
      locale,
      timeZone: config.organisation.timeZone,
      directory,
      now: deps.clock.now(),
      title: tr.t(locale, 'export.title', { from: range.from, to: range.to }),
      sheetName: sheetNameFor((period) => tr.t(locale, 'report.sheet', { period }), range.from, range.to),
    },
  );
}

export type ExportFormat = 'xlsx' | 'csv';
export const EXPORT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export interface ExportFile {
  format: ExportFormat;
  name: string;
  bytes: Buffer;
}

export const exportFileName = (range: ExportRange, format: ExportFormat) =>
  `kesu-${range.from}-${range.to}${range.department ? `-${range.department}` : ''}.${format}`;

export async function exportFile(table: TrackingTable, range: ExportRange, format: ExportFormat): Promise<ExportFile> {
  return { format, name: exportFileName(range, format), bytes: format === 'csv' ? tableToCsv(table) : await tableToXlsx(table) };
}

/** The table as both files (what chat platforms send) and the line that goes with them. */
export async function exportFiles(deps: Deps, actor: Actor, range: ExportRange): Promise<{ comment: string; files: ExportFile[] }> {
  const table = await exportTable(deps, actor, range);
  const n = table.rows.length;
  const comment = translator().t(localeOf(deps, actor), n ? 'commands.exportFiles' : 'report.exportEmpty', { from: range.from, to: range.to, n });
  return { comment, files: [await exportFile(table, range, 'xlsx'), await exportFile(table, range, 'csv')] };
}
