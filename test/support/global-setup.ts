/**
 * Vitest global setup: a throwaway PostgreSQL server for the store suites, when PostgreSQL server
 * binaries are installed (CI installs Debian's `postgresql`). `KESU_REQUIRE_PG=1` makes its
 * absence an error; `KESU_TEST_PG_URL` points the suites at an existing server instead.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres, type PgServer } from './postgres.ts';

let server: PgServer | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let url = process.env.KESU_TEST_PG_URL;
  if (!url) {
    server = await startPostgres();
    url = server?.url;
  }
  if (!url && process.env.KESU_REQUIRE_PG === '1') {
    throw new Error('KESU_REQUIRE_PG=1 but PostgreSQL could not be started: install Debian\'s postgresql package (see .ci/run)');
  }
  if (url) {
    process.env.KESU_TEST_PG_URL = url;
    project.provide('pgUrl', url);
    console.log(`PostgreSQL suite: ${server ? `${server.version} test server on ${new URL(url).host}` : 'external server'}`);
  } else {
    project.provide('pgUrl', '');
    console.log('PostgreSQL suite: skipped (no PostgreSQL server binaries; CI installs them)');
  }
  return async () => {
    await server?.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}
