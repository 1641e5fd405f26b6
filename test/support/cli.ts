/** Run the real `kesu` binary in a child process, against a throwaway SQLite file and the fixture config. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_CONFIG } from './org.ts';

export const BIN = fileURLToPath(new URL('../../bin/kesu.js', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function tempWorkspace(): { dir: string; env: NodeJS.ProcessEnv; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kesu-cli-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: `file:${join(dir, 'kesu.db')}`,
    KESU_CONFIG: FIXTURE_CONFIG,
    LOG_LEVEL: 'warn',
  };
  return { dir, env, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function kesu(args: string[], env: NodeJS.ProcessEnv, stdin?: string, cwd?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

/** Start a long-running command and resolve once its stdout contains `marker`. */
export function kesuUntil(
  args: string[],
  env: NodeJS.ProcessEnv,
  marker: string,
  cwd?: string,
): Promise<{ child: ChildProcess; stdout: () => string; stderr: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes(marker)) resolve({ child, stdout: () => out, stderr: () => err });
    });
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code) => reject(new Error(`exited ${code} before "${marker}"\n${out}\n${err}`)));
  });
}
