/**
 * Feishu payloads parsed once, at the edge (after the SDK has decrypted and flattened them): message
 * events, bot menu events and card callbacks, into typed objects for the handlers. A payload that does
 * not parse is a MalformedEvent (the webhook answers 400); a card button's value is parsed apart, so a
 * click on a card that is not Kesu's can still be answered.
 */
import { z } from 'zod';

/** A signed, decryptable event Kesu cannot read (no operator, a missing field): nobody to answer. */
export class MalformedEvent extends Error {
  constructor(
    readonly eventType: string,
    readonly problems: string,
  ) {
    super(`feishu: malformed ${eventType} event: ${problems}`);
    this.name = 'MalformedEvent';
  }
}

/** `data` as `schema` says, or a MalformedEvent. */
export function parseEvent<T extends z.ZodType>(eventType: string, schema: T, data: unknown): z.infer<T> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new MalformedEvent(eventType, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  return parsed.data;
}

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
/** A button on a message not about a complaint (the GM's Sign on a statement). */
const MessageButtonValue = z.object({ kesu: z.literal('msg'), button: z.string(), value: z.string() });
/** Which list a page button turns: the asker's tasks (bot menu), or a `list` command run again. */
export const ListSource = z.discriminatedUnion('kind', [z.object({ kind: z.literal('tasks') }), z.object({ kind: z.literal('command'), text: z.string() })]);
export type ListSource = z.infer<typeof ListSource>;
const PageValue = z.object({ kesu: z.literal('page'), list: ListSource, page: z.number().int().min(0) });

/** The value of a button on one of Kesu's cards. */
export const KesuValue = z.discriminatedUnion('kesu', [ActValue, FormValue, ShowValue, PageValue, MessageButtonValue]);
export type KesuValue = z.infer<typeof KesuValue>;

/** A card callback; its button value is checked apart (KesuValue): any app's card may call back. */
export const CardAction = z.object({
  event_id: z.string(),
  operator: z.object({ open_id: z.string() }),
  action: z.object({
    value: z.unknown(),
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
