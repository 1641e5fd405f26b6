/**
 * HTML forms from the neutral form views: one control per field (same names as the input schemas),
 * each error beside its field (aria-invalid + aria-describedby), the overall reason above. The
 * browser does not validate (`novalidate`): the server's localized, field-level errors are the truth.
 * Text has no `maxlength` (the browser would cut a paste silently): a counter "n / max" shows near
 * the limit and the server refuses longer text beside the field.
 */
import type { FormField, FormView } from '../views/types.ts';
import { escapeHtml, multiline } from './html.ts';

export interface FormRenderOptions {
  /** Why the last submission was refused, when it was not (only) a field problem. */
  error?: string;
  /** Hidden values sent back with the form (idempotency key). */
  hidden?: Record<string, string>;
}

const isSelected = (field: FormField, value: string) =>
  Array.isArray(field.initial) ? field.initial.includes(value) : field.initial === value;

/** `YYYY-MM-DD HH:mm` (how views print times) as a datetime-local value. */
const asDatetimeLocal = (v: string) => v.replace(' ', 'T');

function control(field: FormField, describedBy: string): string {
  const name = escapeHtml(field.name);
  const common = ` id="f-${name}" name="${name}"${field.required ? ' aria-required="true"' : ''}${describedBy}`;
  const initial = typeof field.initial === 'string' ? field.initial : '';
  const placeholder = field.placeholder ? ` placeholder="${escapeHtml(field.placeholder)}"` : '';
  const max = field.maxLength ? ` data-max="${field.maxLength}"` : '';
  switch (field.kind) {
    case 'textarea':
      return `<textarea${common}${placeholder}${max} rows="3">${escapeHtml(initial)}</textarea>`;
    case 'select':
    case 'person': {
      if (!field.options) return `<input type="text"${common}${placeholder}${max} value="${escapeHtml(initial)}">`;
      const blank = field.initial === undefined ? `<option value=""></option>` : field.required ? '' : `<option value=""></option>`;
      const options = field.options
        .map((o) => `<option value="${escapeHtml(o.value)}"${isSelected(field, o.value) ? ' selected' : ''}>${escapeHtml(o.label)}</option>`)
        .join('');
      return `<select${common}>${blank}${options}</select>`;
    }
    case 'multiselect':
      return (
        `<div class="choices" role="group"${describedBy} data-multi="${name}">` +
        (field.options ?? [])
          .map(
            (o) =>
              `<label class="choice"><input type="checkbox" name="${name}" value="${escapeHtml(o.value)}"${isSelected(field, o.value) ? ' checked' : ''}> ${escapeHtml(o.label)}</label>`,
          )
          .join('') +
        `</div>`
      );
    case 'checkbox':
      return `<input type="checkbox"${common} value="true"${field.initial === true ? ' checked' : ''}>`;
    case 'number':
      return `<input type="text" inputmode="numeric"${common}${placeholder} value="${escapeHtml(initial)}">`;
    case 'date':
      return `<input type="date"${common} value="${escapeHtml(initial)}">`;
    case 'datetime':
      return `<input type="datetime-local"${common} value="${escapeHtml(asDatetimeLocal(initial))}">`;
    default:
      return `<input type="text"${common}${placeholder}${max} value="${escapeHtml(initial)}">`;
  }
}

/** Shown from this share of the limit on; the page keeps it current as the person types. */
export const COUNTER_FROM = 0.8;

const counted = (field: FormField) => !!field.maxLength && (field.kind === 'text' || field.kind === 'textarea' || (field.kind === 'person' && !field.options));

/** "n / max", counted as the server counts (UTF-16 units, one per Chinese character). */
function counter(field: FormField): string {
  const length = typeof field.initial === 'string' ? field.initial.length : 0;
  const max = field.maxLength!;
  const hidden = length < max * COUNTER_FROM ? ' hidden' : '';
  return `<p class="counter${length > max ? ' over' : ''}" id="count-${escapeHtml(field.name)}" data-counter="${escapeHtml(field.name)}"${hidden}>${length} / ${max}</p>`;
}

function fieldHtml(field: FormField, error: string | undefined): string {
  const name = escapeHtml(field.name);
  const ids = [field.help ? `help-${name}` : '', counted(field) ? `count-${name}` : '', error ? `err-${name}` : ''].filter(Boolean).join(' ');
  const describedBy = (ids ? ` aria-describedby="${ids}"` : '') + (error ? ' aria-invalid="true"' : '');
  const label = `${escapeHtml(field.label)}${field.required ? ' <span class="req" aria-hidden="true">*</span>' : ''}`;
  const inline = field.kind === 'checkbox';
  return (
    `<div class="form-field${error ? ' invalid' : ''}${inline ? ' inline' : ''}" data-field="${name}">` +
    (inline ? `${control(field, describedBy)}<label for="f-${name}">${label}</label>` : `<label for="f-${name}">${label}</label>${control(field, describedBy)}`) +
    (field.help ? `<p class="help" id="help-${name}">${escapeHtml(field.help)}</p>` : '') +
    (counted(field) ? counter(field) : '') +
    (error ? `<p class="field-error" id="err-${name}" role="alert">${escapeHtml(error)}</p>` : '') +
    `</div>`
  );
}

export function renderForm(view: FormView, opts: FormRenderOptions = {}): string {
  const hidden = Object.entries(opts.hidden ?? {})
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const complaint = view.complaintId ? ` data-complaint="${escapeHtml(view.complaintId)}"` : '';
  return (
    `<form class="kform" data-form="${view.id}"${complaint} novalidate>` +
    `<h2>${escapeHtml(view.title)}</h2>` +
    (opts.error ? `<div class="form-error" role="alert">${multiline(opts.error)}</div>` : '') +
    (view.notice ? `<p class="notice">${multiline(view.notice)}</p>` : '') +
    hidden +
    view.fields.map((f) => fieldHtml(f, view.errors?.[f.name])).join('') +
    `<div class="form-buttons"><button type="button" class="btn" data-close>${escapeHtml(view.closeLabel)}</button>` +
    `<button type="submit" class="btn primary">${escapeHtml(view.submitLabel)}</button></div>` +
    `</form>`
  );
}
