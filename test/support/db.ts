/** Fresh, migrated databases for tests: a temp SQLite file, or a new database on the test PostgreSQL server. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type Provider } from '../../src/store/client.ts';
import { applyMigrations } from '../../src/store/migrate.ts';

export type TestDatabase = Database & { cleanup(): Promise<void> };

/** True when the global setup started (or was given) a PostgreSQL server. */
export function pgAvailable(): boolean {
  return Boolean(process.env.KESU_TEST_PG_URL);
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.KESU_TEST_PG_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A database URL with nothing in it yet (not migrated). */
export async function emptyDatabaseUrl(provider: Provider, opts: { dir?: string } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(opts.dir ?? tmpdir(), 'kesu-db-'));
    return { url: `file:${join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (!pgAvailable()) throw new Error('no PostgreSQL test server (KESU_TEST_PG_URL)');
  const name = `kesu_test_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.KESU_TEST_PG_URL!);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A fresh database with the committed migrations applied; `cleanup()` closes and deletes it. `dir`: where a SQLite file goes. */
export async function openTestDatabase(provider: Provider, opts: { dir?: string } = {}): Promise<TestDatabase> {
  const { url, drop } = await emptyDatabaseUrl(provider, opts);
  const db = await openDatabase(url).catch(async (e: unknown) => {
    await drop();
    throw e;
  });
  try {
    await applyMigrations(db);
  } catch (e) {
    await db.close();
    await drop();
    throw e;
  }
  return {
    ...db,
    async cleanup() {
      await db.close();
      await drop();
    },
  };
}
