/**
 * `npm run bench:store` — native memory per SQLite transaction: Kesu's adapter (transactions on the
 * client's one connection, src/store/libsql.ts) beside the stock @prisma/adapter-libsql measured in the
 * same run, BENCH_TX transactions each (one marker written per transaction), resident size before and
 * after. The stock client leaves each transaction's connection open; Kesu's should stay flat.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrismaLibSql } from '@prisma/adapter-libsql';
import { applyMigrations } from '../src/store/migrate.ts';
import { libsqlConfig, openDatabase, runInTransaction, type Database } from '../src/store/client.ts';
import { PrismaClient } from '../src/store/generated/sqlite/client.ts';

const N = Number(process.env.BENCH_TX ?? 3000);
const dir = mkdtempSync(join(tmpdir(), 'kesu-bench-store-'));
const mb = () => process.memoryUsage().rss / 2 ** 20;

async function measure(name: string, db: Database): Promise<number> {
  await applyMigrations(db);
  const at = new Date('2026-03-02T01:00:00Z');
  for (let i = 0; i < 200; i++) await runInTransaction(db, (tx) => tx.marker.create({ data: { key: `warm${i}`, owner: name, until: at, createdAt: at } }));
  const before = mb();
  const t = performance.now();
  for (let i = 0; i < N; i++) await runInTransaction(db, (tx) => tx.marker.create({ data: { key: `k${i}`, owner: name, until: at, createdAt: at } }));
  const ms = (performance.now() - t) / N;
  const grown = mb() - before;
  console.log(`${name.padEnd(24)} ${N} transactions: ${ms.toFixed(2)} ms each, rss ${before.toFixed(0)} → ${mb().toFixed(0)} MiB (${(grown * 1024 / N).toFixed(1)} KiB per transaction)`);
  await db.close();
  return grown;
}

try {
  const kesu = await measure('Kesu (one connection)', await openDatabase(`file:${join(dir, 'kesu.db')}`));
  const url = `file:${join(dir, 'stock.db')}`;
  const stock = new PrismaClient({ adapter: new PrismaLibSql(libsqlConfig(url)) });
  const bare = await measure('stock adapter-libsql', { provider: 'sqlite', prisma: stock, url, close: () => stock.$disconnect() });
  console.log(`rss growth ratio: ${(Math.max(kesu, 0.1) / Math.max(bare, 0.1)).toFixed(2)}× the stock adapter's`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
