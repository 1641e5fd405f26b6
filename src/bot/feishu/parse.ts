/**
 * Feishu payloads parsed once, at the edge (after the SDK has decrypted and flattened them): message
 * events, bot menu events and card callbacks, into typed objects for the handlers.
 */
import { z } from 'zod';

export const MessageEvent = z.object({
  event_id: z.string(),
  sender: z.object({ sender_id: z.object({ open_id: z.string() }), sender_type: z.string().optional() }),
  message: z.object({
    message_id: z.string(),
    chat_id: z.string(),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    mentions: z.array(z.object({ key: z.string() })).optional(),
  }),
});
export type MessageEvent = z.infer<typeof MessageEvent>;

/** The text of a text message, without @mentions ("@_user_1 投诉 列表" → "投诉 列表"). */
export function messageText(e: MessageEvent): string | undefined {
  if (e.message.message_type !== 'text') return undefined;
  try {
    const text = String((JSON.parse(e.message.content) as { text?: unknown }).text ?? '');
    return text.replace(/@_user_\d+/g, ' ').replace(/\s+/g, ' ').trim();
  } catch {
    return undefined;
  }
}

export const MenuEvent = z.object({
  event_id: z.string(),
  event_key: z.string(),
  operator: z.object({ operator_id: z.object({ open_id: z.string() }) }),
});

const ActValue = z.object({ kesu: z.literal('act'), action: z.string(), complaint: z.string() });
const FormValue = z.object({ kesu: z.literal('form'), form: z.string(), complaint: z.string().optional(), sourceKey: z.string().optional() });
const ShowValue = z.object({ kesu: z.literal('show'), number: z.string() });

export const CardAction = z.object({
  event_id: z.string(),
  operator: z.object({ open_id: z.string() }),
  action: z.object({
    value: z.discriminatedUnion('kesu', [ActValue, FormValue, ShowValue]),
    form_value: z.record(z.string(), z.unknown()).optional(),
  }),
  context: z.object({ open_message_id: z.string().optional(), open_chat_id: z.string().optional() }).optional(),
});
export type CardAction = z.infer<typeof CardAction>;

/** Form values as the input schemas take them: pickers' " +0800" suffixes dropped, booleans kept. */
export function formValues(raw: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw ?? {})) out[k] = typeof v === 'string' ? v.replace(/\s[+-]\d{4}$/, '') : v;
  return out;
}
