/**
 * The composition root for the core: settings, organisation config, database (migrated), calendar,
 * directory, and which platforms the deployment runs — everything a command needs, built once and
 * passed in. The platforms' receivers attach in main.ts.
 */
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import { loadConfig } from '../config/load.ts';
import { loadSettings, type Settings } from '../config/env.ts';
import { createDirectory } from '../config/directory.ts';
import type { OrgConfig } from '../config/schema.ts';
import type { Deps } from '../commands/deps.ts';
import { createLogger, type Logger } from '../logger.ts';
import { openDatabase } from '../store/client.ts';
import { applyMigrations } from '../store/migrate.ts';
import { backfillRepeatKeys } from '../store/repeats.ts';
import { createCalendar } from '../workflows/calendar.ts';
import { choosePlatforms, deploymentPlatforms, type PlatformChoice } from './platforms.ts';

export interface BootOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  logger?: Logger;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
}

export interface Core {
  settings: Settings;
  /** Which platforms this deployment runs, from the settings (platforms.ts). */
  platforms: PlatformChoice;
  config: OrgConfig;
  deps: Deps;
  logger: Logger;
  appliedMigrations: string[];
  close(): Promise<void>;
}

export async function boot(options: BootOptions = {}): Promise<Core> {
  const settings = loadSettings(options.env ?? process.env, options.cwd ?? process.cwd());
  const logger = options.logger ?? createLogger(settings.logLevel);
  const config = loadConfig({ path: settings.configPath });
  const calendar = createCalendar({
    timeZone: config.organisation.timeZone,
    workingHours: config.organisation.workingHours,
    overrides: config.calendar,
    onUncoveredYear: (year, coverage) =>
      logger.warn(
        { year, coverage },
        coverage === 'statutory'
          ? `The working calendar has no State Council notice for ${year}: only the statutory holidays count as days off, make-up working days are unknown. Add the notice under calendar.years in the config.`
          : `The working calendar has no China holiday data for ${year}: only weekends count as days off. Add the year's holidays under calendar.years in the config.`,
      ),
  });
  const db = await openDatabase(settings.databaseUrl);
  let appliedMigrations: string[] = [];
  try {
    if (options.migrate !== false) appliedMigrations = (await applyMigrations(db)).applied;
    // Complaints filed before repeat detection get their look-up rows once, when its table is created.
    if (appliedMigrations.some((m) => m.endsWith('_repeats'))) await backfillRepeatKeys(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  // Notifications are written for the deployment's platforms whichever entry point makes the change.
  const platforms = choosePlatforms(settings);
  const deps: Deps = { db, clock: options.clock ?? systemClock, config, calendar, directory: createDirectory(config), platforms: deploymentPlatforms(platforms) };
  return { settings, platforms, config, deps, logger, appliedMigrations, close: () => db.close() };
}
