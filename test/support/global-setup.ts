/**
 * Vitest global setup: a PostgreSQL server for the store suites. `KESU_TEST_PG_URL` names an
 * existing server; otherwise, when PostgreSQL server binaries are installed (CI installs Debian's
 * `postgresql`), a throwaway cluster is started on 127.0.0.1 and removed afterwards. Without either,
 * the PostgreSQL suites are skipped silently — unless `KESU_REQUIRE_PG=1`, which makes it an error.
 * Test files see the server as `inject('pgUrl')` and `process.env.KESU_TEST_PG_URL`.
 */
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startPostgres, type PgServer } from './postgres.ts';

const required = process.env.KESU_REQUIRE_PG === '1';
let server: PgServer | undefined;

async function checkReachable(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  let url = process.env.KESU_TEST_PG_URL || undefined;
  try {
    if (url) {
      const version = await checkReachable(url);
      console.log(`PostgreSQL ${version} test server (KESU_TEST_PG_URL) on ${new URL(url).host}`);
    } else {
      server = await startPostgres();
      url = server?.url;
      if (server) {
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        console.log(`PostgreSQL ${server.version} test server on 127.0.0.1:${server.port} (started in ${seconds}s)`);
      }
    }
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    if (required) throw new Error(`KESU_REQUIRE_PG=1 but there is no PostgreSQL test server: ${reason}`, { cause: e });
    console.warn(`PostgreSQL suites skipped: ${reason}`);
    url = undefined;
  }
  if (!url && required) {
    throw new Error(
      'KESU_REQUIRE_PG=1 but there is no PostgreSQL test server: install the server binaries ' +
        "(Debian: apt-get install postgresql, see .ci/run) or set KESU_TEST_PG_URL",
    );
  }
  if (url) process.env.KESU_TEST_PG_URL = url;
  else delete process.env.KESU_TEST_PG_URL;
  project.provide('pgUrl', url ?? '');
  return async () => {
    await server?.stop();
    server = undefined;
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL test server's URL, or '' when there is none. */
    pgUrl: string;
  }
}
