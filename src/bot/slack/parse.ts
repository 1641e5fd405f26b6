/**
 * Slack payload parts parsed once, at the edge: a modal's `state.values` into the form's raw values
 * (by field name, as the input schemas expect them) and its `private_metadata`.
 */
import { z } from 'zod';
import { FORM_IDS, type FormId } from '../../notifiers/views/types.ts';
import { FORM_CALLBACK_PREFIX, type ModalMetadata } from '../../notifiers/render/slack/modal.ts';

const Option = z.object({ value: z.string() });
const StateValue = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: Option.nullish(),
  selected_options: z.array(Option).nullish(),
  selected_date: z.string().nullish(),
  selected_date_time: z.number().nullish(),
  selected_user: z.string().nullish(),
});
const StateValues = z.record(z.string(), z.record(z.string(), StateValue));

export type FormValues = Record<string, string | boolean | string[]>;

/** `view.state.values` → `{ field: value }`: block ids are field names; one element per block. */
export function formValues(raw: unknown): FormValues {
  const values: FormValues = {};
  for (const [block, actions] of Object.entries(StateValues.parse(raw ?? {}))) {
    const v = Object.values(actions)[0];
    if (!v) continue;
    switch (v.type) {
      case 'static_select':
      case 'external_select':
        values[block] = v.selected_option?.value ?? '';
        break;
      case 'multi_static_select':
        values[block] = (v.selected_options ?? []).map((o) => o.value);
        break;
      case 'checkboxes':
        values[block] = (v.selected_options ?? []).some((o) => o.value === 'true');
        break;
      case 'datepicker':
        values[block] = v.selected_date ?? '';
        break;
      case 'datetimepicker':
        values[block] = v.selected_date_time ? new Date(v.selected_date_time * 1000).toISOString().replace('.000Z', 'Z') : '';
        break;
      case 'users_select':
        values[block] = v.selected_user ?? '';
        break;
      default:
        values[block] = v.value ?? '';
    }
  }
  return values;
}

const Metadata = z.object({ complaint: z.string().optional(), sourceKey: z.string().optional(), channel: z.string().optional() });

export function modalMetadata(raw: string | undefined): ModalMetadata {
  try {
    const parsed = Metadata.safeParse(JSON.parse(raw || '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** The form a modal's callback id names, or undefined when it is not one of ours. */
export function formIdOf(callbackId: string): FormId | undefined {
  const id = callbackId.startsWith(FORM_CALLBACK_PREFIX) ? callbackId.slice(FORM_CALLBACK_PREFIX.length) : '';
  return (FORM_IDS as readonly string[]).includes(id) ? (id as FormId) : undefined;
}
