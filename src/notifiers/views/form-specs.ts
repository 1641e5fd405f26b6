/**
 * The fields of every form, in display order: the same names, required flags and length limits as the
 * input schemas in src/workflows/inputs.ts (a unit test compares them). Texts come from `forms.<id>.fields.<name>`.
 */
import { LIMITS } from '../../workflows/inputs.ts';
import {
  APPROVAL_KINDS,
  DEMANDS,
  GRADES,
  INTAKE_CHANNELS,
  RECALL_OUTCOMES,
  RECALL_SEVERITIES,
  REGIONS,
  REJECT_REASONS,
  RESOLUTION_KINDS,
  REVISIT_OUTCOMES,
  SENT_VIA,
  CONTACT_FORM_WHAT,
  type ComplaintState,
} from '../../workflows/model.ts';
import type { FieldIssue } from '../../errors.ts';
import { formatMinorUnits } from './money.ts';
import type { FormFieldKind, FormId, FormOption, ViewContext } from './types.ts';

export interface FormContext extends ViewContext {
  /** The complaint an action form is about (titles, current values, which options apply). */
  complaint?: ComplaintState;
  /** Values to show again (e.g. what the user typed before a validation error), by field name. */
  values?: Record<string, unknown>;
  /** Field issues from validation, localized into `FormView.errors`. */
  errors?: readonly FieldIssue[];
  categories?: FormOption[];
  departments?: FormOption[];
  /** Candidates for the handler (the department's members). */
  people?: FormOption[];
  /** Accepted currencies; without them the currency is a free text field. */
  currencies?: FormOption[];
  /** The pending approval kinds the viewer may decide now (the approval form offers those). */
  decidable?: readonly string[];
  /** The root-cause categories for the 8D's D4. */
  causeCategories?: FormOption[];
}

export type Initial = string | string[] | boolean | undefined;

export interface FieldSpec {
  name: string;
  kind: FormFieldKind;
  required?: boolean | ((ctx: FormContext) => boolean);
  maxLength?: number;
  /** Enum options: values with labels at `<labels>.<value>`. */
  enumOf?: { labels: string; values: readonly string[] | ((ctx: FormContext) => readonly string[]) };
  /** Options passed in by the caller. */
  options?: (ctx: FormContext) => FormOption[] | undefined;
  initial?: (ctx: FormContext) => Initial;
}

/** Input keys that are set by the platform, not by the person (idempotency keys). */
export const HIDDEN_INPUT_KEYS: Partial<Record<FormId, readonly string[]>> = { file: ['sourceKey'] };

/** Fields whose value is a list: too_long there means "too many items". */
export const LIST_FIELDS = ['kinds', 'rootCauseTags'] as const;

const c = (ctx: FormContext) => ctx.complaint?.complaint;
const text = (name: string, max: number, required = true): FieldSpec => ({ name, kind: 'text', required, maxLength: max });
const area = (name: string, max: number = LIMITS.text, required = true): FieldSpec => ({ name, kind: 'textarea', required, maxLength: max });
const currency = (name: string): FieldSpec => ({
  name,
  kind: 'select',
  options: (ctx) => ctx.currencies,
});

const ACTIVE_EXTENDABLE = ['response', 'containment', 'eightD'] as const;
function extendable(ctx: FormContext): readonly string[] {
  const state = ctx.complaint;
  if (!state) return ACTIVE_EXTENDABLE;
  const active = ACTIVE_EXTENDABLE.filter((k) => state.deadlines.some((d) => d.kind === k && !d.metAt && !d.cancelledAt));
  return active.length ? active : ACTIVE_EXTENDABLE;
}
/** The approvals to decide: the pending ones the viewer may decide (all pending ones when none is theirs: the decision is then refused with its reason). */
function pendingKinds(ctx: FormContext): readonly string[] {
  const kinds = ctx.complaint?.approvals.filter((a) => a.status === 'pending').map((a) => a.kind) ?? [];
  const theirs = kinds.filter((k) => ctx.decidable?.includes(k));
  const shown = theirs.length ? theirs : kinds;
  return shown.length ? [...new Set(shown)] : APPROVAL_KINDS;
}
const running = (ctx: FormContext, kind: string) => !!ctx.complaint?.deadlines.some((d) => d.kind === kind && !d.metAt && !d.cancelledAt);
function owedContact(ctx: FormContext): string {
  if (running(ctx, 'delayNotice')) return 'delay_notice';
  if (running(ctx, 'containmentReport')) return 'containment_report';
  if (running(ctx, 'firstContact')) return 'first_response';
  return 'other';
}
const gradeA = (ctx: FormContext) => !c(ctx) || c(ctx)!.grade === 'A';
const urgentContainmentDue = (ctx: FormContext) =>
  !!c(ctx)?.urgent && !!ctx.complaint?.deadlines.some((d) => d.kind === 'containment' && !d.metAt && !d.cancelledAt);

