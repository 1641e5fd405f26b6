/**
 * Opening the database: SQLite through @prisma/adapter-libsql (the embedded default) or PostgreSQL
 * through @prisma/adapter-pg. Both generated clients come from one schema, so the SQLite client's
 * type describes both for the subset we use.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/sqlite/client.ts';
import type { Prisma } from './generated/sqlite/client.ts';
import { KesuError } from '../errors.ts';
import { SqliteAdapter } from './libsql.ts';

export type Provider = 'sqlite' | 'postgresql';

export interface Database {
  provider: Provider;
  prisma: PrismaClient;
  url: string;
  close(): Promise<void>;
}

/** How long a SQLite connection waits for another connection's lock before SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;
const PG_POOL_SIZE = 10;

export function providerOf(url: string): Provider {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgresql';
  throw new KesuError('database_unavailable', { url: '(unsupported DATABASE_URL scheme)' });
}

/** The absolute file path of a SQLite `file:` URL (`file:./data/kesu.db`, `file:/abs`, `file:///abs`). */
export function sqlitePath(url: string): string {
  const bare = url.split('?')[0]!;
  return resolve(bare.startsWith('file://') ? fileURLToPath(bare) : bare.slice('file:'.length));
}

/** The libsql client config for a SQLite URL (shared with the schema engine). */
export function libsqlConfig(url: string) {
  // `timeout` is the busy timeout of every connection the client opens. A `PRAGMA busy_timeout`
  // would only reach the first one: @libsql/client hands that connection to the first transaction
  // and opens a fresh one for what follows.
  return { url: `file:${sqlitePath(url)}`, timeout: SQLITE_BUSY_TIMEOUT_MS };
}

export async function openDatabase(url: string): Promise<Database> {
  const provider = providerOf(url);
  if (provider === 'sqlite') {
    mkdirSync(dirname(sqlitePath(url)), { recursive: true });
    const prisma = new PrismaClient({ adapter: new SqliteAdapter(libsqlConfig(url)) });
    try {
      // WAL is stored in the file (set once, kept by every later connection): readers go on while a
      // writer commits. libsql enforces foreign keys by default.
      await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    } catch (e) {
      await prisma.$disconnect();
      throw new KesuError('database_unavailable', { url: sqlitePath(url) }, { cause: e });
    }
    return { provider, prisma, url, close: () => prisma.$disconnect() };
  }
  const { PrismaClient: PgClient } = await import('./generated/postgresql/client.ts');
  const adapter = new PrismaPg({ connectionString: url, max: PG_POOL_SIZE });
  const prisma = new PgClient({ adapter }) as unknown as PrismaClient;
  try {
    await prisma.$queryRawUnsafe('SELECT 1');
  } catch (e) {
    await prisma.$disconnect();
    throw new KesuError('database_unavailable', { url: new URL(url).host }, { cause: e });
  }
  return { provider, prisma, url, close: () => prisma.$disconnect() };
}

/**
 * An interactive transaction. On SQLite, @prisma/adapter-libsql holds an in-process lock from BEGIN
 * to COMMIT, so concurrent transactions of one client run one after another (`maxWait` bounds the
 * queueing); two processes writing one SQLite file are not supported. On PostgreSQL they run in
 * parallel on the pool, and `maxWait` bounds the wait for a connection.
 */
export function runInTransaction<T>(db: Database, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return db.prisma.$transaction(fn, { maxWait: 10_000, timeout: 20_000 });
}
