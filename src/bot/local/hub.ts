/**
 * Live updates for the console's browsers: each open page subscribes as the person it plays, and
 * gets the events for the channels (everyone) and for that person's direct messages only.
 */
export type LiveEvent =
  | { type: 'message'; conversation: string; id: string; replaced: boolean }
  /** The demo clock moved: times left and cards are redrawn. */
  | { type: 'clock'; now: string; offsetMs: number }
  /** Something changed that "my tasks" may show. */
  | { type: 'changed' };

type Listener = (event: LiveEvent) => void;

export class Hub {
  readonly #listeners = new Map<Listener, string>();
  readonly #closers = new Set<() => void>();

  /** `onClose` is called when the console shuts down, so a page's stream can end cleanly. */
  subscribe(personId: string, listener: Listener, onClose?: () => void): () => void {
    this.#listeners.set(listener, personId);
    if (onClose) this.#closers.add(onClose);
    return () => {
      this.#listeners.delete(listener);
      if (onClose) this.#closers.delete(onClose);
    };
  }

  /** Ends every open stream (shutdown). */
  close(): void {
    for (const close of [...this.#closers]) close();
  }

  /** To everyone, or only to `personId`'s pages (a direct message). */
  publish(event: LiveEvent, personId?: string): void {
    for (const [listener, who] of this.#listeners) if (personId === undefined || who === personId) listener(event);
  }

  get size(): number {
    return this.#listeners.size;
  }
}
