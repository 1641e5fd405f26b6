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
import { installProcessGuards, describeThrown, type OnUncaught } from './guards.ts';
import { listenHttp } from './http.ts';
import { createInteractions } from '../interaction/index.ts';
import { createLocalConsole } from './local/index.ts';
import { createFeishuPlatform, type FeishuPlatform } from './feishu/index.ts';
import { createSlackPlatform, type SlackPlatform } from './slack/index.ts';
import type { PlatformChoice } from './platforms.ts';
import { formatChecklist, preflight, preflightClients } from './preflight/index.ts';

export interface RunOptions extends BootOptions {
  /** Run the engine every minute (default true; tests step it themselves). */
  schedule?: boolean;
  /**
   * After an uncaught exception has been logged: 'exit' stops Kesu and exits with code 1 (what
   * `kesu start` does, see guards.ts for why); 'log' (the default here) leaves the process to its host.
   */
  onUncaught?: OnUncaught;
}

export interface Running {
  core: Core;
  engine: Engine;
  platforms: PlatformChoice;
  /** The HTTP server's address (console, webhooks), when one runs. */
  url?: string;
  /** The local console's address, when it runs. */
  consoleUrl?: string;
  /** The Slack platform, when it runs. */
  slack?: SlackPlatform;
  /** The Feishu platform, when it runs. */
  feishu?: FeishuPlatform;
  /** The console's demo clock, when the console runs. */
  clock?: DemoClock;
  stop(): Promise<void>;
}

export async function run(options: RunOptions = {}): Promise<Running> {
  // The console's demo clock is the core's clock: commands and the engine see the same simulated time.
  const clock = new DemoClock(options.clock ?? systemClock);
  const core = await boot({ ...options, clock });
  // Process guards from here until stop() (or a failed start): see guards.ts.
  let running: Running | undefined;
  const removeGuards = installProcessGuards({
    logger: core.logger,
    context: { platforms: core.platforms.reasons, database: databaseProvider(core.settings.databaseUrl) },
    ...(options.onUncaught === 'exit' ? { onFatal: () => exitAfterFatal(core.logger, () => (running ? running.stop() : core.close())) } : {}),
  });
  try {
    running = await attach(core, clock, options);
  } catch (e) {
    removeGuards();
    await core.close();
    throw e;
  }
  const stop = running.stop;
  return { ...running, stop: () => stop().finally(removeGuards) };
}

async function attach(core: Core, clock: DemoClock, options: RunOptions): Promise<Running> {
  const { settings, config, logger, deps } = core;
  const { platforms } = core;
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
  const io = createInteractions(deps, logger);
  const local = platforms.local ? await createLocalConsole(io, { host: settings.consoleHost, clock }) : undefined;
  const slack = platforms.slack ? createSlackPlatform(io, settings) : undefined;
  const feishu = platforms.feishu ? createFeishuPlatform(io, settings) : undefined;
  const deliverers: Deliverer[] = [];
  if (local) deliverers.push(local.deliverer);
  if (slack) deliverers.push(slack.deliverer);
  if (feishu) deliverers.push(feishu.deliverer);
  // Nothing attached at all: notifications print to the terminal rather than vanish.
  if (deliverers.length === 0) deliverers.push(new ConsoleDeliverer());
  const engine = await startEngine(core, deliverers, { schedule: options.schedule });

  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
    await engine.stop();
  };
  let url: string | undefined;
  try {
    const mounts = [
      ...(slack?.requestListener ? [{ prefix: '/slack/', listener: slack.requestListener }] : []),
      ...(feishu?.requestListener ? [{ prefix: '/feishu/', listener: feishu.requestListener }] : []),
    ];
    if (mounts.length || local) {
      // Alone, the console listens on loopback; beside webhooks the server faces the network and
      // the console answers loopback clients only (see http.ts).
      const host = mounts.length ? settings.host : settings.consoleHost;
      const server = await listenHttp({
        host,
        port: settings.port,
        mounts,
        ...(local ? { fallback: local.requestListener(engine) } : {}),
        onError: (e, req) => logger.error({ method: req.method, path: (req.url ?? '').split('?')[0], error: describeThrown(e) }, 'http: a request failed; answered 500'),
      });
      stops.push(async () => {
        local?.close(); // pages' live streams end first, so the server closes without waiting for them
        await server.close();
      });
      url = server.url;
    }
    for (const platform of [slack, feishu]) {
      if (!platform) continue;
      await platform.start();
      stops.push(() => platform.stop());
    }
    await engine.runOnce();
  } catch (e) {
    await stopAll();
    throw e;
  }
  let stopped = false;
  return {
    core,
    engine,
    platforms,
    ...(url ? { url } : {}),
    ...(local && url ? { consoleUrl: url, clock } : {}),
    ...(slack ? { slack } : {}),
    ...(feishu ? { feishu } : {}),
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopAll();
      await core.close();
      logger.info('kesu stopped');
    },
  };
}

