/**
 * The SQLite adapter's libsql client, with transactions on the client's own connection.
 *
 * @libsql/client (local files) hands its connection to each `transaction()` and opens a new one for
 * what follows; the transaction's `close()` only rolls back, so every transaction's connection stayed
 * open — about 200 KiB of native memory per transaction, for as long as the process ran (a bot runs for
 * months; see bench/store.ts). @prisma/adapter-libsql already runs one transaction at a time per client
 * and holds every other query back until it ends, so transactions can run on the one connection:
 * BEGIN … COMMIT there. Whatever goes wrong, the connection is never left inside a transaction: a failed
 * COMMIT or ROLLBACK, or an error after which SQLite may have rolled back by itself, reopens it (SQLite
 * rolls back on close).
 */
import type { Client, InStatement, ResultSet, Transaction, TransactionMode } from '@libsql/client';
import { PrismaLibSql } from '@prisma/adapter-libsql';

const BEGIN: Record<TransactionMode, string> = { write: 'BEGIN IMMEDIATE', read: 'BEGIN TRANSACTION READONLY', deferred: 'BEGIN DEFERRED' };
/** Errors after which SQLite may already have rolled the transaction back (later statements would autocommit). */
const ABORTS = /^SQLITE_(FULL|IOERR|NOMEM|BUSY|INTERRUPT|CORRUPT)/;

interface Shared {
  client: Client;
  /** The transaction running on the connection, if any. */
  open?: SameConnectionTransaction;
}

class SameConnectionTransaction implements Transaction {
  closed = false;
  constructor(private readonly shared: Shared) {}

  async execute(stmt: InStatement): Promise<ResultSet> {
    this.#check();
    try {
      return await this.shared.client.execute(stmt);
    } catch (e) {
      if (ABORTS.test(String((e as { code?: string }).code ?? ''))) await this.#end(false);
      throw e;
    }
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
    this.#check();
    try {
      await this.shared.client.execute('COMMIT');
      this.#release();
    } catch (e) {
      await this.#end(true);
      throw e;
    }
  }

  async rollback(): Promise<void> {
    if (!this.closed) await this.#end(true);
  }

  close(): void {
    void this.rollback().catch(() => undefined);
  }

  #check(): void {
    if (this.closed) throw new Error('The transaction is closed');
  }

  #release(): void {
    this.closed = true;
    if (this.shared.open === this) this.shared.open = undefined;
  }

  /** Leaves the transaction: ROLLBACK, or when that fails (or is not to be trusted) a fresh connection. */
  async #end(tryRollback: boolean): Promise<void> {
    this.#release();
    if (tryRollback && (await this.shared.client.execute('ROLLBACK').then(() => true, () => false))) return;
    await this.shared.client.reconnect();
  }
}

function sameConnectionTransactions(client: Client): Client {
  const shared: Shared = { client };
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'transaction') {
        return async (mode: TransactionMode = 'write') => {
          await target.execute(BEGIN[mode]);
          return (shared.open = new SameConnectionTransaction(shared));
        };
      }
      if ((prop === 'batch' || prop === 'executeMultiple' || prop === 'migrate') && shared.open) {
        // Each of these ends by rolling back whatever transaction is open on the connection.
        return () => Promise.reject(new Error(`${prop} is not allowed while a transaction is open`));
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