export const FORM_SPECS: Record<FormId, readonly FieldSpec[]> = {
  file: [
    text('title', LIMITS.title),
    area('description', LIMITS.description),
    { name: 'demand', kind: 'select', required: true, enumOf: { labels: 'demand', values: DEMANDS } },
    text('customerName', LIMITS.name),
    text('customerCompany', LIMITS.company, false),
    text('customerContact', LIMITS.contact, false),
    { name: 'customerRegion', kind: 'select', enumOf: { labels: 'region', values: REGIONS }, initial: () => 'domestic' },
    { name: 'intakeChannel', kind: 'select', required: true, enumOf: { labels: 'intake', values: INTAKE_CHANNELS } },
    { name: 'receivedAt', kind: 'datetime' },
    { name: 'category', kind: 'select', required: true, options: (ctx) => ctx.categories },
    // Empty: the grade follows the demand (seed 002).
    { name: 'grade', kind: 'select', enumOf: { labels: 'grade', values: GRADES } },
    area('gradeReason', LIMITS.text, false),
    { name: 'urgent', kind: 'checkbox', initial: () => false },
    text('orderNo', LIMITS.code, false),
    text('productNo', LIMITS.code, false),
    { name: 'qtyOrdered', kind: 'number' },
    { name: 'qtyShipped', kind: 'number' },
    { name: 'qtyAffected', kind: 'number' },
    { name: 'shipDate', kind: 'date' },
    // Free text, not a number input: amounts keep their two decimals exactly ("12345.50").
    { name: 'claimAmount', kind: 'text', maxLength: 16 },
    currency('claimCurrency'),
    { name: 'department', kind: 'select', options: (ctx) => ctx.departments },
  ],
  acknowledge: [
    { name: 'handlerId', kind: 'person', maxLength: LIMITS.code, options: (ctx) => ctx.people, initial: (ctx) => c(ctx)?.handlerId },
    { ...area('firstResponse'), initial: (ctx) => c(ctx)?.firstResponse },
    { ...area('containment', LIMITS.text, false), required: urgentContainmentDue, initial: (ctx) => c(ctx)?.containment },
  ],
  reassign: [
    {
      name: 'department',
      kind: 'select',
      required: true,
      options: (ctx) => ctx.departments?.filter((d) => d.value !== c(ctx)?.department),
    },
    area('reason'),
  ],
  extend: [
    {
      name: 'deadline',
      kind: 'select',
      enumOf: { labels: 'deadline', values: extendable },
      initial: (ctx) => (extendable(ctx).includes('eightD') ? 'eightD' : extendable(ctx)[0]),
    },
    { name: 'newDueAt', kind: 'datetime', required: true },
    area('reason'),
  ],
  submit_8d: [
    { ...area('d1Team'), initial: (ctx) => c(ctx)?.eightD?.d1Team },
    { ...area('d2Problem'), initial: (ctx) => c(ctx)?.eightD?.d2Problem ?? c(ctx)?.description },
    { ...area('d3Containment'), initial: (ctx) => c(ctx)?.eightD?.d3Containment ?? c(ctx)?.containment },
    { ...area('d4RootCause'), initial: (ctx) => c(ctx)?.eightD?.d4RootCause },
    { name: 'causeCategory', kind: 'select', options: (ctx) => ctx.causeCategories, initial: (ctx) => c(ctx)?.eightD?.causeCategory },
    { name: 'rootCauseTags', kind: 'text', initial: (ctx) => c(ctx)?.eightD?.rootCauseTags.join(', ') },
    { ...area('d5Corrective'), initial: (ctx) => c(ctx)?.eightD?.d5Corrective },
    { ...area('d6Verification'), initial: (ctx) => c(ctx)?.eightD?.d6Verification },
    { ...area('d7Prevention'), initial: (ctx) => c(ctx)?.eightD?.d7Prevention },
    { ...area('d8Closure', LIMITS.text, false), initial: (ctx) => c(ctx)?.eightD?.d8Closure || undefined },
    // Grade A only: the reply goes to the customer with the submission (B/C after the GM's approval).
    { name: 'sentVia', kind: 'select', enumOf: { labels: 'sentVia', values: SENT_VIA }, initial: (ctx) => (gradeA(ctx) ? 'email' : undefined) },
    // Other shipped batches with the same defect (seed 001 §6.9): reported to the GM with the 8D.
    area('recallBatches', LIMITS.text, false),
    area('recallOrders', LIMITS.text, false),
    { name: 'recallQuantity', kind: 'number' },
    { name: 'recallSeverity', kind: 'select', enumOf: { labels: 'recallSeverity', values: RECALL_SEVERITIES } },
    area('recallNote', LIMITS.text, false),
  ],
  approve: [
    { name: 'kind', kind: 'select', required: true, enumOf: { labels: 'approvalKind', values: pendingKinds }, initial: (ctx) => pendingKinds(ctx)[0] },
    { name: 'decision', kind: 'select', required: true, enumOf: { labels: 'approvalDecision', values: ['approve', 'decline'] } },
    area('note', LIMITS.text, false),
  ],
  resolve: [
    { name: 'kinds', kind: 'multiselect', required: true, enumOf: { labels: 'resolutionKind', values: RESOLUTION_KINDS } },
    area('summary'),
    { name: 'amount', kind: 'text', maxLength: 16 },
    currency('currency'),
    { name: 'quantity', kind: 'number' },
    // Accountability (seed 002 §4): person:role[:weight], optional.
    text('fellShort', 600, false),
    text('jointlyLiable', 600, false),
  ],
  revisit: [
    { name: 'outcome', kind: 'select', required: true, enumOf: { labels: 'revisitOutcome', values: REVISIT_OUTCOMES } },
    { name: 'score', kind: 'number' },
    area('note', LIMITS.text, false),
  ],
  gm_decide: [area('decision')],
  reject: [{ name: 'reason', kind: 'select', required: true, enumOf: { labels: 'rejectReason', values: REJECT_REASONS } }, area('note')],
  reopen: [area('reason')],
  regrade: [
    { name: 'grade', kind: 'select', enumOf: { labels: 'grade', values: GRADES }, initial: (ctx) => c(ctx)?.grade },
    { name: 'urgent', kind: 'checkbox', initial: (ctx) => c(ctx)?.urgent },
    area('note', LIMITS.text, false),
  ],
  claim: [
    { name: 'amount', kind: 'text', maxLength: 16, initial: (ctx) => (c(ctx)?.claim?.amountMinor ? formatMinorUnits(c(ctx)!.claim!.amountMinor) : undefined) },
    { ...currency('currency'), initial: (ctx) => c(ctx)?.claim?.currency },
    { name: 'quantity', kind: 'number', initial: (ctx) => (c(ctx)?.claim?.quantity === undefined ? undefined : String(c(ctx)?.claim?.quantity)) },
    area('reason'),
  ],
  contain: [{ ...area('containment'), initial: (ctx) => c(ctx)?.containment }],
  send_8d: [{ name: 'via', kind: 'select', required: true, enumOf: { labels: 'sentVia', values: SENT_VIA }, initial: () => 'email' }, area('note', LIMITS.text, false)],
  comment: [area('text')],
  link_repeat: [
    {
      name: 'candidate',
      kind: 'select',
      required: true,
      options: (ctx) => c(ctx)?.repeats?.filter((r) => r.status === 'suggested').map((r) => ({ value: r.number, label: r.number })),
      initial: (ctx) => c(ctx)?.repeats?.find((r) => r.status === 'suggested')?.number,
    },
    { name: 'decision', kind: 'select', required: true, enumOf: { labels: 'repeats.decision', values: ['confirm', 'dismiss'] } },
    area('note', LIMITS.text, false),
  ],
  recall: [
    area('batches'),
    area('orders', LIMITS.text, false),
    { name: 'quantity', kind: 'number' },
    { name: 'severity', kind: 'select', required: true, enumOf: { labels: 'recallSeverity', values: RECALL_SEVERITIES } },
    area('note', LIMITS.text, false),
  ],
  recall_decide: [
    { name: 'outcome', kind: 'select', required: true, enumOf: { labels: 'recallOutcome', values: RECALL_OUTCOMES } },
    { ...area('scope', LIMITS.text, false), initial: (ctx) => [c(ctx)?.recall?.batches, c(ctx)?.recall?.orders].filter(Boolean).join('; ') || undefined },
    { name: 'quantity', kind: 'number', initial: (ctx) => (c(ctx)?.recall?.quantity === undefined ? undefined : String(c(ctx)?.recall?.quantity)) },
    area('customers', LIMITS.text, false),
    area('reason', LIMITS.text, false),
  ],
  contact: [
    // The task the person is most likely recording: an owed delay notice first, then the containment report.
    { name: 'what', kind: 'select', required: true, enumOf: { labels: 'contactWhat', values: CONTACT_FORM_WHAT }, initial: (ctx) => owedContact(ctx) },
    { name: 'via', kind: 'select', required: true, enumOf: { labels: 'sentVia', values: SENT_VIA }, initial: () => 'phone' },
    { name: 'at', kind: 'datetime' },
    area('summary'),
    area('reason', LIMITS.text, false),
    { name: 'newDate', kind: 'datetime' },
  ],
  customer_unreachable: [area('note')],
};
