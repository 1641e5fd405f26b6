/**
 * Prisma's schema engine as WebAssembly (@prisma/schema-engine-wasm): migrations and schema diffs
 * offline, with no native engine download. The package's entry does `import * as wasm from
 * "./schema_engine_bg.wasm"`, which Node 20 only allows behind --experimental-wasm-modules, so we do
 * what that entry does by hand: instantiate the .wasm with the wasm-bindgen glue module
 * (schema_engine_bg.js) as its import object, hand the instance back to the glue, and start it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PrismaLibSql } from '@prisma/adapter-libsql';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { libsqlConfig, providerOf, type Provider } from './client.ts';

type Bindings = typeof import('@prisma/schema-engine-wasm');
type Glue = Bindings & { __wbg_set_wasm(exports: unknown): void };

export const PRISMA_DIR = fileURLToPath(new URL('../../prisma/', import.meta.url));
export const SCHEMA_FILE = 'schema.prisma';
export const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** The global WebAssembly API (typed here: the project's lib settings do not include the DOM). */
const Wasm = (globalThis as unknown as {
  WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: object } }> };
}).WebAssembly;

let bindings: Promise<Bindings> | undefined;

/** Load the engine once per process (compiling the 5 MB module takes a moment). */
function loadBindings(): Promise<Bindings> {
  bindings ??= (async () => {
    const glue = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bg = (await import(pathToFileURL(glue).href)) as Glue;
    const bytes = readFileSync(glue.replace(/schema_engine_bg\.js$/, 'schema_engine_bg.wasm'));
    const { instance } = await Wasm.instantiate(bytes, { './schema_engine_bg.js': bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return bg;
  })();
  bindings.catch(() => (bindings = undefined));
  return bindings;
}

/**
 * PostgreSQL's catalog uses the internal one-byte type "char" (OID 18), which @prisma/adapter-pg 7.10
 * cannot map, so describing a live schema fails. The engine's connections report it as text instead.
 */
const PG_CHAR = 18;
const PG_TEXT = 25;
type Result = { fields?: { dataTypeID: number }[] } | undefined;
const asText = (r: Result): Result => {
  for (const f of r?.fields ?? []) if (f.dataTypeID === PG_CHAR) f.dataTypeID = PG_TEXT;
  return r;
};
class CatalogClient extends pg.Client {
  override query(...args: unknown[]): never {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (err: unknown, r: Result) => (callback as (e: unknown, r: Result) => void)(err, asText(r));
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    return (result instanceof Promise ? result.then(asText) : result) as never;
  }
}

/** The schema text for a provider: the committed SQLite schema, or the same models with the PostgreSQL provider. */
export function schemaFor(provider: Provider): string {
  const text = readFileSync(PRISMA_DIR + SCHEMA_FILE, 'utf8');
  if (provider === 'sqlite') return text;
  const swapped = text.replace(/(datasource\s+\w+\s*\{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"');
  if (swapped === text) throw new Error(`${SCHEMA_FILE}: no datasource with provider = "sqlite" to derive the PostgreSQL schema from`);
  return swapped;
}

export function schemaFiles(provider: Provider) {
  return [{ path: SCHEMA_FILE, content: schemaFor(provider) }];
}

export interface EngineHandle {
  engine: SchemaEngine;
  /** Free the engine and close its connections (a PostgreSQL session keeps the migration advisory lock until closed). */
  close(): Promise<void>;
}

type Connection = Awaited<ReturnType<SqlMigrationAwareDriverAdapterFactory['connect']>>;

/** A schema engine connected to the database at `url`. */
export async function openEngine(url: string): Promise<EngineHandle> {
  const bg = await loadBindings();
  const provider = providerOf(url);
  const pool = provider === 'postgresql' ? new pg.Pool({ connectionString: url, max: 2, Client: CatalogClient }) : undefined;
  const factory = (pool ? new PrismaPg(pool) : new PrismaLibSql(libsqlConfig(url))) as SqlMigrationAwareDriverAdapterFactory;
  // The engine never disposes the connections it asks for; remember them so close() can.
  const opened: Connection[] = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => remember(await factory.connect()),
    connectToShadowDb: async () => remember(await factory.connectToShadowDb()),
  };
  const remember = (c: Connection) => (opened.push(c), c);
  const log = () => undefined; // the engine's own tracing; our logs say what matters
  const schema = schemaFor(provider);
  let engine: SchemaEngine;
  try {
    engine = await bg.SchemaEngine.new({ datamodels: [[SCHEMA_FILE, schema]] }, log, bindMigrationAwareSqlAdapterFactory(tracked));
  } catch (e) {
    await pool?.end();
    throw e;
  }
  return {
    engine,
    async close() {
      engine.free();
      await Promise.allSettled(opened.map((c) => c.dispose()));
      await pool?.end();
    },
  };
}
