import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/client.ts';
import { readdirSync } from 'node:fs';
import { applyMigrations, checkDrift, createMigration, migrationsDir } from '../../src/store/migrate.ts';
import { emptyDatabaseUrl, pgAvailable } from '../support/db.ts';

for (const [provider, available] of [['sqlite', true], ['postgresql', pgAvailable()]] as const) {
  describe.runIf(available)(`migrations on ${provider}`, () => {
    const drops: Array<() => Promise<void>> = [];
    afterAll(async () => {
      for (const drop of drops) await drop();
    });

    it('apply to an empty database, then apply nothing; the migrated schema matches prisma/schema.prisma', async () => {
      const { url, drop } = await emptyDatabaseUrl(provider);
      drops.push(drop);
      const db = await openDatabase(url);
      try {
        const first = await applyMigrations(db);
        expect(first.applied).toEqual(readdirSync(migrationsDir(provider)).filter((f) => /^\d{14}_/.test(f)).sort());
        expect(first.applied[0]).toMatch(/^\d{14}_init$/);
        expect((await applyMigrations(db)).applied).toEqual([]);
        const drift = await checkDrift(db);
        expect(drift.script).toMatch(/empty migration/i);
        expect(drift.inSync).toBe(true);
      } finally {
        await db.close();
      }
    });

    it('reports drift when the live schema differs', async () => {
      const { url, drop } = await emptyDatabaseUrl(provider);
      drops.push(drop);
      const db = await openDatabase(url);
      try {
        await applyMigrations(db);
        await db.prisma.$executeRawUnsafe('ALTER TABLE "Sequence" ADD COLUMN "stray" INTEGER');
        await db.prisma.$executeRawUnsafe('DROP TABLE "Approval"');
        const drift = await checkDrift(db);
        expect(drift.inSync).toBe(false);
        expect(drift.script).toMatch(/CREATE TABLE "Approval"/);
        expect(drift.script).toMatch(/"Sequence"/);
      } finally {
        await db.close();
      }
    });

    it('writes no new migration when the committed ones already match the schema', async () => {
      expect(await createMigration(provider, 'nothing')).toBeNull();
    });
  });
}
