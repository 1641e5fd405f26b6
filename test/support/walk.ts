/** Deadline walks in simulated time: tick and deliver every half hour up to a local time, logging what arrives. Nothing sleeps. */
import { ManualClock } from '../../src/clock.ts';
import { cardRenderer } from '../../src/commands/cards.ts';
import { tick, type EngineDeps } from '../../src/commands/tick.ts';
import { RecordingDeliverer } from '../../src/notifiers/deliverer.ts';
import { createDispatcher } from '../../src/notifiers/dispatcher.ts';
import { openTestDatabase, type TestDatabase } from './db.ts';
import type { testOrg } from './org.ts';

const HALF_HOUR = 30 * 60_000;

/** A Shanghai local time ("2026-03-02T10:00:00") as an instant. */
export const shanghai = (local: string): Date => new Date(`${local}+08:00`);

export interface Walk {
  db: TestDatabase;
  deps: EngineDeps;
  clock: ManualClock;
  out: RecordingDeliverer;
  /** "MM-DD HH:mm address kind" for each message delivered, in order. */
  log: string[];
}

/** A fresh SQLite database and a recording local deliverer, the clock at `startLocal` (Shanghai). */
export async function openWalk(org: ReturnType<typeof testOrg>, startLocal: string): Promise<Walk> {
  const db = await openTestDatabase('sqlite');
  const clock = new ManualClock(shanghai(startLocal));
  return { db, clock, deps: { ...org.deps(db, clock), platforms: ['local'] }, out: new RecordingDeliverer('local'), log: [] };
}

export interface WalkOptions {
  /** Message kinds left out of the log (reports go out on their own schedule; channel cards on every change). */
  skip: readonly string[];
  /** Scheduled reports in the tick (default on). */
  reports?: boolean;
  /** Draw complaint cards at delivery, as the engine does (default off: the log needs only the kinds). */
  cards?: boolean;
}

/** Tick and deliver every half hour from the clock's time until `endLocal`, running each hook at its instant. */
export async function walkUntil(w: Walk, endLocal: string, hooks: Record<string, () => Promise<void>>, opts: WalkOptions): Promise<void> {
  const dispatcher = createDispatcher(w.db, [w.out], { owner: 'test', ...(opts.cards ? { renderCard: cardRenderer(w.deps) } : {}) });
  const end = shanghai(endLocal).getTime();
  while (w.clock.now().getTime() <= end) {
    const now = w.clock.now();
    await hooks[now.toISOString()]?.();
    await tick(w.deps, now, opts.reports === false ? { reports: false } : {});
    const before = w.out.sent.length;
    await dispatcher.dispatch(now);
    for (const m of w.out.sent.slice(before).filter((x) => !opts.skip.includes(x.kind))) {
      const local = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(5, 16).replace('T', ' ');
      w.log.push(`${local} ${m.address} ${m.kind}`);
    }
    w.clock.advance(HALF_HOUR);
  }
}
