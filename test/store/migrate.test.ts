import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, runInTransaction } from '../../src/store/client.ts';
import { applyMigrations, checkDrift, createMigration, migrationsDir } from '../../src/store/migrate.ts';
import { emptyDatabaseUrl, openTestDatabase, pgAvailable, type TestDatabase } from '../support/db.ts';

const committed = (dir: string) => readdirSync(dir).filter((f) => /^\d{14}_/.test(f)).sort();

for (const [provider, available] of [['sqlite', true], ['postgresql', pgAvailable()]] as const) {
  describe.runIf(available)(`migrations on ${provider}`, () => {
    const drops: Array<() => Promise<void>> = [];
    afterAll(async () => {
      for (const drop of drops) await drop();
    });
    async function emptyDatabase() {
      const { url, drop } = await emptyDatabaseUrl(provider);
      const db = await openDatabase(url);
      drops.push(async () => {
        await db.close();
        await drop();
      });
      return db;
    }

    it('apply to an empty database, then apply nothing; the migrated schema matches prisma/schema.prisma', async () => {
      const db = await emptyDatabase();
      const first = await applyMigrations(db);
      expect(first.applied).toEqual(committed(migrationsDir(provider)));
      expect(first.applied[0]).toMatch(/^\d{14}_init$/);
      expect((await applyMigrations(db)).applied).toEqual([]);
      const drift = await checkDrift(db);
      expect(drift.script).toMatch(/empty migration/i);
      expect(drift.inSync).toBe(true);
    });

    it('reports drift when a column was added and a table dropped by hand', async () => {
      const db = await emptyDatabase();
      await applyMigrations(db);
      await db.prisma.$executeRawUnsafe('ALTER TABLE "Sequence" ADD COLUMN "stray" INTEGER');
      await db.prisma.$executeRawUnsafe('DROP TABLE "Approval"');
      const drift = await checkDrift(db);
      expect(drift.inSync).toBe(false);
      expect(drift.script).toMatch(/CREATE TABLE "Approval"/);
      expect(drift.script).toMatch(/"Sequence"/);
    });

    it('writes no new migration when the committed ones already match the schema', async () => {
      expect(await createMigration(provider, 'nothing')).toBeNull();
    });

    it('writes the missing migration when the schema is ahead of the committed ones', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kesu-migrations-'));
      drops.push(async () => rmSync(dir, { recursive: true, force: true }));
      const all = committed(migrationsDir(provider));
      cpSync(migrationsDir(provider), dir, { recursive: true });
      rmSync(join(dir, all.at(-1)!), { recursive: true }); // as if the latest migration had not been written yet
      const written = await createMigration(provider, 'Add the rest!', { dir, now: new Date('2099-01-02T03:04:05Z') });
      expect(written).toBe(join(dir, '20990102030405_add_the_rest'));
      expect(readFileSync(join(written!, 'migration.sql'), 'utf8')).toMatch(/^(?!\s*-- This is an empty migration)\s*\S/);
      expect(existsSync(join(dir, 'migration_lock.toml'))).toBe(true);
      const db = await emptyDatabase();
      expect((await applyMigrations(db, { dir })).applied).toHaveLength(all.length);
      expect((await checkDrift(db)).inSync).toBe(true);
    });

    it('moves a card reference kept as "<card>|<reply>" into the card and its thread reply', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kesu-migrations-'));
      drops.push(async () => rmSync(dir, { recursive: true, force: true }));
      const all = committed(migrationsDir(provider));
      const refs = all.findIndex((m) => m.endsWith('_neutral_card_refs'));
      expect(refs).toBeGreaterThan(0);
      cpSync(migrationsDir(provider), dir, { recursive: true });
      for (const later of all.slice(refs)) rmSync(join(dir, later), { recursive: true });
      const db = await emptyDatabase();
      await applyMigrations(db, { dir });
      const insert = (id: string, messageId: string) =>
        db.prisma.$executeRawUnsafe(
          `INSERT INTO "MessageRef" ("id", "complaintId", "platform", "address", "messageId", "updatedAt") VALUES ('${id}', 'c1', 'slack', '${id}', '${messageId}', CURRENT_TIMESTAMP)`,
        );
      await insert('C1', '1710000000.000100|1710000000.000200');
      await insert('C2', 'om_card_only');
      expect((await applyMigrations(db)).applied).toEqual(all.slice(refs));
      const rows = await db.prisma.messageRef.findMany({ orderBy: { id: 'asc' }, select: { messageId: true, threadId: true } });
      expect(rows).toEqual([
        { messageId: '1710000000.000100', threadId: '1710000000.000200' },
        { messageId: 'om_card_only', threadId: null },
      ]);
    });
  });

  describe.runIf(available)(`store smoke on ${provider}`, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await openTestDatabase(provider);
    });
    afterAll(async () => db?.cleanup());

    it('round-trips a complaint: DateTime, BigInt, nullable fields, Chinese text', async () => {
      const at = new Date('2026-03-02T02:03:04.567Z');
      const data = {
        id: 'c1', number: 'KS-2026-0001', year: 2026, seq: 1, title: '包装破损', description: '外箱压坏，产品划伤',
        demand: '换货', customerName: '华东精密', customerRegion: '华东', intakeChannel: 'phone', receivedAt: at,
        category: 'packaging', grade: 'B', urgent: true, claimMinor: 12_345_678_901_234n, claimCurrency: 'CNY',
        department: 'quality', filerId: 'cs.li', status: 'new', createdAt: at, updatedAt: at,
      };
      await db.prisma.complaint.create({ data });
      const row = await db.prisma.complaint.findUniqueOrThrow({ where: { number: 'KS-2026-0001' } });
      expect(row).toMatchObject({ ...data, customerCompany: null, qtyOrdered: null, acknowledgedAt: null, reopenCount: 0, version: 0 });
      expect(row.receivedAt.toISOString()).toBe(at.toISOString());
      expect(typeof row.claimMinor).toBe('bigint');
    });

    it('50 parallel transactions each increment a sequence exactly once', async () => {
      await db.prisma.sequence.create({ data: { scope: 'smoke', value: 0 } });
      const values = await Promise.all(
        Array.from({ length: 50 }, () =>
          runInTransaction(db, async (tx) => {
            const { value } = await tx.sequence.update({ where: { scope: 'smoke' }, data: { value: { increment: 1 } } });
            expect((await tx.sequence.findUniqueOrThrow({ where: { scope: 'smoke' } })).value).toBe(value);
            return value;
          }),
        ),
      );
      expect(values.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect((await db.prisma.sequence.findUniqueOrThrow({ where: { scope: 'smoke' } })).value).toBe(50);
    });

    // SQLite only: on PostgreSQL (READ COMMITTED) a read-then-write without FOR UPDATE may lose updates by design.
    if (provider === 'sqlite') it('serializes transactions in-process: 50 read-then-write increments lose nothing', async () => {
      await db.prisma.sequence.create({ data: { scope: 'rw', value: 0 } });
      await Promise.all(
        Array.from({ length: 50 }, () =>
          runInTransaction(db, async (tx) => {
            const { value } = await tx.sequence.findUniqueOrThrow({ where: { scope: 'rw' } });
            await new Promise((resolve) => setTimeout(resolve, 1));
            await tx.sequence.update({ where: { scope: 'rw' }, data: { value: value + 1 } });
          }),
        ),
      );
      expect((await db.prisma.sequence.findUniqueOrThrow({ where: { scope: 'rw' } })).value).toBe(50);
    });
  });
}
