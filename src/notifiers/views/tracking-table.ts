/**
 * The complaint tracking table (《客户抱怨处理跟踪表》, seed 001): one row per complaint with its latest
 * state, in the reader's language and the organisation's time zone. Customer contact is masked unless
 * the reader may see it (DESIGN.md §8). Renderers turn it into .xlsx and CSV.
 */
import type { DeadlineKind, Locale } from '../../config/schema.ts';
import type { ComplaintState } from '../../workflows/model.ts';
import { translator } from '../i18n/index.ts';
import { maskContact } from './mask.ts';
import { formatDateTime } from './time.ts';
import type { ViewDirectory } from './types.ts';

export type Cell = string | number | null;

export interface TableColumn {
  key: string;
  header: string;
  /** Characters, for the spreadsheet's column width. */
  width: number;
}

export interface TrackingTable {
  title: string;
  columns: TableColumn[];
  rows: Record<string, Cell>[];
}

export interface TrackingRow {
  state: ComplaintState;
  /** The last revisit's outcome, from the timeline. */
  revisitOutcome?: 'satisfied' | 'unsatisfied' | 'unreachable';
  /** May the reader see this customer's contact? */
  showContact: boolean;
}

export interface TableContext {
  locale: Locale;
  timeZone: string;
  directory: ViewDirectory;
  title: string;
}

const KINDS: readonly DeadlineKind[] = ['response', 'containment', 'eightD', 'revisit'];

/** Column key, width in characters, and the header's text key under `export.` when it differs from the key. */
type ColumnSpec = readonly [key: string, width: number, label?: string];
const LEADING: readonly ColumnSpec[] = [
  ['number', 14], ['receivedAt', 17], ['title', 30, 'subject'], ['customer', 24], ['contact', 18], ['category', 12],
  ['grade', 10], ['urgent', 6], ['department', 10], ['handler', 10], ['status', 12],
];
/** After each deadline's due / met / breached columns. */
const TRAILING: readonly ColumnSpec[] = [
  ['eightDDate', 17], ['resolution', 30], ['claimAmount', 12], ['claimCurrency', 8], ['revisitResult', 10], ['satisfaction', 8], ['reopenCount', 8],
];

export function buildTrackingTable(rows: readonly TrackingRow[], ctx: TableContext): TrackingTable {
  const tr = translator();
  const t = (key: string, params?: Record<string, unknown>) => tr.t(ctx.locale, key, params);
  const when = (d: Date | undefined) => (d ? formatDateTime(d, ctx.timeZone) : null);
  const col = ([key, width, label = key]: ColumnSpec): TableColumn => ({ key, header: t(`export.${label}`), width });
  const columns: TableColumn[] = [
    ...LEADING.map(col),
    ...KINDS.flatMap((k) => {
      const deadline = t(`deadline.${k}`);
      return (['due', 'met', 'breached'] as const).map((part) => ({ key: `${k}${part[0]!.toUpperCase()}${part.slice(1)}`, header: t(`export.${part}`, { deadline }), width: 17 }));
    }),
    ...TRAILING.map(col),
  ];
  const out = rows.map(({ state, revisitOutcome, showContact }) => {
    const c = state.complaint;
    const row: Record<string, Cell> = {
      number: c.number,
      receivedAt: when(c.receivedAt),
      title: c.title,
      customer: [c.customer.name, c.customer.company].filter(Boolean).join(' · '),
      contact: c.customer.contact ? (showContact ? c.customer.contact : maskContact(c.customer.contact)) : null,
      category: ctx.directory.categoryName(c.category, ctx.locale),
      grade: t(`grade.${c.grade}`),
      urgent: c.urgent ? t('export.yes') : t('export.no'),
      department: ctx.directory.departmentName(c.department, ctx.locale),
      handler: c.handlerId ? ctx.directory.displayName(c.handlerId, ctx.locale) : null,
      status: t(`status.${c.status}`),
      eightDDate: when(state.deadlines.find((d) => d.kind === 'eightD')?.metAt),
      resolution: c.resolution ? `${c.resolution.kinds.map((k) => t(`resolutionKind.${k}`)).join(', ')}: ${c.resolution.summary}` : null,
      claimAmount: c.claim ? c.claim.amountMinor / 100 : null,
      claimCurrency: c.claim?.currency ?? null,
      revisitResult: revisitOutcome ? t(`revisitOutcome.${revisitOutcome}`) : null,
      satisfaction: c.satisfaction ?? null,
      reopenCount: c.reopenCount,
    };
    for (const k of KINDS) {
      const d = state.deadlines.find((x) => x.kind === k && !x.cancelledAt);
      row[`${k}Due`] = when(d?.dueAt);
      row[`${k}Met`] = when(d?.metAt);
      row[`${k}Breached`] = when(d?.breachedAt);
    }
    return row;
  });
  return { title: ctx.title, columns, rows: out };
}
