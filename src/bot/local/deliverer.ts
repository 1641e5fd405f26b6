/**
 * The local platform's deliverer: the outbox dispatcher hands it reminders, notices, escalations and
 * complaint cards, which it posts into the console's conversations and announces to open pages. A
 * message about a complaint (a card, or a person's notice carrying its card) keeps the complaint's id:
 * the console draws its card fresh for the viewer when shown (render.ts). Only a card (kind 'card') is
 * updated in place; a notice is a message of its own.
 */
import type { Deliverer, OutboundMessage } from '../../notifiers/deliverer.ts';
import type { Clock } from '../../clock.ts';
import { conversationOf, localMessageId, type Conversations } from './conversations.ts';
import type { Hub } from './hub.ts';

export class LocalDeliverer implements Deliverer {
  readonly platform = 'local' as const;
  readonly perTargetPerSecond = 1000;

  constructor(
    private readonly conversations: Conversations,
    private readonly hub: Hub,
    private readonly clock: Clock,
  ) {}

  async deliver(m: OutboundMessage): Promise<{ messageId: string }> {
    const conversation = conversationOf(m);
    const { complaintId } = m;
    // A complaint has one card per conversation, updated in place; everything else is a new message
    // (one about a complaint shows its card too, drawn for the reader).
    const previous = complaintId && m.kind === 'card' ? this.conversations.cardOf(complaintId, conversation) : undefined;
    const id = previous?.id ?? localMessageId(m.id);
    const { replaced } = this.conversations.upsert({
      id,
      conversation,
      kind: m.kind,
      at: this.clock.now(),
      view: m.view,
      ...(complaintId ? { complaintId } : {}),
    });
    this.hub.publish({ type: 'message', conversation, id, replaced }, m.direct ? m.address : undefined);
    this.hub.publish({ type: 'changed' });
    return { messageId: id };
  }
}
