/** A running `kesu start` in this process: temp SQLite, the console on a free loopback port, a fixed base clock. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '../../src/clock.ts';
import { createLogger } from '../../src/logger.ts';
import { run, type Running } from '../../src/bot/main.ts';
import { FIXTURE_CONFIG } from './org.ts';

export const EXAMPLE_CONFIG = fileURLToPath(new URL('../../kesu.config.yaml', import.meta.url));

export interface ConsoleRun {
  running: Running;
  url: string;
  dir: string;
  /** Another request as `person`: JSON in, JSON out. */
  api(person: string, path: string, body?: unknown): Promise<{ status: number; data: any }>;
  /** Stop the process's parts (the data stays until cleanup). */
  stop(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function startConsole(opts: { config?: string; start?: string; dir?: string } = {}): Promise<ConsoleRun> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'kesu-console-'));
  const running = await run({
    env: { DATABASE_URL: `file:${join(dir, 'kesu.db')}`, KESU_CONFIG: opts.config ?? FIXTURE_CONFIG, PORT: '0' },
    cwd: dir,
    clock: new ManualClock(opts.start ?? '2026-03-02T01:30:00Z'), // Monday 09:30 in Shanghai
    logger: createLogger('silent'),
    schedule: false,
  });
  const url = running.consoleUrl!;
  return {
    running,
    url,
    dir,
    async api(person, path, body) {
      const res = await fetch(new URL(path, url), {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'x-kesu-as': person, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, data: await res.json() };
    },
    stop: () => running.stop(),
    async cleanup() {
      await running.stop();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
