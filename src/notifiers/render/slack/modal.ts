/**
 * Block Kit modals from the neutral form views: one input block per field, `block_id` and `action_id`
 * equal to the field name (so `response_action: errors` lands beside the right field), values carried
 * back in `view.state`, and what the form is about in `private_metadata`. Labels, options and initial
 * values are plain_text (shown literally, never escaped: an input's initial value is what the person
 * edits); the few mrkdwn texts (long title, refusal, notice) are built as `Mrkdwn`.
 */
import type { InputBlock, KnownBlock, ModalView, Option, PlainTextOption } from '@slack/types';
import type { FormField, FormView } from '../../views/types.ts';
import { fit, SLACK_LIMITS as L } from './limits.ts';
import { md, mrkdwn, mrkdwnText } from './mrkdwn.ts';

/** `kesu:form:<form id>` */
export const FORM_CALLBACK_PREFIX = 'kesu:form:';

export interface ModalMetadata {
  /** The complaint an action form is about. */
  complaint?: string;
  /** The filing form's idempotency key. */
  sourceKey?: string;
  /** Where the command was typed, for the confirmation. */
  channel?: string;
}

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: fit(text, max), emoji: true });

function option(o: { value: string; label: string }): PlainTextOption {
  return { text: plain(o.label, L.optionText), value: o.value.slice(0, L.optionValue) };
}

/** A local 'YYYY-MM-DD HH:mm' or ISO value as unix seconds, given the org's offset is in the text or not needed. */
function unixSeconds(value: string, toDate: (s: string) => Date | undefined): number | undefined {
  const d = toDate(value);
  return d ? Math.floor(d.getTime() / 1000) : undefined;
}

function element(field: FormField, toDate: (s: string) => Date | undefined): InputBlock['element'] {
  const initial = typeof field.initial === 'string' ? field.initial : undefined;
  const action_id = field.name;
  const placeholder = field.placeholder ? { placeholder: plain(field.placeholder, L.placeholder) } : {};
  const options = (field.options ?? []).slice(0, L.options).map(option);
  switch (field.kind) {
    case 'select':
    case 'person': {
      if (!options.length) break; // Slack refuses a select with no options: free text, validated on submit
      const selected = options.find((o) => o.value === initial);
      return { type: 'static_select', action_id, options, ...placeholder, ...(selected ? { initial_option: selected } : {}) };
    }
    case 'multiselect': {
      const initials = Array.isArray(field.initial) ? field.initial : [];
      const chosen = options.filter((o) => initials.includes(o.value ?? ''));
      return { type: 'multi_static_select', action_id, options, ...placeholder, ...(chosen.length ? { initial_options: chosen } : {}) };
    }
    case 'checkbox': {
      const only: Option = { text: plain(field.label, L.optionText), value: 'true' };
      return { type: 'checkboxes', action_id, options: [only], ...(field.initial === true ? { initial_options: [only] } : {}) };
    }
    case 'number':
      return { type: 'number_input', action_id, is_decimal_allowed: false, ...placeholder, ...(initial ? { initial_value: initial } : {}) };
    case 'date':
      return { type: 'datepicker', action_id, ...(initial ? { initial_date: initial } : {}) };
    case 'datetime': {
      const at = initial ? unixSeconds(initial, toDate) : undefined;
      return { type: 'datetimepicker', action_id, ...(at ? { initial_date_time: at } : {}) };
    }
    default:
      break;
  }
  const max = Math.min(field.maxLength ?? L.plainTextInputMax, L.plainTextInputMax);
  return {
    type: 'plain_text_input',
    action_id,
    multiline: field.kind === 'textarea',
    max_length: max,
    ...placeholder,
    ...(initial ? { initial_value: fit(initial, max) } : {}),
  };
}

export interface ModalOptions {
  metadata?: ModalMetadata;
  /** Why the last submission was refused when no single field is to blame. */
  error?: string;
  /** Parses a view's local time text (for datetime pickers' initial values). */
  toDate?: (text: string) => Date | undefined;
}

export function formModal(view: FormView, opts: ModalOptions = {}): ModalView {
  const toDate = opts.toDate ?? ((s: string) => (Number.isNaN(Date.parse(s)) ? undefined : new Date(s)));
  const blocks: KnownBlock[] = [];
  const titleFits = [...view.title].length <= L.modalTitle;
  if (!titleFits) blocks.push({ type: 'section', text: mrkdwnText(md`*${mrkdwn(view.title, 300)}*`) });
  if (opts.error) blocks.push({ type: 'section', block_id: 'kesu:error', text: mrkdwnText(md`:warning: ${mrkdwn(opts.error, L.sectionText - 20)}`) });
  if (view.notice) blocks.push({ type: 'context', elements: [mrkdwnText(mrkdwn(view.notice, L.sectionText))] });
  for (const field of view.fields) {
    const input: InputBlock = {
      type: 'input',
      block_id: field.name,
      label: plain(field.label, L.inputLabel),
      optional: !field.required,
      element: element(field, toDate),
    };
    if (field.help) input.hint = plain(field.help, L.inputHint);
    blocks.push(input);
  }
  const metadata = JSON.stringify(opts.metadata ?? {});
  return {
    type: 'modal',
    callback_id: `${FORM_CALLBACK_PREFIX}${view.id}`,
    title: plain(titleFits ? view.title : view.shortTitle, L.modalTitle),
    submit: plain(view.submitLabel, L.modalButton),
    close: plain(view.closeLabel, L.modalButton),
    private_metadata: metadata.length <= L.privateMetadata ? metadata : '{}',
    blocks: blocks.slice(0, L.modalBlocks),
  };
}

/** `response_action: errors` for the fields a refusal names (block ids are field names). */
export function modalErrors(view: FormView): Record<string, string> {
  return Object.fromEntries(Object.entries(view.errors ?? {}).map(([name, message]) => [name, fit(message, 150)]));
}

/**
 * What a submitted form did, shown in place of the form (`response_action: update`): the person reads
 * the confirmation where they acted, and a repeated delivery of the same submission shows it again
 * instead of sending another message.
 */
export function doneModal(title: string, text: string, closeLabel: string): ModalView {
  return {
    type: 'modal',
    callback_id: 'kesu:done',
    title: plain(title, L.modalTitle),
    close: plain(closeLabel, L.modalButton),
    blocks: [{ type: 'section', block_id: 'kesu:done', text: mrkdwnText(md`:white_check_mark: ${mrkdwn(text, L.sectionText - 20)}`) }],
  };
}
