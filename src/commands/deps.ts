/**
 * What every command needs, passed in by one factory: database, clock, config, calendar, directory.
 * Tests build this with a manual clock and a throwaway database; nothing is mocked.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Directory } from '../config/directory.ts';
import type { OrgConfig } from '../config/schema.ts';
import type { Database } from '../store/client.ts';
import type { PlatformName } from '../notifiers/deliverer.ts';
import type { WorkCalendar } from '../workflows/calendar.ts';
import { claimCurrencies } from '../workflows/claims.ts';
import type { LifecycleEnv } from '../workflows/lifecycle.ts';

export interface Deps {
  db: Database;
  clock: Clock;
  config: OrgConfig;
  calendar: WorkCalendar;
  directory: Directory;
  newId?: () => string;
  /** Platforms notifications are written for (those running); none means state changes notify no one. */
  platforms?: readonly PlatformName[];
  /** Called after a transaction that wrote notifications commits (the engine delivers them at once). */
  afterCommit?: () => void;
}

/** The environment a workflow decision runs in, at one instant. */
export function lifecycleEnv(deps: Deps, now: Date): LifecycleEnv {
  const { config } = deps;
  return {
    now,
    config,
    directory: deps.directory,
    calendar: deps.calendar,
    policy: config.deadlines,
    newId: deps.newId ?? randomUUID,
    input: {
      now,
      timeZone: config.organisation.timeZone,
      categories: config.categories.map((c) => c.key),
      departments: config.departments.map((d) => d.key),
      currencies: claimCurrencies(config.claims),
      extensionHorizonDays: config.deadlines.extension.maxHorizonDays,
      causeCategories: config.rootCauses.categories.map((c) => c.key),
    },
  };
}
