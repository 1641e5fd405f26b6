/** Form views for filing and for every action with input; errors localized beside their fields. */
import { translator, fieldMessage } from '../i18n/index.ts';
import { FORM_SPECS, LIST_FIELDS, type FieldSpec, type FormContext, type Initial } from './form-specs.ts';
import { formatDate, formatDateTime } from './time.ts';
import type { FormField, FormId, FormView } from './types.ts';

export { FORM_SPECS, HIDDEN_INPUT_KEYS, LIST_FIELDS, type FormContext } from './form-specs.ts';

const TRUE_WORDS = ['true', '1', 'yes', 'on', 'y'];

/** A submitted or stored value as a form's initial value for a field of this kind. */
function asInitial(v: unknown, field: Pick<FormField, 'kind'>, ctx: FormContext): Initial {
  if (v === undefined || v === null) return undefined;
  switch (field.kind) {
    case 'checkbox':
      return typeof v === 'boolean' ? v : TRUE_WORDS.includes(String(v).toLowerCase());
    case 'multiselect':
      if (Array.isArray(v)) return v.map(String);
      return typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
    default:
      if (v instanceof Date) return field.kind === 'date' ? formatDate(v, ctx.timeZone) : formatDateTime(v, ctx.timeZone);
      if (Array.isArray(v)) return v.map(String).join(', ');
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  }
}

function buildField(id: FormId, spec: FieldSpec, ctx: FormContext): FormField {
  const tr = translator();
  const text = (part: 'label' | 'placeholder' | 'help') => tr.t(ctx.locale, `forms.${id}.fields.${spec.name}.${part}`);
  const field: FormField = {
    name: spec.name,
    kind: spec.kind,
    label: text('label'),
    required: typeof spec.required === 'function' ? spec.required(ctx) : (spec.required ?? false),
  };
  const placeholder = text('placeholder');
  const help = text('help');
  if (placeholder) field.placeholder = placeholder;
  if (help) field.help = help;
  if (spec.maxLength !== undefined) field.maxLength = spec.maxLength;

  if (spec.enumOf) {
    const values = typeof spec.enumOf.values === 'function' ? spec.enumOf.values(ctx) : spec.enumOf.values;
    field.options = values.map((value) => ({ value, label: tr.t(ctx.locale, `${spec.enumOf!.labels}.${value}`) }));
  } else if (spec.options) {
    const options = spec.options(ctx);
    if (options) field.options = options.map((o) => ({ ...o }));
    else if (field.kind === 'select') field.kind = 'text'; // nothing to choose from: free text, validated by the schema
  }

  const submitted = ctx.values && Object.hasOwn(ctx.values, spec.name);
  const initial = submitted ? asInitial(ctx.values![spec.name], field, ctx) : asInitial(spec.initial?.(ctx), field, ctx);
  if (initial !== undefined && initial !== '') field.initial = initial;
  return field;
}

/**
 * The form `id`, with every field of its input schema (same names), current values and localized errors.
 * Issues on fields the form does not show (or on the whole input) become the notice.
 */
export function buildForm(id: FormId, ctx: FormContext): FormView {
  const tr = translator();
  const number = ctx.complaint?.complaint.number ?? '';
  const fields = FORM_SPECS[id].map((spec) => buildField(id, spec, ctx));
  const view: FormView = {
    id,
    title: tr.t(ctx.locale, `forms.${id}.title`, { number }).trim(),
    shortTitle: id === 'file' ? tr.t(ctx.locale, 'forms.file.title') : tr.t(ctx.locale, `action.${id}`),
    submitLabel: tr.t(ctx.locale, `forms.${id}.submit`),
    closeLabel: tr.t(ctx.locale, 'forms.common.close'),
    fields,
  };
  if (ctx.complaint) view.complaintId = ctx.complaint.complaint.id;

  const names = new Set(fields.map((f) => f.name));
  const errors: Record<string, string> = {};
  const stray: string[] = [];
  for (const issue of ctx.errors ?? []) {
    const name = issue.field.split('.')[0] ?? issue.field;
    const message = fieldMessage(issue, ctx.locale, { listFields: LIST_FIELDS });
    if (names.has(name)) errors[name] ??= message;
    else stray.push(message);
  }
  if (Object.keys(errors).length) view.errors = errors;
  const notice = stray.length ? stray.join(' ') : tr.t(ctx.locale, `forms.${id}.notice`);
  if (notice) view.notice = notice;
  return view;
}
