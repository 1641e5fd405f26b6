/**
 * Committed SQL migrations, one folder per provider (prisma/migrations/<provider>/<ts>_<name>/),
 * applied at start-up; drift checks against prisma/schema.prisma; and writing new migrations — all
 * through the WebAssembly schema engine, offline.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { JsResult } from '@prisma/schema-engine-wasm';
import { KesuError } from '../errors.ts';
import type { Database, Provider } from './client.ts';
import { NO_FILTERS, openEngine, PRISMA_DIR, schemaFiles, type EngineHandle } from './schema-engine.ts';

const LOCKFILE = 'migration_lock.toml';
const EMPTY = /^\s*(--\s*This is an empty migration\.?\s*)?$/;

export function migrationsDir(provider: Provider): string {
  return join(PRISMA_DIR, 'migrations', provider);
}

export interface MigrationOptions {
  /** The provider's migrations folder; default prisma/migrations/<provider>. */
  dir?: string;
}

function readSql(dir: string): JsResult<string, string> {
  try {
    return { tag: 'ok', value: readFileSync(join(dir, 'migration.sql'), 'utf8') };
  } catch (e) {
    return { tag: 'error', value: e instanceof Error ? e.message : String(e) };
  }
}

function migrationsList(baseDir: string) {
  const dirs = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  return {
    baseDir,
    lockfile: { path: LOCKFILE, content: existsSync(join(baseDir, LOCKFILE)) ? readFileSync(join(baseDir, LOCKFILE), 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((path) => ({ path, migrationFile: { path: 'migration.sql', content: readSql(join(baseDir, path)) } })),
  };
}

async function withEngine<T>(url: string, fn: (engine: EngineHandle['engine']) => Promise<T>): Promise<T> {
  const handle = await openEngine(url);
  try {
    return await fn(handle.engine);
  } finally {
    await handle.close();
  }
}

/** Apply pending committed migrations, recording them in `_prisma_migrations`; idempotent. */
export async function applyMigrations(
  db: Pick<Database, 'url' | 'provider'>,
  opts: MigrationOptions = {},
): Promise<{ applied: string[] }> {
  try {
    const list = migrationsList(opts.dir ?? migrationsDir(db.provider));
    return await withEngine(db.url, async (engine) => {
      const out = await engine.applyMigrations({ migrationsList: list, filters: NO_FILTERS });
      return { applied: out.appliedMigrationNames };
    });
  } catch (e) {
    // The engine appends its Rust span trace ("   0: sql_schema_connector::…"); the first part says it all.
    const message = e instanceof Error ? e.message : String(e);
    const migration = /migration_name="([^"]+)"/.exec(message)?.[1];
    const reason = message.split(/\n\s+0: /)[0]!.trim() + (migration ? ` (migration ${migration})` : '');
    throw new KesuError('migration_failed', { reason }, { cause: e });
  }
}

/** Compare the live database with prisma/schema.prisma; `script` is the SQL that would bring it in line. */
export async function checkDrift(db: Pick<Database, 'url' | 'provider'>): Promise<{ inSync: boolean; script: string }> {
  return withEngine(db.url, async (engine) => {
    const files = schemaFiles(db.provider);
    const out = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: PRISMA_DIR },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    const script = out.stdout ?? '';
    return { inSync: EMPTY.test(script), script };
  });
}

/** The PostgreSQL server for scratch databases: the one given, else KESU_TEST_PG_URL, else DATABASE_URL. */
export function scratchServer(given?: string): string {
  const server = [given, process.env.KESU_TEST_PG_URL, process.env.DATABASE_URL].find((u) => u && /^postgres(ql)?:\/\//i.test(u));
  if (!server) {
    const message =
      'PostgreSQL migrations are diffed on a scratch database: set DATABASE_URL or KESU_TEST_PG_URL to a PostgreSQL server where the role may CREATE DATABASE';
    throw new KesuError('database_unavailable', { url: '(no PostgreSQL server)' }, { message });
  }
  return server;
}

async function onServer(server: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** An empty scratch database, removed by `drop()`. */
async function scratch(provider: Provider, server?: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'kesu-scratch-'));
    return { url: `file:${join(dir, 'scratch.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = scratchServer(server);
  const name = `kesu_scratch_${randomBytes(5).toString('hex')}`;
  try {
    await onServer(admin, `CREATE DATABASE ${name}`);
  } catch (e) {
    throw new KesuError('database_unavailable', { url: `${new URL(admin).host} (CREATE DATABASE ${name} failed)` }, { cause: e });
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export interface CreateMigrationOptions extends MigrationOptions {
  /** The folder's timestamp; default now. */
  now?: Date;
  /** PostgreSQL server for the scratch database (see scratchServer). */
  server?: string;
}

/**
 * Write `<dir>/<UTC timestamp>_<name>/migration.sql` with the SQL that takes a database migrated with
 * the committed migrations to prisma/schema.prisma (found by migrating a scratch database and diffing
 * it). Returns the new folder, or null when the migrations already match the schema.
 */
export async function createMigration(
  provider: Provider,
  name: string,
  opts: CreateMigrationOptions = {},
): Promise<string | null> {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
  if (!slug) throw new KesuError('validation_failed', { field: 'name' });
  const base = opts.dir ?? migrationsDir(provider);
  const db = await scratch(provider, opts.server);
  try {
    await applyMigrations({ url: db.url, provider }, { dir: base });
    const { inSync, script } = await checkDrift({ url: db.url, provider });
    if (inSync) return null;
    const stamp = (opts.now ?? new Date()).toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = join(base, `${stamp}_${slug}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'migration.sql'), script);
    const lock = join(base, LOCKFILE);
    if (!existsSync(lock)) {
      writeFileSync(lock, `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`);
    }
    return dir;
  } finally {
    await db.drop();
  }
}
