/**
 * The SQLite adapter's libsql client, with transactions on the client's own connection.
 *
 * @libsql/client (local files) hands its connection to each `transaction()` and opens a new one for
 * what follows; the transaction's `close()` only rolls back, so every transaction's connection stayed
 * open — about 190 KB of native memory per transaction, for as long as the process ran (a bot runs for
 * months). @prisma/adapter-libsql already runs one transaction at a time per client and holds every
 * other query back until it ends, so transactions can run on the one connection: BEGIN … COMMIT there.
 */
import type { Client, InStatement, ResultSet, Transaction, TransactionMode } from '@libsql/client';
import { PrismaLibSql } from '@prisma/adapter-libsql';

const BEGIN: Record<TransactionMode, string> = { write: 'BEGIN IMMEDIATE', read: 'BEGIN', deferred: 'BEGIN DEFERRED' };

class SameConnectionTransaction implements Transaction {
  closed = false;
  constructor(private readonly client: Client) {}

  execute(stmt: InStatement): Promise<ResultSet> {
    this.#open();
    return this.client.execute(stmt);
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    const out: ResultSet[] = [];
    for (const stmt of stmts) out.push(await this.execute(stmt));
    return out;
  }

  executeMultiple(): Promise<void> {
    // The client's executeMultiple rolls back any open transaction when it ends: never inside one.
    return Promise.reject(new Error('executeMultiple is not supported inside a transaction'));
  }

  async commit(): Promise<void> {
    this.#open();
    this.closed = true;
    try {
      await this.client.execute('COMMIT');
    } catch (e) {
      // The connection is shared: never leave it inside a transaction that failed to commit.
      await this.client.execute('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  async rollback(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.execute('ROLLBACK');
  }

  close(): void {
    void this.rollback().catch(() => undefined);
  }

  #open(): void {
    if (this.closed) throw new Error('The transaction is closed');
  }
}

function sameConnectionTransactions(client: Client): Client {
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'transaction') {
        return async (mode: TransactionMode = 'write') => {
          await target.execute(BEGIN[mode]);
          return new SameConnectionTransaction(target);
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The Prisma adapter factory for SQLite files, with the client above. */
export class SqliteAdapter extends PrismaLibSql {
  override createClient(config: Parameters<PrismaLibSql['createClient']>[0]): Client {
    return sameConnectionTransactions(super.createClient(config));
  }
}
