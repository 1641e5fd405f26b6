/**
 * The complaint tracking table (《客户抱怨处理跟踪表》, seed 001 §5.4): one row per complaint with its
 * latest state for the management review, in the reader's language. Times are Date cells (the renderers
 * write them as spreadsheet dates or local text in the table's time zone). Customer contact is masked
 * unless the reader may see it (DESIGN.md §8). Renderers turn it into .xlsx and CSV.
 */
import type { DeadlineKind, Locale } from '../../config/schema.ts';
import { chainOf, stepOf } from '../../workflows/approvals.ts';
import type { ComplaintState, Deadline } from '../../workflows/model.ts';
import { translator } from '../i18n/index.ts';
import { maskContact } from './mask.ts';
import { recallCells } from './recall.ts';
import { formatDateTime } from './time.ts';
import type { ViewDirectory } from './types.ts';

export type Cell = string | number | Date | null;

export interface TableColumn {
  key: string;
  header: string;
  /** Characters, for the spreadsheet's column width. */
  width: number;
  /** A date and time column (Date cells); text may span lines when `wrap`. */
  type?: 'datetime';
  wrap?: boolean;
}

export interface TrackingTable {
  title: string;
  /** The worksheet's name, at most 31 characters (Excel's limit). */
  sheetName: string;
  /** Where Date cells are shown: the organisation's time zone. */
  timeZone: string;
  columns: TableColumn[];
  rows: Record<string, Cell>[];
}

export interface TrackingRow {
  state: ComplaintState;
  /** The last revisit's outcome, from the timeline. */
  revisitOutcome?: 'satisfied' | 'unsatisfied' | 'unreachable';
  /** Every first response from the timeline (a reopen adds one), oldest first. */
  firstResponses?: ReadonlyArray<{ at: Date; text: string }>;
  /** May the reader see this customer's contact? */
  showContact: boolean;
}

export interface TableContext {
  locale: Locale;
  timeZone: string;
  directory: ViewDirectory;
  title: string;
  sheetName: string;
  /** For "overdue": a deadline still open past its due time counts. */
  now: Date;
}

const KINDS: readonly DeadlineKind[] = ['response', 'containment', 'eightD', 'revisit'];
const SHEET_NAME_MAX = 31;

/** Column key, width in characters, the header's text key (`export.` or `report.`) when it differs from the key, and its type. */
type ColumnSpec = readonly [key: string, width: number, label?: string, type?: 'datetime' | 'wrap'];
const LEADING: readonly ColumnSpec[] = [
  ['number', 14], ['receivedAt', 17, 'export.receivedAt', 'datetime'], ['title', 30, 'export.subject'], ['customer', 24], ['contact', 18], ['category', 12],
  ['grade', 10], ['urgent', 6], ['department', 10], ['handler', 10], ['status', 12], ['firstResponses', 40, 'report.firstResponses', 'wrap'],
];
/** After each deadline's due / met / overdue / breach-time columns. */
const TRAILING: readonly ColumnSpec[] = [
  ['eightDDate', 17, 'export.eightDDate', 'datetime'], ['d4RootCause', 30, 'report.d4RootCause', 'wrap'], ['d5Corrective', 30, 'report.d5Corrective', 'wrap'],
  ['resolution', 30], ['claimAmount', 12], ['claimCurrency', 8], ['claimApproval', 12, 'report.claimApproval'], ['claimTier', 20, 'report.claimTier'],
  ['rejection', 14, 'report.rejection'], ['rejectionNote', 30, 'report.rejectionNote', 'wrap'], ['gmDecision', 30, 'report.gmDecision', 'wrap'],
  ['recall', 30, 'recall.table.recall', 'wrap'], ['recallReportedAt', 17, 'recall.table.recallReportedAt', 'datetime'],
  ['recallDecision', 30, 'recall.table.recallDecision', 'wrap'], ['recallDecidedAt', 17, 'recall.table.recallDecidedAt', 'datetime'],
  ['repeatOf', 16, 'repeats.table.repeatOf'], ['revisitResult', 10], ['satisfaction', 8], ['reopenCount', 8],
];

/** A worksheet name that fits Excel's 31 characters without cutting the period off: a whole month reads "客诉跟踪 2026-03". */
export function sheetNameFor(prefix: (period: string) => string, from: string, to: string): string {
  const wholeMonth = from.endsWith('-01') && from.slice(0, 7) === to.slice(0, 7) && new Date(`${to}T00:00:00Z`).getUTCDate() === new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)), 0)).getUTCDate();
  const candidates = [
    wholeMonth ? from.slice(0, 7) : from === to ? from : `${from}~${to}`,
    `${from.replaceAll('-', '')}-${to.replaceAll('-', '')}`,
    `${from.slice(2).replaceAll('-', '')}-${to.slice(2).replaceAll('-', '')}`,
  ];
  const clean = (s: string) => s.replace(/[\\/?*[\]:]/g, ' ');
  for (const period of candidates) {
    const name = clean(prefix(period));
    if (name.length <= SHEET_NAME_MAX) return name;
  }
  // A prefix too long for any form: the period alone names the sheet.
  return clean(candidates[2]!);
}

