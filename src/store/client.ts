/**
 * Opening the database: SQLite through @prisma/adapter-libsql (the embedded default) or PostgreSQL
 * through @prisma/adapter-pg. Both generated clients come from one schema, so the SQLite client's
 * type describes both for the subset we use.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/sqlite/client.ts';
import type { Prisma } from './generated/sqlite/client.ts';
import { KesuError, isKesuError } from '../errors.ts';
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
    watchFile(prisma, sqlitePath(url));
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
 * The SQLite file a client opened, by identity (device and inode). Deleted or replaced under a running
 * process (`rm data/kesu.db*`, a backup moved into place), its connection would go on reading and
 * writing the old inode — answering "filed" for data that is gone at the next start.
 */
interface WatchedFile {
  path: string;
  identity: string;
  listeners: Set<(e: KesuError) => void>;
}
const watched = new WeakMap<object, WatchedFile>();

function identityOf(path: string): string | undefined {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.dev}:${s.ino}`;
  } catch {
    return undefined; // gone (or unreadable): not the file we opened either way
  }
}

function watchFile(prisma: PrismaClient, path: string): void {
  const identity = identityOf(path);
  if (identity) watched.set(prisma, { path, identity, listeners: new Set() });
}

/**
 * Throws `database_replaced` when the SQLite file this database was opened on is gone or another file
 * has taken its path (one `stat`). A no-op on PostgreSQL. `cause`: the failure that prompted the check.
 */
export function checkDatabaseFile(db: Pick<Database, 'prisma'>, cause?: unknown): void {
  const file = watched.get(db.prisma);
  if (!file || identityOf(file.path) === file.identity) return;
  const error = new KesuError('database_replaced', {}, { cause, message: `database_replaced: the SQLite file ${file.path} was deleted or replaced while this process had it open` });
  for (const listener of file.listeners) listener(error);
  throw error;
}

/** Calls `listener` each time a write is refused because the SQLite file was replaced (the running bot logs it); returns the unsubscribe. */
export function onDatabaseReplaced(db: Pick<Database, 'prisma'>, listener: (e: KesuError) => void): () => void {
  const file = watched.get(db.prisma);
  file?.listeners.add(listener);
  return () => void file?.listeners.delete(listener);
}

/** The path of the watched SQLite file, for log lines. */
export function databaseFileOf(db: Pick<Database, 'prisma'>): string | undefined {
  return watched.get(db.prisma)?.path;
}

/**
 * An interactive transaction. On SQLite, @prisma/adapter-libsql holds an in-process lock from BEGIN
 * to COMMIT, so concurrent transactions of one client run one after another (`maxWait` bounds the
 * queueing); two processes writing one SQLite file are not supported. On PostgreSQL they run in
 * parallel on the pool, and `maxWait` bounds the wait for a connection.
 *
 * On SQLite the file's identity is checked before the transaction, again just before it commits (so a
 * file deleted meanwhile rolls it back rather than committing into a file that is gone), and when it
 * fails: a replaced file turns into `database_replaced` instead of being reported as saved.
 */
export async function runInTransaction<T>(db: Database, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  checkDatabaseFile(db);
  try {
    return await db.prisma.$transaction(
      async (tx) => {
        const result = await fn(tx);
        checkDatabaseFile(db);
        return result;
      },
      { maxWait: 10_000, timeout: 20_000 },
    );
  } catch (e) {
    if (!isKesuError(e, 'database_replaced')) checkDatabaseFile(db, e);
    throw e;
  }
}
