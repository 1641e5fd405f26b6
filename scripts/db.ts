/**
 * Migrations by hand (the same as `kesu db`):
 *   npx tsx scripts/db.ts diff <name>   write new migrations for SQLite and PostgreSQL from prisma/schema.prisma
 *                                       (PostgreSQL diffs on a scratch database: KESU_TEST_PG_URL or a postgres DATABASE_URL)
 *   npx tsx scripts/db.ts migrate       apply pending migrations to DATABASE_URL (default file:./data/kesu.db)
 */
import { loadSettings } from '../src/config/env.ts';
import { openDatabase } from '../src/store/client.ts';
import { applyMigrations, createMigration, scratchServer } from '../src/store/migrate.ts';

async function main(command?: string, name?: string): Promise<void> {
  const settings = loadSettings();
  if (command === 'diff' && name) {
    const server = scratchServer(settings.databaseUrl); // before writing anything: PostgreSQL needs a server
    const now = new Date(); // one timestamp for both providers
    for (const provider of ['sqlite', 'postgresql'] as const) {
      const dir = await createMigration(provider, name, { now, server });
      console.log(dir ? `${provider}: wrote ${dir}` : `${provider}: no changes`);
    }
  } else if (command === 'migrate') {
    const db = await openDatabase(settings.databaseUrl);
    try {
      const { applied } = await applyMigrations(db);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    } finally {
      await db.close();
    }
  } else {
    console.error('usage: npx tsx scripts/db.ts diff <name> | migrate');
    process.exitCode = 2;
  }
}

main(...process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
