/**
 * Feishu form cards (card JSON 2.0 `form` container) from the neutral form views: one component per
 * field, named as the input schema's field, values coming back in the callback's `form_value`. Feishu
 * has no per-field errors, so each error is written in red under its field and the reason on top. The
 * card fits Feishu's limits by construction: an input's default within its `max_length`, and choices
 * cut evenly (the chosen ones kept) until the card is under 200 components and the byte budget.
 */
import type { FormField, FormOption, FormView } from '../../views/types.ts';
import { fit, fits, FEISHU_LIMITS as L } from './limits.ts';
import type { FeishuCard } from './card.ts';

/** The submit button's callback value. */
export interface FormValue {
  kesu: 'form';
  form: string;
  complaint?: string;
  sourceKey?: string;
}

const plain = (content: string) => ({ tag: 'plain_text', content });
const red = (content: string) => ({ tag: 'div', text: { tag: 'plain_text', content: fit(content, 1000), text_color: 'red', text_size: 'notation' } });

/** At most `max` of the options, the chosen ones among them (in their places when they fit, else last). */
function offered(options: readonly FormOption[], max: number, chosen: readonly string[]): FormOption[] {
  if (options.length <= max) return [...options];
  const kept = options.filter((o) => chosen.includes(o.value)).slice(0, max);
  const rest = options.filter((o) => !chosen.includes(o.value)).slice(0, max - kept.length);
  return options.filter((o) => kept.includes(o) || rest.includes(o));
}

function component(field: FormField, maxOptions: number): Record<string, unknown> {
  const base = { name: field.name, required: field.required, width: 'fill' };
  const label = { label: plain(field.label), label_position: 'top' };
  const initial = typeof field.initial === 'string' ? field.initial : undefined;
  const chosen = Array.isArray(field.initial) ? field.initial : initial ? [initial] : [];
  const placeholder = field.placeholder ? { placeholder: plain(fit(field.placeholder, 100)) } : {};
  const all = offered(field.options ?? [], maxOptions, chosen);
  const options = all.map((o) => ({ text: plain(fit(o.label, L.optionText)), value: o.value }));
  const isOption = (v: string) => all.some((o) => o.value === v);
  switch (field.kind) {
    case 'select':
    case 'person':
      if (!field.options) break;
      return { tag: 'select_static', ...base, ...placeholder, options, ...(initial && isOption(initial) ? { initial_option: initial } : {}) };
    case 'multiselect':
      return { tag: 'multi_select_static', ...base, ...placeholder, options, selected_values: chosen.filter(isOption) };
    case 'checkbox':
      return { tag: 'checker', name: field.name, checked: field.initial === true, text: plain(field.label) };
    case 'date':
      return { tag: 'date_picker', ...base, ...(initial ? { initial_date: initial } : {}) };
    case 'datetime':
      return { tag: 'picker_datetime', ...base, ...(initial ? { initial_datetime: initial } : {}) };
    default:
      break;
  }
  const maxLength = Math.min(field.maxLength ?? L.inputMaxLength, L.inputMaxLength);
  return {
    tag: 'input',
    ...base,
    ...label,
    ...placeholder,
    ...(field.kind === 'textarea' ? { input_type: 'multiline_text', rows: 3, auto_resize: true } : {}),
    max_length: maxLength,
    // A value typed too long comes back (with its error) cut to what the field takes: Feishu refuses a longer default.
    ...(initial ? { default_value: fit(initial, maxLength) } : {}),
  };
}

function build(view: FormView, opts: { value: Omit<FormValue, 'kesu' | 'form'>; error?: string }, maxOptions: number): FeishuCard {
  const fields = view.fields.flatMap((f) => {
    const labelled = ['select', 'person', 'multiselect', 'date', 'datetime'].includes(f.kind) && (f.kind !== 'select' || f.options);
    const out: unknown[] = labelled ? [{ tag: 'div', text: plain(`${f.label}${f.required ? ' *' : ''}`) }, component(f, maxOptions)] : [component(f, maxOptions)];
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
    config: { update_multi: true }, // the only value card JSON 2.0 supports
    header: { title: plain(fit(view.title, L.headerTitle)), template: opts.error ? 'red' : 'blue' },
    body: {
      elements: [
        ...(opts.error ? [red(opts.error)] : []),
        ...(view.notice ? [{ tag: 'div', text: { tag: 'plain_text', content: fit(view.notice, 1000), text_size: 'notation', text_color: 'grey' } }] : []),
        { tag: 'form', name: `kesu_${view.id}`, elements: [...fields, submit] },
      ],
    },
  };
}

export function formCard(view: FormView, opts: { value: Omit<FormValue, 'kesu' | 'form'>; error?: string }): FeishuCard {
  const whole = build(view, opts, L.selectOptions);
  if (fits(whole)) return whole;
  // The most choices per field that still fit (fitting only gets easier with fewer).
  let [low, high] = [1, L.selectOptions - 1];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(build(view, opts, mid))) low = mid;
    else high = mid - 1;
  }
  return build(view, opts, low);
}
