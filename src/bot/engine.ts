/**
 * Runs the deadline engine: node-cron calls `tick` every minute in the organisation's time zone and
 * then the dispatcher delivers what the outbox holds. On SQLite one process is the supported mode:
 * a lease row refuses a second engine with a clear message (a holder on this host whose process has
 * exited is recognised at once), and each step first checks that the database file is still the one
 * opened. On PostgreSQL several replicas may run.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { Core } from './boot.ts';
import { tick, type EngineDeps, type TickResult } from '../commands/tick.ts';
import { cardRenderer } from '../commands/cards.ts';
import { statementAttachment } from '../commands/statements.ts';
import { KesuError } from '../errors.ts';
import { checkDatabaseFile, databaseFileOf, onDatabaseReplaced } from '../store/client.ts';
import { readMarker, releaseLease, swapMarker } from '../store/markers.ts';
import { createDispatcher, type DispatcherOptions, type DispatchResult } from '../notifiers/dispatcher.ts';
import type { Deliverer } from '../notifiers/deliverer.ts';
import { unreachableHandlers } from '../commands/unreachable.ts';

const LEASE_KEY = 'engine:sqlite';
const LEASE_MS = 3 * 60_000;

export interface StepResult {
  tick: TickResult;
  delivered: DispatchResult;
}

export interface Engine {
  /** One step now: ladder steps and digests, then delivery. */
  runOnce(): Promise<StepResult>;
  /** Resolves when the engine has finished what it is doing (tests, shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
  /** When the last step's tick finished (the engine's clock), for readiness; undefined before the first. */
  lastStepAt(): Date | undefined;
}

/** Engine owners started in this process and not stopped: a lease naming this pid but none of them is a former process's. */
const ownersHere = new Set<string>();

/**
 * True when a lease owner (`host:pid:tag`) is a process that has certainly exited: it ran on this host
 * and its pid is gone (or is this very process, under another owner tag — a restart that got the same
 * pid, as happens in containers). A holder on another host, or one that may be alive, is not.
 */
export function ownerIsGone(owner: string): boolean {
  const m = /^(.*):(\d+):[^:]*$/.exec(owner);
  if (!m || m[1] !== hostname()) return false;
  const pid = Number(m[2]);
  if (pid === process.pid) return !ownersHere.has(owner);
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH'; // EPERM: alive, another user's
  }
}

/** A lease's end as local wall-clock time with seconds, e.g. `2026-03-02 09:33:05 (Asia/Shanghai)`. */
function untilText(until: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' }).format(until);
  return `${text} (${timeZone})`;
}

/**
 * Takes or renews the engine lease, with a compare-and-set so two processes starting together cannot
 * both take it. Refuses (`engine_running`, naming the holder and when its lease frees) while another
 * owner holds it, unless that owner's process is gone.
 */
async function holdSqliteLease(core: Core, owner: string, now: Date): Promise<void> {
  const { db } = core.deps;
  const until = new Date(now.getTime() + LEASE_MS);
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await readMarker(db.prisma, LEASE_KEY);
    if (current && current.owner !== owner && current.until > now) {
      if (!ownerIsGone(current.owner)) {
        throw new KesuError('engine_running', { owner: current.owner, until: untilText(current.until, core.config.organisation.timeZone) });
      }
      core.logger.warn({ owner: current.owner }, 'the engine lease was held by a process on this host that has exited: taking it over');
    }
    // A compare-and-set: of two processes starting together, one gets it; the other looks again.
    if (await swapMarker(db, LEASE_KEY, current, { owner, until, createdAt: now })) return;
  }
  const current = await readMarker(db.prisma, LEASE_KEY);
  throw new KesuError('engine_running', { owner: current?.owner ?? '?', until: current ? untilText(current.until, core.config.organisation.timeZone) : '?' });
}

/**
 * For one-off engine steps (`kesu tick`): refuses (`engine_running`) while a live engine holds the SQLite
 * database — a second engine would take its ladder steps and send them where that engine does not.
 */
export async function assertNoRunningEngine(core: Core, now: Date): Promise<void> {
  if (core.deps.db.provider !== 'sqlite') return;
  const current = await readMarker(core.deps.db.prisma, LEASE_KEY);
  if (current && current.until > now && !ownerIsGone(current.owner)) {
    throw new KesuError('engine_running', { owner: current.owner, until: untilText(current.until, core.config.organisation.timeZone) });
  }
}

/** Logs a refused write on a deleted or replaced SQLite file as an error, with what to do. */
function reportReplaced(core: Core, e: KesuError): void {
  core.logger.error(
    { err: e, database: databaseFileOf(core.deps.db) },
    'The SQLite database file was deleted or replaced while Kesu was running: writes are refused (nothing is answered as saved). Restore the file, or restart Kesu to open the file now at that path.',
  );
}

