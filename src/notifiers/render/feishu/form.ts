/**
 * Feishu form cards (card JSON 2.0 `form` container) from the neutral form views: one component per
 * field, named as the input schema's field, values coming back in the callback's `form_value`. Feishu
 * has no per-field errors, so each error is written in red under its field and the reason on top.
 */
import type { FormField, FormView } from '../../views/types.ts';
import { fit, FEISHU_LIMITS as L } from './limits.ts';
import type { FeishuCard } from './card.ts';

/** The submit button's callback value. */
export interface FormValue {
  kesu: 'form';
  form: string;
  complaint?: string;
  sourceKey?: string;
}

const plain = (content: string) => ({ tag: 'plain_text', content });
const red = (content: string) => ({ tag: 'div', text: { tag: 'plain_text', content, text_color: 'red', text_size: 'notation' } });

function component(field: FormField): Record<string, unknown> {
  const base = { name: field.name, required: field.required, width: 'fill' };
  const label = { label: plain(field.label), label_position: 'top' };
  const initial = typeof field.initial === 'string' ? field.initial : undefined;
  const placeholder = field.placeholder ? { placeholder: plain(field.placeholder) } : {};
  const options = (field.options ?? []).slice(0, L.selectOptions).map((o) => ({ text: plain(fit(o.label, L.optionText)), value: o.value }));
  switch (field.kind) {
    case 'select':
    case 'person':
      if (!field.options) break;
      return { tag: 'select_static', ...base, ...placeholder, options, ...(initial ? { initial_option: initial } : {}) };
    case 'multiselect':
      return { tag: 'multi_select_static', ...base, ...placeholder, options, selected_values: Array.isArray(field.initial) ? field.initial : [] };
    case 'checkbox':
      return { tag: 'checker', name: field.name, checked: field.initial === true, text: plain(field.label) };
    case 'date':
      return { tag: 'date_picker', ...base, ...(initial ? { initial_date: initial } : {}) };
    case 'datetime':
      return { tag: 'picker_datetime', ...base, ...(initial ? { initial_datetime: initial } : {}) };
    default:
      break;
  }
  return {
    tag: 'input',
    ...base,
    ...label,
    ...placeholder,
    ...(field.kind === 'textarea' ? { input_type: 'multiline_text', rows: 3, auto_resize: true } : {}),
    max_length: Math.min(field.maxLength ?? L.inputMaxLength, L.inputMaxLength),
    ...(initial ? { default_value: fit(initial, L.inputMaxLength) } : {}),
  };
}

export function formCard(view: FormView, opts: { value: Omit<FormValue, 'kesu' | 'form'>; error?: string }): FeishuCard {
  const fields = view.fields.flatMap((f) => {
    const labelled = ['select', 'person', 'multiselect', 'date', 'datetime'].includes(f.kind) && (f.kind !== 'select' || f.options);
    const out: unknown[] = labelled ? [{ tag: 'div', text: plain(`${f.label}${f.required ? ' *' : ''}`) }, component(f)] : [component(f)];
    if (view.errors?.[f.name]) out.push(red(view.errors[f.name]!));
    return out;
  });
  const submit = {
    tag: 'button',
    name: 'submit',
    text: plain(fit(view.submitLabel, L.buttonText)),
    type: 'primary_filled',
    form_action_type: 'submit',
    behaviors: [{ type: 'callback', value: { kesu: 'form', form: view.id, ...opts.value } satisfies FormValue }],
  };
  return {
    schema: '2.0',
    config: { update_multi: false },
    header: { title: plain(fit(view.title, L.headerTitle)), template: opts.error ? 'red' : 'blue' },
    body: {
      elements: [
        ...(opts.error ? [red(opts.error)] : []),
        ...(view.notice ? [{ tag: 'div', text: { tag: 'plain_text', content: view.notice, text_size: 'notation', text_color: 'grey' } }] : []),
        { tag: 'form', name: `kesu_${view.id}`, elements: [...fields, submit] },
      ],
    },
  };
}
