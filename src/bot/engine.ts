/**
 * Runs the deadline engine: node-cron calls `tick` every minute in the organisation's time zone and
 * then the dispatcher delivers what the outbox holds. On SQLite one process is the supported mode:
 * a lease row refuses a second engine with a clear message. On PostgreSQL several replicas may run.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { Core } from './boot.ts';
import { tick, type EngineDeps, type TickResult } from '../commands/tick.ts';
import { channelCardRenderer } from '../commands/cards.ts';
import { KesuError } from '../errors.ts';
import { createDispatcher, type DispatchResult } from '../notifiers/dispatcher.ts';
import type { Deliverer } from '../notifiers/deliverer.ts';

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
}

async function holdSqliteLease(core: Core, owner: string, now: Date): Promise<void> {
  const { prisma } = core.deps.db;
  const until = new Date(now.getTime() + LEASE_MS);
  const current = await prisma.marker.findUnique({ where: { key: LEASE_KEY } });
  if (current && current.owner !== owner && current.until > now) {
    throw new KesuError('engine_running', { owner: current.owner, until: current.until.toISOString() });
  }
  await prisma.marker.upsert({
    where: { key: LEASE_KEY },
    create: { key: LEASE_KEY, owner, until, createdAt: now },
    update: { owner, until },
  });
}

export async function startEngine(core: Core, deliverers: readonly Deliverer[], options: { schedule?: boolean } = {}): Promise<Engine> {
  const owner = `${hostname()}:${process.pid}:${randomBytes(2).toString('hex')}`;
  // State changes write notifications for the platforms that deliver them: those the engine runs.
  core.deps.platforms = deliverers.map((d) => d.platform);
  const deps: EngineDeps = { ...core.deps, platforms: core.deps.platforms };
  const sqlite = deps.db.provider === 'sqlite';
  if (sqlite) await holdSqliteLease(core, owner, deps.clock.now());
  const stopping = new AbortController();
  const dispatcher = createDispatcher(deps.db, deliverers, {
    signal: stopping.signal,
    owner,
    logger: core.logger,
    maxAttempts: core.settings.deliveryMaxAttempts,
    renderCard: channelCardRenderer(deps),
  });
  let running: Promise<StepResult> | undefined;
  // One dispatch at a time in this process (the tick's and the after-commit ones): two deliveries of
  // one complaint's card must not both find no stored message and both post a card.
  let delivering: Promise<unknown> = Promise.resolve();
  const dispatch = (now: Date) => {
    const next = delivering.then(() => dispatcher.dispatch(now));
    delivering = next.catch(() => undefined);
    return next;
  };

  async function step(): Promise<StepResult> {
    const now = deps.clock.now();
    if (sqlite) await holdSqliteLease(core, owner, now);
    const t = await tick(deps, now);
    const d = await dispatch(now);
    if (t.steps || t.digest || t.reports || d.sent || d.retried || d.dead) core.logger.info({ tick: t, delivered: d }, 'engine step');
    return { tick: t, delivered: d };
  }
  let stopped = false;
  const idleResult: StepResult = { tick: { steps: 0, notifications: 0, digest: false, reports: 0 }, delivered: { sent: 0, retried: 0, dead: 0 } };
  // After stop nothing runs: a late request must not take the lease again or touch a closed database.
  const runOnce = () => (stopped ? Promise.resolve(idleResult) : (running ??= step().finally(() => (running = undefined))));
  // Deliver right after a change commits, not only on the next minute's tick.
  core.deps.afterCommit = () => {
    dispatch(deps.clock.now()).catch((e: unknown) => core.logger.error({ err: e }, 'delivery after commit failed'));
  };

  let task: ScheduledTask | undefined;
  if (options.schedule !== false) {
    task = cron.schedule('* * * * *', () => runOnce().catch((e: unknown) => core.logger.error({ err: e }, 'engine step failed')), {
      timezone: core.config.organisation.timeZone,
      noOverlap: true,
      name: 'kesu-deadlines',
    });
  }
  const idle = async () => {
    await running?.catch(() => undefined);
    await delivering;
  };
  return {
    runOnce,
    idle,
    async stop() {
      stopped = true;
      stopping.abort(); // a delivery backlog (paced per channel) must not hold up shutdown
      await task?.stop();
      core.deps.afterCommit = undefined;
      await idle();
      if (sqlite) await deps.db.prisma.marker.deleteMany({ where: { key: LEASE_KEY, owner } });
    },
  };
}
