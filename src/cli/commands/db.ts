import type { Command } from 'commander';
import { loadSettings, databaseProvider } from '../../config/env.ts';
import { openDatabase } from '../../store/client.ts';
import { applyMigrations, checkDrift, createMigration } from '../../store/migrate.ts';
import { out } from '../io.ts';

export function register(program: Command): void {
  const db = program.command('db').description('database migrations (offline, WebAssembly schema engine)');

  db.command('migrate')
    .description('apply pending migrations to DATABASE_URL')
    .action(async () => {
      const database = await openDatabase(loadSettings().databaseUrl);
      try {
        const { applied } = await applyMigrations(database);
        out(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      } finally {
        await database.close();
      }
    });

  db.command('diff')
    .description('write new migrations (SQLite and PostgreSQL) for changes to prisma/schema.prisma')
    .argument('<name>', 'a short name for the migration, e.g. add_outbox')
    .action(async (name: string) => {
      for (const provider of ['sqlite', 'postgresql'] as const) {
        const dir = await createMigration(provider, name);
        out(dir ? `${provider}: wrote ${dir}` : `${provider}: no changes`);
      }
    });

  db.command('check')
    .description('compare the live database with prisma/schema.prisma')
    .action(async () => {
      const settings = loadSettings();
      const database = await openDatabase(settings.databaseUrl);
      try {
        const drift = await checkDrift(database);
        out(drift.inSync ? `${databaseProvider(settings.databaseUrl)}: schema in sync` : drift.script);
        if (!drift.inSync) process.exitCode = 1;
      } finally {
        await database.close();
      }
    });
}
