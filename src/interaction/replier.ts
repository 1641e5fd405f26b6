/**
 * What a platform implements so the interaction core can answer a person: a form, a finished reply, a
 * message with its chart, the tracking table as files. Each method sends privately to the asker (or, for
 * platforms where that is the custom, into the chat where they asked); the core decides what to send.
 */
import type { ExportFile, ExportRange } from '../commands/export.ts';
import type { CardView, FormView, ListView, MessageView, TimelineView } from '../notifiers/views/types.ts';

/** A finished answer: a list, one complaint with its timeline, or a message (never with a chart here). */
export type ShownReply =
  | { type: 'list'; list: ListView }
  | { type: 'complaint'; card: CardView; timeline: TimelineView }
  | { type: 'message'; message: MessageView };

/** The tracking table for a range; `make` builds the files (the console offers downloads instead). */
export interface ExportReply {
  range: ExportRange;
  /** Set for the month's accountability statement ('YYYY-MM') instead of the tracking table. */
  statement?: string;
  make(): Promise<{ comment: string; files: ExportFile[] }>;
}

export interface Replier {
  /** The filing form or an action's form (a modal, a form card, a dialog). */
  form(form: FormView): Promise<void>;
  reply(reply: ShownReply): Promise<void>;
  /**
   * A message with its chart as an image. Throw `ChartRefused` when the platform refuses the image (a
   * missing scope): the core then sends the message without it, its figures as text.
   */
  chart(message: MessageView): Promise<void>;
  export(reply: ExportReply): Promise<void>;
}

/** The platform refused an image upload; the reply goes without the chart. */
export class ChartRefused extends Error {
  constructor(readonly reason: string) {
    super(`chart refused: ${reason}`);
    this.name = 'ChartRefused';
  }
}

export type { ExportFile, ExportRange };
