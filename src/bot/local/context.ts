/** What every console route needs, built once by the console's factory (index.ts). */
import type { DemoClock } from '../../clock.ts';
import type { Interactions } from '../../interaction/index.ts';
import type { Conversations } from './conversations.ts';
import type { Hub } from './hub.ts';

/** The deadline engine as the console's clock control uses it: one run now, and waiting until it is quiet. */
export interface EngineControl {
  runOnce(): Promise<{ tick: { steps: number }; delivered: { sent: number } }>;
  idle(): Promise<void>;
}

export interface ConsoleContext {
  io: Interactions;
  /** The console's own address (`KESU_CONSOLE_HOST`): requests for other host names are refused. */
  host: string;
  /** Set once the engine runs (the console is built before it, since the engine needs its deliverer). */
  engine?: EngineControl;
  clock: DemoClock;
  conversations: Conversations;
  hub: Hub;
}