export function buildTrackingTable(rows: readonly TrackingRow[], ctx: TableContext): TrackingTable {
  const tr = translator();
  const t = (key: string, params?: Record<string, unknown>) => tr.t(ctx.locale, key, params);
  const col = ([key, width, label = `export.${key}`, type]: ColumnSpec): TableColumn => ({
    key,
    header: t(label),
    width,
    ...(type === 'datetime' ? { type } : type === 'wrap' ? { wrap: true } : {}),
  });
  const yesNo = (b: boolean) => (b ? t('export.yes') : t('export.no'));
  const overdue = (d: Deadline | undefined) =>
    d ? d.breachedAt !== undefined || (d.earlierBreaches ?? 0) > 0 || (!d.metAt && !d.cancelledAt && d.dueAt < ctx.now) : false;
  const columns: TableColumn[] = [
    ...LEADING.map(col),
    ...KINDS.flatMap((k): TableColumn[] => {
      const deadline = t(`deadline.${k}`);
      return [
        { key: `${k}Due`, header: t('export.due', { deadline }), width: 17, type: 'datetime' },
        { key: `${k}Met`, header: t('export.met', { deadline }), width: 17, type: 'datetime' },
        { key: `${k}Overdue`, header: t('export.breached', { deadline }), width: 8 },
        { key: `${k}BreachedAt`, header: t('report.breachedAt', { deadline }), width: 17, type: 'datetime' },
      ];
    }),
    ...TRAILING.map(col),
  ];
  const out = rows.map(({ state, revisitOutcome, firstResponses = [], showContact }) => {
    const c = state.complaint;
    const claim = state.approvals.filter((a) => a.kind === 'claim' && a.status !== 'superseded').sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime()).at(-1);
    const tier = claim
      ? t('report.tier', { role: ctx.directory.roleName(claim.requiredRole, ctx.locale), step: Math.min(stepOf(claim), chainOf(claim).length - 1) + 1, steps: chainOf(claim).length })
      : null;
    const row: Record<string, Cell> = {
      number: c.number,
      receivedAt: c.receivedAt,
      title: c.title,
      customer: [c.customer.name, c.customer.company].filter(Boolean).join(' · '),
      contact: c.customer.contact ? (showContact ? c.customer.contact : maskContact(c.customer.contact)) : null,
      category: ctx.directory.categoryName(c.category, ctx.locale),
      grade: t(`grade.${c.grade}`),
      urgent: yesNo(c.urgent),
      department: ctx.directory.departmentName(c.department, ctx.locale),
      handler: c.handlerId ? ctx.directory.displayName(c.handlerId, ctx.locale) : null,
      status: t(`status.${c.status}`),
      firstResponses: firstResponses.length
        ? firstResponses.map((r) => `${formatDateTime(r.at, ctx.timeZone)} ${r.text}`).join('\n')
        : (c.firstResponse ?? null),
      eightDDate: state.deadlines.find((d) => d.kind === 'eightD')?.metAt ?? null,
      d4RootCause: c.eightD?.d4RootCause ?? null,
      d5Corrective: c.eightD?.d5Corrective ?? null,
      resolution: c.resolution ? `${c.resolution.kinds.map((k) => t(`resolutionKind.${k}`)).join(', ')}: ${c.resolution.summary}` : null,
      claimAmount: c.claim ? c.claim.amountMinor / 100 : null,
      claimCurrency: c.claim?.currency ?? null,
      claimApproval: claim ? t(`approvalStatus.${claim.status}`) : null,
      // The step it waits on when pending; the last step reached when decided.
      claimTier: tier,
      rejection: c.rejection ? t(`rejectReason.${c.rejection.reason}`) : null,
      rejectionNote: c.rejection?.note || null,
      gmDecision: c.gmDecision ?? null,
      ...recallCells(c, t),
      // Earlier complaints confirmed as the same problem (repeat detection).
      repeatOf: c.repeats?.filter((r) => r.status === 'confirmed').map((r) => r.number).join(', ') || null,
      revisitResult: revisitOutcome ? t(`revisitOutcome.${revisitOutcome}`) : null,
      satisfaction: c.satisfaction ?? null,
      reopenCount: c.reopenCount,
    };
    for (const k of KINDS) {
      const d = state.deadlines.find((x) => x.kind === k && !x.cancelledAt) ?? state.deadlines.find((x) => x.kind === k);
      row[`${k}Due`] = d && !d.cancelledAt ? d.dueAt : null;
      row[`${k}Met`] = d?.metAt ?? null;
      row[`${k}Overdue`] = d ? yesNo(overdue(d)) : null;
      row[`${k}BreachedAt`] = d?.breachedAt ?? null;
    }
    return row;
  });
  return { title: ctx.title, sheetName: ctx.sheetName, timeZone: ctx.timeZone, columns, rows: out };
}
