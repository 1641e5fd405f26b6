/** `kesu start` in this process for the chat-platform suites: a temp SQLite file, the example organisation, a fixed base clock, no console. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/clock.ts';
import { createLogger, type Logger } from '../../src/logger.ts';
import { run, type Running } from '../../src/bot/main.ts';
import { EXAMPLE_CONFIG } from './console.ts';

export interface KesuRun {
  running: Running;
  clock: ManualClock;
  /** Stops Kesu and removes its files. */
  stop(): Promise<void>;
}

export async function runKesu(env: Record<string, string>, opts: { start?: string; logLevel?: string; logger?: Logger } = {}): Promise<KesuRun> {
  const dir = mkdtempSync(join(tmpdir(), 'kesu-run-'));
  const clock = new ManualClock(opts.start ?? '2026-03-02T01:30:00Z'); // Monday 09:30 in Shanghai
  const running = await run({
    env: { DATABASE_URL: `file:${join(dir, 'kesu.db')}`, KESU_CONFIG: EXAMPLE_CONFIG, PORT: '0', HOST: '127.0.0.1', KESU_CONSOLE: 'off', ...env },
    cwd: dir,
    clock,
    logger: opts.logger ?? createLogger(opts.logLevel ?? 'silent'),
    schedule: false,
  });
  return {
    running,
    clock,
    async stop() {
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
