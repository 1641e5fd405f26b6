/**
 * SQLite transactions run on the client's one connection (src/store/libsql.ts): concurrent ones from
 * one process take turns (no lost update), a failing one rolls back, and queries outside a transaction
 * wait for it rather than seeing its uncommitted rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, runInTransaction } from '../../src/store/client.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

describe('SQLite transactions on one connection', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('sqlite');
  });
  afterAll(async () => db?.cleanup());

  const at = new Date('2026-03-02T01:00:00Z');
  const counter = () => db.prisma.marker.findUniqueOrThrow({ where: { key: 'counter' } });

  it('concurrent read-modify-write transactions take turns: none is lost', async () => {
    await db.prisma.marker.create({ data: { key: 'counter', owner: '0', until: at, createdAt: at } });
    await Promise.all(
      Array.from({ length: 25 }, () =>
        runInTransaction(db, async (tx) => {
          const row = await tx.marker.findUniqueOrThrow({ where: { key: 'counter' } });
          await new Promise((r) => setImmediate(r)); // give another transaction the chance to interleave
          await tx.marker.update({ where: { key: 'counter' }, data: { owner: String(Number(row.owner) + 1) } });
        }),
      ),
    );
    expect((await counter()).owner).toBe('25');
  });

  it('a transaction that throws leaves nothing behind, and the connection goes on working', async () => {
    await expect(
      runInTransaction(db, async (tx) => {
        await tx.marker.create({ data: { key: 'half', owner: 'x', until: at, createdAt: at } });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await db.prisma.marker.findUnique({ where: { key: 'half' } })).toBeNull();
    await runInTransaction(db, (tx) => tx.marker.create({ data: { key: 'after', owner: 'x', until: at, createdAt: at } }));
    expect(await db.prisma.marker.findUnique({ where: { key: 'after' } })).not.toBeNull();
  });

  it('a query outside waits for the open transaction and sees only what it committed', async () => {
    let release!: () => void;
    let written!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const inside = new Promise<void>((r) => (written = r));
    const tx = runInTransaction(db, async (t) => {
      await t.marker.create({ data: { key: 'pending', owner: 'x', until: at, createdAt: at } });
      written();
      await held;
      throw new Error('changed my mind');
    });
    await inside; // the row is written, not committed
    const outside = db.prisma.marker.findUnique({ where: { key: 'pending' } });
    release();
    await expect(tx).rejects.toThrow('changed my mind');
    expect(await outside).toBeNull();
  });

  it('a commit that fails leaves the connection out of the transaction', async () => {
    // A deferred foreign key is checked at COMMIT: the commit fails.
    await expect(
      runInTransaction(db, async (tx) => {
        await tx.$executeRawUnsafe('PRAGMA defer_foreign_keys = ON');
        await tx.$executeRawUnsafe(
          `INSERT INTO "Deadline" ("id", "complaintId", "kind", "startsAt", "dueAt", "ladderStep", "extensions", "updatedAt") VALUES ('d-orphan', 'no-such-complaint', 'response', '2026-03-02T01:00:00.000Z', '2026-03-03T01:00:00.000Z', 0, 0, '2026-03-02T01:00:00.000Z')`,
        );
      }),
    ).rejects.toThrow(/FOREIGN KEY/i);
    // Written after it and seen from another connection: committed, not stuck in the failed transaction.
    await db.prisma.marker.create({ data: { key: 'after-failed-commit', owner: 'x', until: at, createdAt: at } });
    const other = await openDatabase(db.url);
    try {
      expect(await other.prisma.marker.findUnique({ where: { key: 'after-failed-commit' } })).not.toBeNull();
      expect(await other.prisma.deadline.count({ where: { complaintId: 'no-such-complaint' } })).toBe(0);
    } finally {
      await other.close();
    }
  });
});
