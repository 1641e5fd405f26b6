/**
 * Read-only figures for health checks and metrics (`/readyz`, `/metrics`): is the database reachable and
 * migrated, the outbox per platform, the ladder's lag, open complaints. Each is one cheap query over an
 * index (outbox by status, deadlines by next step time, complaints by status), run at scrape time.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { Database } from './client.ts';
import { migrationsDir } from './migrate.ts';

/** Answers when the database does; throws otherwise. */
export async function pingDatabase(db: Database): Promise<void> {
  await db.prisma.$queryRawUnsafe('SELECT 1');
}

/**
 * Committed migrations not (successfully) applied to this database: empty when it is up to date.
 * `none`: the database has no migrations table (never migrated), so every committed one is pending.
 */
export async function pendingMigrations(db: Database, none = false): Promise<string[]> {
  const dir = migrationsDir(db.provider);
  const committed = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [];
  const rows = none
    ? []
    : await db.prisma.$queryRawUnsafe<Array<{ migration_name: string }>>(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      );
  const applied = new Set(rows.map((r) => r.migration_name));
  return committed.filter((name) => !applied.has(name)).sort();
}

export interface OutboxFigures {
  /** Rows waiting to be delivered, per platform. */
  pending: Record<string, number>;
  /** Rows given up on (dead letters), per platform. */
  dead: Record<string, number>;
  /** The creation time of the oldest pending row, per platform. */
  oldestPending: Record<string, Date>;
}

export async function outboxFigures(db: Database): Promise<OutboxFigures> {
  const out: OutboxFigures = { pending: {}, dead: {}, oldestPending: {} };
  const counts = await db.prisma.outbox.groupBy({ by: ['platform', 'status'], where: { status: { in: ['pending', 'dead'] } }, _count: { _all: true } });
  for (const row of counts) out[row.status === 'dead' ? 'dead' : 'pending'][row.platform] = row._count._all;
  const oldest = await db.prisma.outbox.groupBy({ by: ['platform'], where: { status: 'pending' }, _min: { createdAt: true } });
  for (const row of oldest) if (row._min.createdAt) out.oldestPending[row.platform] = new Date(row._min.createdAt);
  return out;
}

/** The due time of the oldest ladder step due at `now` that no tick has taken yet (undefined: none is due). */
export async function oldestDueStep(db: Database, now: Date): Promise<Date | undefined> {
  const row = await db.prisma.deadline.findFirst({ where: { nextStepAt: { lte: now } }, orderBy: { nextStepAt: 'asc' }, select: { nextStepAt: true } });
  return row?.nextStepAt ? new Date(row.nextStepAt) : undefined;
}

/** Complaints not closed or rejected, by status and department. */
export async function openComplaintCounts(db: Database): Promise<Array<{ status: string; department: string; count: number }>> {
  const rows = await db.prisma.complaint.groupBy({ by: ['status', 'department'], where: { status: { notIn: ['closed', 'rejected'] } }, _count: { _all: true } });
  return rows.map((r) => ({ status: r.status, department: r.department, count: r._count._all }));
}
