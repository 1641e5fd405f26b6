/**
 * `kesu start` / `npm start`: boot the core, attach the platforms the settings ask for (platforms.ts),
 * start the deadline engine, and run until Ctrl-C. With no chat credentials that is the local web
 * console at http://127.0.0.1:3000/.
 */
import { boot, type BootOptions, type Core } from './boot.ts';
import { DemoClock, systemClock } from '../clock.ts';
import { databaseProvider } from '../config/env.ts';
import { ConsoleDeliverer } from '../notifiers/console-deliverer.ts';
import type { Deliverer } from '../notifiers/deliverer.ts';
import { startEngine, type Engine } from './engine.ts';
import { createLocalConsole, type LocalConsole } from './local/index.ts';
import { choosePlatforms, type PlatformChoice } from './platforms.ts';

export interface RunOptions extends BootOptions {
  /** Run the engine every minute (default true; tests step it themselves). */
  schedule?: boolean;
}

export interface Running {
  core: Core;
  engine: Engine;
  platforms: PlatformChoice;
  /** The local console's address, when it runs. */
  consoleUrl?: string;
  /** The console's demo clock, when the console runs. */
  clock?: DemoClock;
  stop(): Promise<void>;
}

export async function run(options: RunOptions = {}): Promise<Running> {
  // The console's demo clock is the core's clock: commands and the engine see the same simulated time.
  const clock = new DemoClock(options.clock ?? systemClock);
  const core = await boot({ ...options, clock });
  try {
    return await attach(core, clock, options);
  } catch (e) {
    await core.close();
    throw e;
  }
}

async function attach(core: Core, clock: DemoClock, options: RunOptions): Promise<Running> {
  const { settings, config, logger, deps } = core;
  const platforms = choosePlatforms(settings);
  const provider = databaseProvider(settings.databaseUrl);
  logger.info(
    {
      config: settings.configPath,
      database: provider === 'sqlite' ? settings.databaseUrl : `${provider} (${new URL(settings.databaseUrl).host})`,
      migrationsApplied: core.appliedMigrations,
      organisation: config.organisation.name.en,
      timeZone: config.organisation.timeZone,
      calendar: deps.calendar.coveredYears,
      platforms: platforms.reasons,
    },
    'kesu core ready',
  );
  let local: LocalConsole | undefined;
  const deliverers: Deliverer[] = [];
  if (platforms.local) {
    local = await createLocalConsole(core, clock);
    deliverers.push(local.deliverer);
  } else if (!platforms.slack && !platforms.feishu) {
    // Nothing attached at all: notifications print to the terminal rather than vanish.
    deliverers.push(new ConsoleDeliverer());
  }
  const engine = await startEngine(core, deliverers, { schedule: options.schedule });
  let consoleUrl: string | undefined;
  try {
    consoleUrl = await local?.listen(engine, { host: settings.consoleHost, port: settings.port });
    await engine.runOnce();
  } catch (e) {
    await local?.close();
    await engine.stop();
    throw e;
  }
  let stopped = false;
  return {
    core,
    engine,
    platforms,
    ...(consoleUrl ? { consoleUrl, clock } : {}),
    async stop() {
      if (stopped) return;
      stopped = true;
      await local?.close();
      await engine.stop();
      await core.close();
      logger.info('kesu stopped');
    },
  };
}

/** Run until SIGINT/SIGTERM, then close everything and exit cleanly. */
export async function start(options: RunOptions = {}): Promise<void> {
  const running = await run(options);
  const { core, consoleUrl, platforms } = running;
  const { settings, config, logger } = core;
  const out = (line: string) => process.stdout.write(line + '\n');
  out(`Kesu 客诉 is running for ${config.organisation.name.zh} (${config.organisation.name.en})`);
  out(`  config:    ${settings.configPath}`);
  out(`  database:  ${databaseProvider(settings.databaseUrl) === 'sqlite' ? settings.databaseUrl : databaseProvider(settings.databaseUrl)}`);
  for (const reason of platforms.reasons) out(`  platform:  ${reason}`);
  if (consoleUrl) out(`  console:   ${consoleUrl}  ← open this in a browser`);
  else if (!platforms.slack && !platforms.feishu) out('  no platform attached: reminders and escalations print here');
  if (running.clock && running.clock.offsetMs > 0) out(`  clock:     simulated, ${running.clock.now().toISOString()} (moved ahead in the console)`);
  out('Deadline engine: every minute. Press Ctrl-C to stop.');
  // The engine's cron task holds the event loop open; this makes sure of it whatever node-cron does.
  const keepAlive = setInterval(() => undefined, 60_000);
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'stopping');
      clearInterval(keepAlive);
      running
        .stop()
        .catch((e: unknown) => {
          logger.error({ err: e }, 'error while stopping');
          process.exitCode = 1;
        })
        .finally(resolve);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}
