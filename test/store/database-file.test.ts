/** A SQLite file deleted or replaced under an open database refuses writes with `database_replaced`, on every entry point. */
import { copyFileSync, renameSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { tick } from '../../src/commands/tick.ts';
import { checkDatabaseFile, onDatabaseReplaced, runInTransaction, sqlitePath } from '../../src/store/client.ts';
import { openTestDatabase, pgAvailable, type TestDatabase } from '../support/db.ts';
import { actor, filingForm, testOrg } from '../support/org.ts';

const org = testOrg();

describe('the SQLite file under an open database', () => {
  let db: TestDatabase;
  afterEach(async () => db?.cleanup());

  it('a file moved into its place (a restored backup) stops filings and ticks with database_replaced', async () => {
    db = await openTestDatabase('sqlite');
    const deps = { ...org.deps(db, new ManualClock('2026-03-02T02:00:00Z')), platforms: ['local'] as const };
    await fileComplaint(deps, actor('cs.li'), filingForm());
    const path = sqlitePath(db.url);
    copyFileSync(path, `${path}.backup`);
    renameSync(`${path}.backup`, path);
    const refused: string[] = [];
    onDatabaseReplaced(db, (e) => refused.push(e.code));

    await expect(fileComplaint(deps, actor('cs.li'), filingForm({ title: '第二件' }))).rejects.toMatchObject({ code: 'database_replaced' });
    await expect(tick(deps, new Date('2026-03-20T03:00:00Z'))).rejects.toMatchObject({ code: 'database_replaced' });
    expect(refused).toEqual(['database_replaced', 'database_replaced']);
  });

  it('a deleted file is refused before the transaction, and one deleted during it rolls back instead of committing', async () => {
    db = await openTestDatabase('sqlite');
    const path = sqlitePath(db.url);
    await expect(
      runInTransaction(db, async (tx) => {
        await tx.sequence.create({ data: { scope: 'ghost', value: 1 } });
        for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
      }),
    ).rejects.toMatchObject({ code: 'database_replaced' });
    expect(() => checkDatabaseFile(db)).toThrow(/deleted or replaced/);
    await expect(runInTransaction(db, (tx) => tx.sequence.count())).rejects.toMatchObject({ code: 'database_replaced' });
  });

  it.runIf(pgAvailable())('is not checked on PostgreSQL', async () => {
    db = await openTestDatabase('postgresql');
    expect(() => checkDatabaseFile(db)).not.toThrow();
    expect(await runInTransaction(db, (tx) => tx.sequence.count())).toBe(0);
  });
});
