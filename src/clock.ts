/**
 * Time source. Workflows and commands never read the system clock; they receive a Clock.
 * Tests use a manual clock and skip time instead of waiting.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told to move: `set` and `advance` skip time in tests and demos. */
export class ManualClock implements Clock {
  #ms: number;

  constructor(start: Date | string) {
    this.#ms = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#ms);
  }

  set(to: Date | string): void {
    this.#ms = new Date(to).getTime();
  }

  advance(ms: number): void {
    this.#ms += ms;
  }
}

/**
 * Real time, moved forward on request: the local console's demo clock ("advance 1 day"). It reads
 * `base` (the system clock, or a manual clock in tests) plus an offset that only grows, so time never
 * runs backwards for the data already written.
 */
export class DemoClock implements Clock {
  #offsetMs: number;

  constructor(
    private readonly base: Clock = systemClock,
    offsetMs = 0,
  ) {
    this.#offsetMs = Math.max(0, offsetMs);
  }

  now(): Date {
    return new Date(this.base.now().getTime() + this.#offsetMs);
  }

  /** How far ahead of the base clock this clock runs. */
  get offsetMs(): number {
    return this.#offsetMs;
  }

  advance(ms: number): void {
    if (!(ms > 0)) throw new RangeError('the demo clock only moves forward');
    this.#offsetMs += ms;
  }

  /** Move forward to `to` (no-op when `to` is not in the future). */
  advanceTo(to: Date): void {
    const ms = to.getTime() - this.now().getTime();
    if (ms > 0) this.#offsetMs += ms;
  }
}
