/**
 * Opening the database: SQLite through @prisma/adapter-libsql (the embedded default) or PostgreSQL
 * through @prisma/adapter-pg. Both generated clients share one schema, so the SQLite client's type
 * describes both.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaLibSql } from '@prisma/adapter-libsql';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/sqlite/client.ts';
import type { Prisma } from './generated/sqlite/client.ts';
import { KesuError } from '../errors.ts';

export type Provider = 'sqlite' | 'postgresql';

export interface Database {
  provider: Provider;
  prisma: PrismaClient;
  url: string;
  close(): Promise<void>;
}

export function providerOf(url: string): Provider {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  throw new KesuError('database_unavailable', { url: '(unsupported DATABASE_URL scheme)' });
}

export function sqlitePath(url: string): string {
  const rest = url.slice('file:'.length);
  return rest.startsWith('//') ? fileURLToPath(url) : rest;
}

export async function openDatabase(url: string): Promise<Database> {
  const provider = providerOf(url);
  if (provider === 'sqlite') {
    mkdirSync(dirname(sqlitePath(url)), { recursive: true });
    const prisma = new PrismaClient({ adapter: new PrismaLibSql({ url: `file:${sqlitePath(url)}` }) });
    // WAL lets readers go on while a writer commits; the busy timeout rides out a second connection's lock.
    await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await prisma.$queryRawUnsafe('PRAGMA busy_timeout = 10000');
    await prisma.$queryRawUnsafe('PRAGMA foreign_keys = ON');
    return { provider, prisma, url, close: () => prisma.$disconnect() };
  }
  const { PrismaClient: PgClient } = await import('./generated/postgresql/client.ts');
  const prisma = new PgClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) }) as unknown as PrismaClient;
  try {
    await prisma.$queryRawUnsafe('SELECT 1');
  } catch (e) {
    await prisma.$disconnect();
    throw new KesuError('database_unavailable', { url: new URL(url).host }, { cause: e });
  }
  return { provider, prisma, url, close: () => prisma.$disconnect() };
}

/** Interactive transaction with timeouts that survive a burst of concurrent writers. */
export function runInTransaction<T>(db: Database, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return db.prisma.$transaction(fn, { maxWait: 15_000, timeout: 30_000 });
}
