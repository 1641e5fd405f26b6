/** Spawning engine worker processes (see engine-worker.ts). */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FIXTURE_CONFIG } from './org.ts';

const WORKER = fileURLToPath(new URL('./engine-worker.ts', import.meta.url));

export function spawnWorker(env: { databaseUrl: string; log: string; at: Date; delayMs?: number }): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: env.databaseUrl,
      KESU_CONFIG: FIXTURE_CONFIG,
      LOG_LEVEL: 'silent',
      KESU_DELIVERY_LOG: env.log,
      KESU_TICK_AT: env.at.toISOString(),
      KESU_DELIVERY_DELAY_MS: String(env.delayMs ?? 0),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
}
