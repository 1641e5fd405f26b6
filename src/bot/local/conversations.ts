/**
 * The local console's chat history: channels (`#quality`) and direct messages from the bot (`@liu.yang`).
 * Held in memory and rebuilt from the outbox's delivered rows at start-up, so a restart keeps it.
 * A complaint card is one message, updated in place; it is drawn from the current state when read.
 */
import type { OutboundMessage } from '../../notifiers/deliverer.ts';
import type { MessageView } from '../../notifiers/views/types.ts';
import type { SentMessage } from '../../interaction/index.ts';

export interface ChatMessage {
  id: string;
  conversation: string;
  kind: string;
  at: Date;
  view: MessageView;
  /** Set for complaint cards and messages about a complaint: its card is drawn fresh when shown. */
  complaintId?: string;
}

/** `#quality` for channels, `@<person id>` for the bot's direct messages to a person. */
export const conversationOf = (m: Pick<OutboundMessage, 'address' | 'direct'>) => (m.direct ? `@${m.address}` : m.address);

const MAX_PER_CONVERSATION = 500;

/** The console's message ids: `local:<outbox row id>` of the message's first delivery. */
export const localMessageId = (outboxId: string) => `local:${outboxId}`;

export class Conversations {
  readonly #byId = new Map<string, ChatMessage>();
  readonly #lists = new Map<string, ChatMessage[]>();

  /** Post a new message, or update the one with `id` in place (a card). Returns whether it replaced one. */
  upsert(message: ChatMessage): { replaced: boolean } {
    const existing = this.#byId.get(message.id);
    if (existing && existing.conversation !== message.conversation) throw new Error(`message ${message.id} belongs to ${existing.conversation}`);
    if (existing) {
      Object.assign(existing, { view: message.view, kind: message.kind });
      return { replaced: true };
    }
    const list = this.#lists.get(message.conversation) ?? [];
    list.push(message);
    if (list.length > MAX_PER_CONVERSATION) this.#byId.delete(list.shift()!.id);
    this.#lists.set(message.conversation, list);
    this.#byId.set(message.id, message);
    return { replaced: false };
  }

  get(id: string): ChatMessage | undefined {
    return this.#byId.get(id);
  }

  /** The complaint's card in this conversation, if it was posted there. */
  cardOf(complaintId: string, conversation: string): ChatMessage | undefined {
    return this.list(conversation).find((m) => m.complaintId === complaintId && m.kind === 'card');
  }

  list(conversation: string): readonly ChatMessage[] {
    return this.#lists.get(conversation) ?? [];
  }

  /**
   * Rebuild from delivered outbox rows, oldest first. Every row is its own message, except a complaint's
   * card: one per conversation, wherever its updates were delivered (also rows that the terminal
   * deliverer printed before the console ran).
   */
  load(rows: readonly SentMessage[]): void {
    const cards = new Map<string, string>();
    for (const row of rows) {
      const conversation = conversationOf({ address: row.address, direct: row.targetType === 'dm' });
      const card = row.kind === 'card' && row.complaintId ? `${row.complaintId}:${conversation}` : undefined;
      const id = (card && cards.get(card)) ?? localMessageId(row.id);
      if (card) cards.set(card, id);
      this.upsert({
        id,
        conversation,
        kind: row.kind,
        at: row.sentAt ?? row.createdAt,
        view: JSON.parse(row.payload) as MessageView,
        ...(card || (row.targetType === 'dm' && row.complaintId) ? { complaintId: row.complaintId! } : {}),
      });
    }
  }
}