export interface EngineOptions {
  /** Step every minute (default true; tests step it themselves). */
  schedule?: boolean;
  /** Told every send attempt's outcome (metrics). */
  onAttempt?: DispatcherOptions['onAttempt'];
}

export async function startEngine(core: Core, deliverers: readonly Deliverer[], options: EngineOptions = {}): Promise<Engine> {
  const owner = `${hostname()}:${process.pid}:${randomBytes(2).toString('hex')}`;
  // State changes write notifications for the deployment's platforms (fixed at boot): each needs its deliverer.
  const deps: EngineDeps = { ...core.deps, platforms: core.deps.platforms ?? [] };
  const missing = (deps.platforms ?? []).filter((p) => !deliverers.some((d) => d.platform === p));
  if (missing.length) throw new Error(`startEngine: no deliverer for ${missing.join(', ')} (the platforms fixed at boot)`);
  ownersHere.add(owner);
  const sqlite = deps.db.provider === 'sqlite';
  if (sqlite) {
    try {
      checkDatabaseFile(deps.db);
      await holdSqliteLease(core, owner, deps.clock.now());
    } catch (e) {
      ownersHere.delete(owner);
      throw e;
    }
  }
  // Every write refused on a replaced SQLite file is an error in the log, whichever entry point made it.
  const unwatch = onDatabaseReplaced(deps.db, (e) => reportReplaced(core, e));
  const stopping = new AbortController();
  const dispatcher = createDispatcher(deps.db, deliverers, {
    signal: stopping.signal,
    owner,
    clock: () => deps.clock.now(),
    scheduleRetries: true,
    logger: core.logger,
    maxAttempts: core.settings.deliveryMaxAttempts,
    renderCard: cardRenderer(deps),
    renderFile: statementAttachment(deps),
    ...(options.onAttempt ? { onAttempt: options.onAttempt } : {}),
    ...unreachableHandlers(deps, core.logger, () => dispatcher.kick()),
  });
  let running: Promise<StepResult> | undefined;
  let lastStep: Date | undefined;

  /** Ladder steps and digests, then delivery: awaited (start-up, tests), or started for the lanes to finish (cron). */
  async function step(wait: boolean): Promise<StepResult> {
    const now = deps.clock.now();
    if (sqlite) {
      checkDatabaseFile(deps.db); // a deleted or replaced file: refuse loudly, every step
      await holdSqliteLease(core, owner, now);
    }
    const t = await tick(deps, now);
    lastStep = deps.clock.now();
    const d = wait ? await dispatcher.dispatch(now) : (dispatcher.kick(), { sent: 0, retried: 0, dead: 0 });
    if (t.steps || t.digest || t.reports || d.sent || d.retried || d.dead) core.logger.info({ tick: t, delivered: d }, 'engine step');
    return { tick: t, delivered: d };
  }
  let stopped = false;
  const idleResult: StepResult = { tick: { steps: 0, notifications: 0, digest: false, reports: 0 }, delivered: { sent: 0, retried: 0, dead: 0 } };
  // After stop nothing runs: a late request must not take the lease again or touch a closed database.
  const stepOnce = (wait: boolean) => (stopped ? Promise.resolve(idleResult) : (running ??= step(wait).finally(() => (running = undefined))));
  const runOnce = () => stepOnce(true);
  // Deliver right after a change commits, not only on the next minute's tick.
  core.deps.afterCommit = () => dispatcher.kick();

  let task: ScheduledTask | undefined;
  if (options.schedule !== false) {
    // Each minute: the tick, and delivery started (a backlog paced per channel must not hold up the next tick).
    task = cron.schedule('* * * * *', () => stepOnce(false).catch((e: unknown) => core.logger.error({ err: e }, 'engine step failed')), {
      timezone: core.config.organisation.timeZone,
      noOverlap: true,
      name: 'kesu-deadlines',
    });
  }
  const idle = async () => {
    await running?.catch(() => undefined);
    await dispatcher.idle();
  };
  return {
    runOnce,
    idle,
    lastStepAt: () => lastStep,
    async stop() {
      stopped = true;
      stopping.abort(); // a delivery backlog (paced per channel) must not hold up shutdown
      dispatcher.close();
      await task?.stop();
      core.deps.afterCommit = undefined;
      await idle();
      unwatch();
      ownersHere.delete(owner);
      if (sqlite) await releaseLease(deps.db, LEASE_KEY, owner);
    },
  };
}
