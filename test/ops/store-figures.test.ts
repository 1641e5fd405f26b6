/** The figures behind `/readyz` and `/metrics` (src/store/ops.ts) read the same on SQLite and PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue, markFailed } from '../../src/store/outbox.ts';
import { oldestDueStep, openComplaintCounts, outboxFigures, pendingMigrations, pingDatabase } from '../../src/store/ops.ts';
import { openTestDatabase, pgAvailable, type TestDatabase } from '../support/db.ts';

for (const [provider, available] of [['sqlite', true], ['postgresql', pgAvailable()]] as const) {
  describe.runIf(available)(`operations figures on ${provider}`, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await openTestDatabase(provider);
    });
    afterAll(async () => {
      await db?.cleanup();
    });

    it('a migrated database answers and has no pending migration', async () => {
      await pingDatabase(db);
      expect(await pendingMigrations(db)).toEqual([]);
    });

    it('counts pending and dead outbox rows per platform, with the oldest pending row', async () => {
      const item = (key: string, platform: string) => ({ dedupeKey: key, kind: 'remind', platform, targetType: 'dm' as const, targetId: 'p', address: 'U1', payload: '{}' });
      const t0 = new Date('2026-03-02T01:00:00Z');
      const t1 = new Date('2026-03-02T01:05:00Z');
      await db.prisma.$transaction((tx) => enqueue(tx, t0, [item('a', 'slack'), item('b', 'slack')]));
      await db.prisma.$transaction((tx) => enqueue(tx, t1, [item('c', 'slack'), item('d', 'feishu')]));
      const first = await db.prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: 'a' } });
      await markFailed(db, first, { attempts: 1, error: 'missing_scope', dead: true, nextAttemptAt: t1 });
      const figures = await outboxFigures(db);
      expect(figures.pending).toEqual({ slack: 2, feishu: 1 });
      expect(figures.dead).toEqual({ slack: 1 });
      expect(figures.oldestPending).toEqual({ slack: t0, feishu: t1 });
    });

    it('finds no due ladder step and no open complaint in an empty database', async () => {
      expect(await oldestDueStep(db, new Date('2026-03-02T01:00:00Z'))).toBeUndefined();
      expect(await openComplaintCounts(db)).toEqual([]);
    });
  });
}
