/**
 * `kesu start` / `npm start`: boot the core and run until Ctrl-C. Platforms (local console, Slack,
 * Feishu) attach here as they arrive; until then the bot runs with the database and config only.
 */
import { boot, type BootOptions, type Core } from './boot.ts';
import { databaseProvider } from '../config/env.ts';
import { ConsoleDeliverer } from '../notifiers/console-deliverer.ts';
import { startEngine } from './engine.ts';

export interface Running {
  core: Core;
  stop(): Promise<void>;
}

export async function run(options: BootOptions & { schedule?: boolean } = {}): Promise<Running> {
  const core = await boot(options);
  try {
    return await attach(core, options);
  } catch (e) {
    await core.close();
    throw e;
  }
}

async function attach(core: Core, options: { schedule?: boolean }): Promise<Running> {
  const { settings, config, logger, deps } = core;
  const provider = databaseProvider(settings.databaseUrl);
  logger.info(
    {
      config: settings.configPath,
      database: provider === 'sqlite' ? settings.databaseUrl : `${provider} (${new URL(settings.databaseUrl).host})`,
      migrationsApplied: core.appliedMigrations,
      organisation: config.organisation.name.en,
      timeZone: config.organisation.timeZone,
      calendar: deps.calendar.coveredYears,
    },
    'kesu core ready',
  );
  // The local console will deliver in a browser; until then notifications print to the terminal.
  const engine = await startEngine(core, [new ConsoleDeliverer()], { schedule: options.schedule });
  await engine.runOnce();
  let stopped = false;
  return {
    core,
    async stop() {
      if (stopped) return;
      stopped = true;
      await engine.stop();
      await core.close();
      logger.info('kesu stopped');
    },
  };
}

/** Run until SIGINT/SIGTERM, then close everything and exit cleanly. */
export async function start(options: BootOptions = {}): Promise<void> {
  const running = await run(options);
  const { settings, config, logger } = running.core;
  const out = (line: string) => process.stdout.write(line + '\n');
  out(`Kesu 客诉 is running for ${config.organisation.name.zh} (${config.organisation.name.en})`);
  out(`  config:   ${settings.configPath}`);
  out(`  database: ${databaseProvider(settings.databaseUrl) === 'sqlite' ? settings.databaseUrl : databaseProvider(settings.databaseUrl)}`);
  out('  platforms: none attached yet — reminders and escalations print here (deadline engine: every minute)');
  out('Press Ctrl-C to stop.');
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
