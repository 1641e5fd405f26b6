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
import { KesuError } from '../errors.ts';
import type { Database, Provider } from './client.ts';
import { NO_FILTERS, openEngine, PRISMA_DIR, schemaFiles, type EngineHandle } from './schema-engine.ts';

const LOCKFILE = 'migration_lock.toml';
const EMPTY = /^\s*(--\s*This is an empty migration\.?\s*)?$/;

export function migrationsDir(provider: Provider): string {
  return join(PRISMA_DIR, 'migrations', provider);
}

function migrationsList(provider: Provider) {
  const baseDir = migrationsDir(provider);
  const dirs = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  return {
    baseDir,
    lockfile: { path: LOCKFILE, content: existsSync(join(baseDir, LOCKFILE)) ? readFileSync(join(baseDir, LOCKFILE), 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((path) => ({
      path,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: readFileSync(join(baseDir, path, 'migration.sql'), 'utf8') } },
    })),
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

/** Apply pending committed migrations; idempotent. */
export async function applyMigrations(db: Pick<Database, 'url' | 'provider'>): Promise<{ applied: string[] }> {
  try {
    return await withEngine(db.url, async (engine) => {
      const out = await engine.applyMigrations({ migrationsList: migrationsList(db.provider), filters: NO_FILTERS });
      return { applied: out.appliedMigrationNames };
    });
  } catch (e) {
    throw new KesuError('migration_failed', { reason: e instanceof Error ? e.message : String(e) }, { cause: e });
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

/** A scratch database with the committed migrations applied; dropped by the returned cleanup. */
async function scratch(provider: Provider): Promise<{ url: string; drop(): Promise<void> }> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'kesu-scratch-'));
    return { url: `file:${join(dir, 'scratch.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const server = [process.env.KESU_TEST_PG_URL, process.env.DATABASE_URL].find((u) => u && /^postgres(ql)?:/.test(u));
  if (!server) throw new KesuError('database_unavailable', { url: 'PostgreSQL diffs need a server in DATABASE_URL or KESU_TEST_PG_URL' });
  const name = `kesu_scratch_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Write a migration taking the committed migrations to the current schema; null when nothing changed. */
export async function createMigration(provider: Provider, name: string, now = new Date()): Promise<string | null> {
  const db = await scratch(provider);
  try {
    await applyMigrations({ url: db.url, provider });
    const { inSync, script } = await checkDrift({ url: db.url, provider });
    if (inSync) return null;
    const base = migrationsDir(provider);
    const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = join(base, `${stamp}_${name.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`);
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
