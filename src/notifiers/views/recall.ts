/** A recall on the complaint card and in the timeline (seed 001 §6.9): what was reported, and the GM's decision. */
import type { Complaint, RecallDecision } from '../../workflows/model.ts';
import { translator } from '../i18n/index.ts';
import type { CardField, ViewContext } from './types.ts';

type T = (key: string, params?: Record<string, unknown>) => string;

/** "Safety function: batches 2403, 2404 · PO-88 · 1,200 pcs" — the report's facts in one line. */
function reportText(r: NonNullable<Complaint['recall']>, t: T): string {
  const sep = t('recall.card.separator');
  const what = [r.batches, r.orders, r.quantity !== undefined ? t('recall.card.pieces', { n: r.quantity }) : undefined].filter(Boolean).join(sep);
  return t('recall.card.reportedValue', { severity: t(`recallSeverity.${r.severity}`), what });
}

/** "Recall: batch 2403 · 1,200 pcs · customers told: …", or "No recall: …". */
function decisionText(d: RecallDecision, t: T): string {
  if (d.outcome !== 'recall') return t('recall.card.noRecallValue', { reason: d.reason ?? '' });
  const parts = [t('recall.card.recallValue', { scope: d.scope ?? '' }), d.quantity !== undefined ? t('recall.card.pieces', { n: d.quantity }) : undefined, d.customers ? t('recall.card.customers', { customers: d.customers }) : undefined];
  return parts.filter(Boolean).join(t('recall.card.separator'));
}

/** The card's recall fields: the report while it waits, then the decision with the scope or the reason. */
export function recallFields(c: Pick<Complaint, 'recall'>, ctx: ViewContext): CardField[] {
  const r = c.recall;
  if (!r) return [];
  const tr = translator();
  const t = (key: string, params?: Record<string, unknown>) => tr.t(ctx.locale, key, params);
  const sep = t('recall.card.separator');
  const by = t('recall.card.reportedBy', { by: ctx.directory.displayName(r.reportedBy, ctx.locale) });
  const reported = { label: t('recall.card.reported'), value: [reportText(r, t), by, r.decision ? undefined : t('recall.card.waiting')].filter(Boolean).join(sep), short: false };
  if (!r.decision) return [reported];
  return [reported, { label: t('recall.card.decided'), value: decisionText(r.decision, t), short: false }];
}


/** Timeline lines of `recall_reported`. */
export function recallReportedLines(d: Record<string, unknown>, t: T, label: (ns: string, v: unknown) => string): string[] {
  return [
    t('recall.timeline.reported', { severity: label('recallSeverity', d.severity), batches: String(d.batches ?? '') }),
    ...(d.orders ? [t('recall.timeline.orders', { orders: String(d.orders) })] : []),
    ...(typeof d.quantity === 'number' ? [t('recall.timeline.pieces', { n: d.quantity })] : []),
    ...(d.note ? [t('timeline.event.note', { note: String(d.note) })] : []),
  ];
}

/** Timeline lines of `recall_decided`. */
export function recallDecidedLines(d: Record<string, unknown>, t: T): string[] {
  if (d.outcome !== 'recall') return [t('recall.timeline.decidedNoRecall', { reason: String(d.reason ?? '') })];
  return [
    t('recall.timeline.decidedRecall', { scope: String(d.scope ?? '') }),
    ...(typeof d.quantity === 'number' ? [t('recall.timeline.pieces', { n: d.quantity })] : []),
    ...(d.customers ? [t('recall.timeline.customers', { customers: String(d.customers) })] : []),
  ];
}

/** The tracking table's recall columns (seed 001 §5.4 with §6.9): the report, when, the decision, when. */
export function recallCells(c: Pick<Complaint, 'recall'>, t: T): { recall: string | null; recallReportedAt: Date | null; recallDecision: string | null; recallDecidedAt: Date | null } {
  const r = c.recall;
  if (!r) return { recall: null, recallReportedAt: null, recallDecision: null, recallDecidedAt: null };
  const d = r.decision;
  return { recall: reportText(r, t), recallReportedAt: new Date(r.reportedAt), recallDecision: d ? decisionText(d, t) : t('recall.card.waiting'), recallDecidedAt: d ? new Date(d.at) : null };
}
