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
import { isLoopbackHost, listenHttp } from './http.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { opsListener, opsSettings } from './ops.ts';
import { createInteractions } from '../interaction/index.ts';
import { createLocalConsole } from './local/index.ts';
import { createFeishuPlatform, type FeishuPlatform } from './feishu/index.ts';
import { createSlackPlatform, type SlackPlatform } from './slack/index.ts';
import type { PlatformChoice } from './platforms.ts';
import { formatChecklist, preflight, preflightClients } from './preflight/index.ts';
import { isKesuError } from '../errors.ts';
import { setLogTimeZone } from '../logger.ts';
import { translator } from '../notifiers/i18n/index.ts';
import { formatDateTime, formatSpan } from '../notifiers/views/index.ts';
import { deleteMarker, readMarker, writeMarker } from '../store/markers.ts';
import type { Locale } from '../config/schema.ts';
import { coverageGaps } from '../workflows/calendar.ts';

/** Where a running copy's console is, so a second copy on the same SQLite file can say so when refused. */
const CONSOLE_URL_MARKER = 'console:url';

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
  /** Where `/healthz`, `/readyz` and `/metrics` answer (the same server as `url` when that runs). */
  opsUrl: string;
  /** The Prometheus metrics (`/metrics`). */
  metrics: Metrics;
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
  setLogTimeZone(config.organisation.timeZone);
  // The details for the log; people read the start-up summary that `start` prints.
  logger.debug(
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
  const metrics = createMetrics(deps.db, deps.clock, deps.platforms ?? []);
  const engine = await startEngine(core, deliverers, { schedule: options.schedule, onAttempt: metrics.onAttempt }).catch(async (e: unknown) => {
    // A second copy on the same SQLite file: name the running copy's console, when it has one.
    if (isKesuError(e) && e.code === 'engine_running') {
      const marker = await readMarker(deps.db.prisma, CONSOLE_URL_MARKER).catch(() => null);
      if (marker) e.params.consoleUrl = marker.owner;
    }
    throw e;
  });

  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
    await engine.stop();
  };
  let url: string | undefined;
  let opsUrl = '';
  try {
    const mounts = [
      ...(slack?.requestListener ? [{ prefix: '/slack/', listener: metrics.timed('slack', slack.requestListener) }] : []),
      ...(feishu?.requestListener ? [{ prefix: '/feishu/', listener: metrics.timed('feishu', feishu.requestListener) }] : []),
    ];
    // The operations endpoints are on this server in every shape: alone (Socket Mode, Feishu's long
    // connection) it serves only them, on KESU_OPS_HOST (loopback by default).
    const opsConfig = opsSettings(options.env ?? process.env);
    const ops = opsListener(
      {
        db: deps.db,
        clock: deps.clock,
        lastStepAt: () => engine.lastStepAt(),
        platforms: () => ({
          ...(local ? { local: true } : {}),
          ...(slack ? { slack: slack.isUp?.() ?? true } : {}),
          ...(feishu ? { feishu: feishu.isUp?.() ?? true } : {}),
        }),
      },
      metrics,
    );
    // Alone, the console listens on loopback; beside webhooks the server faces the network and
    // the console answers loopback clients only (see http.ts). Operations endpoints opened to other
    // clients widen a loopback-only server the same way.
    const serves = mounts.length > 0 || !!local;
    const wanted = mounts.length ? settings.host : local ? settings.consoleHost : opsConfig.host;
    const host = opsConfig.open && isLoopbackHost(wanted) ? opsConfig.host : wanted;
    const server = await listenHttp({
      host,
      port: settings.port,
      mounts,
      ...(local ? { fallback: metrics.timed('console', local.requestListener(engine)) } : {}),
      ops: { listener: ops, open: opsConfig.open },
      onError: (e, req) => logger.error({ method: req.method, path: (req.url ?? '').split('?')[0], error: describeThrown(e) }, 'http: a request failed; answered 500'),
    });
    stops.push(async () => {
      local?.close(); // pages' live streams end first, so the server closes without waiting for them
      await server.close();
    });
    opsUrl = server.url;
    if (serves) url = server.url;
    if (local && provider === 'sqlite') {
      const consoleUrl = server.url;
      const now = new Date();
      await writeMarker(deps.db.prisma, CONSOLE_URL_MARKER, { owner: consoleUrl, until: new Date(now.getTime() + 3_650 * 86_400_000), createdAt: now });
      // (The file may be gone by then: stopping goes on.)
      stops.push(() => deleteMarker(deps.db.prisma, CONSOLE_URL_MARKER, consoleUrl).catch(() => undefined));
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
    opsUrl,
    metrics,
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
  // The signal handlers go in before the summary says "press Ctrl-C": a signal that came between the
  // two would otherwise end the process by default, uncleanly.
  // The engine's cron task holds the event loop open; this makes sure of it whatever node-cron does.
  const keepAlive = setInterval(() => undefined, 60_000);
  const stopped = new Promise<void>((resolve) => {
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
  const out = (line: string) => process.stdout.write(line + '\n');
  // One language per message: KESU_LANG, else the organisation's.
  const envLang = process.env.KESU_LANG;
  const locale: Locale = envLang === 'en' || envLang === 'zh-CN' ? envLang : config.organisation.locale;
  const say = (key: string, params?: Record<string, unknown>) => out(translator().t(locale, `console.startup.${key}`, params));
  const name = (key: string) => translator().t(locale, `console.startup.names.${key}`);
  const provider = databaseProvider(settings.databaseUrl);
  say('running', { organisation: locale === 'en' ? config.organisation.name.en : config.organisation.name.zh });
  say('config', { path: settings.configPath });
  say('database', { database: provider === 'sqlite' ? settings.databaseUrl : provider });
  // The reasons are written in English (platforms.ts): other languages get the platforms' names.
  if (locale === 'en') for (const reason of platforms.reasons) say('platform', { reason });
  else {
    const names = (['local', 'slack', 'feishu'] as const).filter((p) => platforms[p]).map(name);
    if (names.length) say('platforms', { names: names.join(name('separator')) });
  }
  if (running.slack) say(running.slack.mode === 'socket' ? 'slackSocket' : 'slackHttp', { url: `${running.url}slack/events` });
  if (running.feishu) say(running.feishu.mode === 'long-connection' ? (running.feishu.isUp?.() ? 'feishuLongUp' : 'feishuLongConnecting') : 'feishuWebhook', { url: `${running.url}feishu/events` });
  if (consoleUrl) say('console', { url: consoleUrl });
  else if (!platforms.slack && !platforms.feishu) say('noPlatform');
  if (running.clock && running.clock.offsetMs > 0) {
    const { timeZone } = config.organisation;
    say('clock', { at: formatDateTime(running.clock.now(), timeZone), timeZone, span: formatSpan(running.clock.offsetMs, locale) });
  }
  // Years without a State Council notice: this year, and next year from 60 days before it.
  for (const gap of coverageGaps(core.deps.calendar, core.deps.clock.now())) {
    out(translator().t(locale, `console.calendarCoverage.${gap.coverage === 'statutory' ? 'startupStatutory' : 'startupNone'}`, { year: gap.year }));
  }
  if (platforms.slack || platforms.feishu) {
    // The engine already runs: the checklist informs, it holds nothing up.
    const checks = await preflight(core, preflightClients(core));
    say('reachability');
    for (const line of formatChecklist(checks)) out(`  ${line}`);
    const failed = checks.filter((c) => !c.ok);
    if (failed.length) logger.warn({ unreachable: failed.map(({ platform, kind, name, id, problem }) => ({ platform, kind, name, id, problem })) }, 'preflight: some targets cannot be reached');
  }
  say('engine');
  logger.info({ organisation: config.organisation.name.en, platforms: platforms.reasons, ...(consoleUrl ? { console: consoleUrl } : {}) }, 'kesu started');
  await stopped;
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
