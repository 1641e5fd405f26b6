/**
 * The delivery port: the dispatcher hands each outbox row to the deliverer of its platform
 * (Slack, Feishu, the local console). A recording deliverer serves tests and demos.
 */
import type { Locale } from '../config/schema.ts';
import type { AttachmentRef, MessageView, CardView, TimelineView } from './views/types.ts';

export type PlatformName = 'slack' | 'feishu' | 'local';

export interface OutboundMessage {
  /** Outbox row id and dedupe key: platforms that deduplicate (Feishu `uuid`) get the key. */
  id: string;
  dedupeKey: string;
  /** What it is: remind, overdue, escalate, digest, … */
  kind: string;
  platform: PlatformName;
  /** Channel or chat ID, or a user ID for a direct message. */
  address: string;
  direct: boolean;
  /**
   * What to send, in the recipient's language (chosen from `byLocale` before it gets here). A
   * complaint card (`kind` 'card') is updated in place; any other message with `view.card` is a
   * notice about a complaint carrying its card for this recipient (their buttons), drawn under the
   * text and posted once — a snapshot, not updated later.
   */
  view: MessageView;
  /** The complaint the message is about, when it is about one (the console draws its card beside it). */
  complaintId?: string;
  /** A complaint card posted before on this channel: updated in place (the card, and its thread reply) instead of posting anew. */
  posted?: MessageRefs;
  /** A file sent with the message (drawn at delivery from `view.attachment`): shared with the text where the platform can. */
  file?: AttachedFile;
  /** A complaint card's timeline, drawn with the card for this delivery: kept in one reply in the card's thread where the platform has threads. */
  timeline?: TimelineView;
}

/** A file drawn for one delivery. */
export interface AttachedFile {
  name: string;
  format: string;
  bytes: Buffer;
}

/** Where a message went on the platform: its id and, for a complaint card, its timeline reply in the thread. */
export interface MessageRefs {
  messageId: string;
  threadId?: string;
}

/** What a delivery returns: the references to keep (a card's are saved, so its next change updates it). */
export type Delivered = Partial<MessageRefs>;

export interface Deliverer {
  readonly platform: PlatformName;
  /** Messages per second to one channel or user (Slack about 1; Feishu 5). */
  readonly perTargetPerSecond: number;
  /** Messages per second for the whole app, when the platform limits that too (Feishu 50). */
  readonly perAppPerSecond?: number;
  deliver(message: OutboundMessage): Promise<Delivered>;
  /**
   * A configured person's user ID on this platform, for rows written before it was known (`@person`
   * addresses: a CLI, or a person whose ID is looked up by email). Undefined: nobody found.
   */
  resolvePerson?(personId: string): Promise<string | undefined>;
  /**
   * A user's language as this platform knows it (Slack's user locale), for messages written in both
   * languages (`MessageView.byLocale`). Undefined, or no such method: the configured one (the
   * person's locale, else the organisation's).
   */
  localeOf?(userId: string): Promise<Locale | undefined>;
}

/** Why a delivery failed for good because of its target: the bot cannot post there, or the user is gone. */
export type Unreachable = 'not_member' | 'archived' | 'not_found' | 'user_gone';

/**
 * A failed delivery: `retryAfterMs` from the platform (429 Retry-After), `permanent` for errors a retry
 * cannot fix, `unreachable` when the target itself cannot be reached (routed around, admins alerted),
 * `appWide` when the limit hit is the app's rather than the target's (every lane on the platform waits).
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    readonly permanent = false,
    readonly unreachable?: Unreachable,
    readonly appWide = false,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** An address written as `@person` stands for a configured person whose platform ID is resolved at delivery. */
export const personAddress = (personId: string) => `@${personId}`;
export const unresolvedPerson = (address: string) => (address.startsWith('@') ? address.slice(1) : undefined);

/** Keeps every delivered message; can be told to fail the next deliveries. */
export class RecordingDeliverer implements Deliverer {
  readonly sent: OutboundMessage[] = [];
  readonly perTargetPerSecond: number;
  private failures: DeliveryError[] = [];
  private counter = 0;

  constructor(readonly platform: PlatformName = 'local', perTargetPerSecond = 1000) {
    this.perTargetPerSecond = perTargetPerSecond;
  }

  failNext(...errors: DeliveryError[]): void {
    this.failures.push(...errors);
  }

  async deliver(message: OutboundMessage): Promise<Delivered> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(message);
    return { messageId: message.posted?.messageId ?? `m${++this.counter}` };
  }

  texts(): string[] {
    return this.sent.map((m) => m.view.text);
  }
}

export type { AttachmentRef, MessageView, CardView };