/** Run until SIGINT/SIGTERM, then close everything and exit cleanly. */
export async function start(options: RunOptions = {}): Promise<void> {
  const running = await run({ onUncaught: 'exit', ...options });
  const { core, consoleUrl, platforms } = running;
  const { settings, config, logger } = core;
  const out = (line: string) => process.stdout.write(line + '\n');
  out(`Kesu 客诉 is running for ${config.organisation.name.zh} (${config.organisation.name.en})`);
  out(`  config:    ${settings.configPath}`);
  out(`  database:  ${databaseProvider(settings.databaseUrl) === 'sqlite' ? settings.databaseUrl : databaseProvider(settings.databaseUrl)}`);
  for (const reason of platforms.reasons) out(`  platform:  ${reason}`);
  if (running.slack) out(`  slack:     ${running.slack.mode === 'socket' ? 'Socket Mode' : `HTTP, events at ${running.url}slack/events`}`);
  if (running.feishu) out(`  feishu:    ${running.feishu.mode === 'long-connection' ? `long connection, ${running.feishu.isUp?.() ? 'up' : 'connecting ("feishu: long connection up" is logged once it is)'}` : `webhook at ${running.url}feishu/events`}`);
  if (consoleUrl) out(`  console:   ${consoleUrl}  ← open this in a browser`);
  else if (!platforms.slack && !platforms.feishu) out('  no platform attached: reminders and escalations print here');
  if (running.clock && running.clock.offsetMs > 0) out(`  clock:     simulated, ${running.clock.now().toISOString()} (moved ahead in the console)`);
  if (platforms.slack || platforms.feishu) {
    // The engine already runs: the checklist informs, it holds nothing up.
    const checks = await preflight(core, preflightClients(core));
    out('Reachability (kesu doctor checks the same):');
    for (const line of formatChecklist(checks)) out(`  ${line}`);
    const failed = checks.filter((c) => !c.ok);
    if (failed.length) logger.warn({ unreachable: failed.map(({ platform, kind, name, id, problem }) => ({ platform, kind, name, id, problem })) }, 'preflight: some targets cannot be reached');
  }
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

const FATAL_STOP_MS = 5_000;

/** The 'exit' policy after an uncaught exception: say so plainly, stop cleanly (bounded), exit 1. */
function exitAfterFatal(logger: Core['logger'], stop: () => Promise<void>): void {
  process.exitCode = 1;
  process.stderr.write(
    '\nKesu stopped after an unexpected error (details in the log above). Nothing queued is lost: ' +
      'start it again with `kesu start`, and run it under a supervisor (systemd, a Docker restart policy) to restart it automatically.\n',
  );
  const timer = setTimeout(() => process.exit(1), FATAL_STOP_MS);
  stop()
    .catch((e: unknown) => logger.error({ error: describeThrown(e) }, 'error while stopping after an uncaught exception'))
    .finally(() => {
      clearTimeout(timer);
      process.exit(1);
    });
}
