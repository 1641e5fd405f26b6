/** What every console route needs, built once by the console's factory (index.ts). */
import type { DemoClock } from '../../clock.ts';
import type { Core } from '../boot.ts';
import type { Engine } from '../engine.ts';
import type { Conversations } from './conversations.ts';
import type { Hub } from './hub.ts';

export interface ConsoleContext {
  core: Core;
  /** Set once the engine runs (the console is built before it, since the engine needs its deliverer). */
  engine?: Engine;
  clock: DemoClock;
  conversations: Conversations;
  hub: Hub;
}

/** The marker that keeps the demo clock's offset across restarts: `until` = simulated time, `createdAt` = real time then. */
export const CLOCK_MARKER = 'console:clock';
