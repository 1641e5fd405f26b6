/**
 * A throwaway PostgreSQL cluster from the installed server binaries (Debian's layout,
 * /usr/lib/postgresql/<major>/bin), in a temp dir, listening on 127.0.0.1 only, with its unix
 * socket in the temp dir too. initdb refuses to run as root, so as root the cluster belongs to the
 * `postgres` system user (created by Debian's postgresql package).
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROLE = 'kesu';

export interface PgServer {
  url: string;
  /** e.g. "15.18" */
  version: string;
  port: number;
  stop(): Promise<void>;
}

/** The newest installed server's bin dir, if pg_ctl, initdb and postgres are all there. */
export function findPgBinDir(root = '/usr/lib/postgresql'): string | undefined {
  if (!existsSync(root)) return undefined;
  const found = readdirSync(root)
    .filter((v) => ['pg_ctl', 'initdb', 'postgres'].every((b) => existsSync(join(root, v, 'bin', b))))
    .sort((a, b) => Number(b) - Number(a));
  return found[0] ? join(root, found[0], 'bin') : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function systemUser(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`running as root, but there is no "${name}" system user to own the test cluster (initdb refuses root)`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Start a cluster; undefined when no server binaries are installed. Throws when they are but it fails. */
export async function startPostgres(): Promise<PgServer | undefined> {
  const bin = findPgBinDir();
  if (!bin) return undefined;
  const asRoot = process.getuid?.() === 0;
  const argv = (cmd: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
  const exec = (cmd: string, args: string[]) => run(...argv(cmd, args));

  const dir = mkdtempSync(join(tmpdir(), 'kesu-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const password = randomBytes(12).toString('hex');
  let started = false;
  const stopNow = () => {
    if (started) {
      started = false;
      try {
        execFileSync(...argv('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']), { stdio: 'ignore' });
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopNow); // an interrupted run still leaves no server behind

  try {
    writeFileSync(join(dir, 'pwfile'), `${password}\n`);
    if (asRoot) {
      const { uid, gid } = systemUser('postgres');
      chownSync(dir, uid, gid);
      chownSync(join(dir, 'pwfile'), uid, gid);
    }
    const port = await freePort();
    await exec('initdb', [
      '-D', data, '-U', ROLE, `--pwfile=${join(dir, 'pwfile')}`, '--auth-local=trust', '--auth-host=scram-sha-256',
      '--encoding=UTF8', '--no-locale', '--no-sync', '--no-instructions',
    ]);
    const options = [
      '-c listen_addresses=127.0.0.1', `-p ${port}`, `-k ${dir}`, '-c max_connections=300',
      '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off',
    ].join(' ');
    started = true;
    await exec('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '30', '-o', options, 'start']);
    const { stdout } = await exec('postgres', ['--version']);
    return {
      url: `postgresql://${ROLE}:${password}@127.0.0.1:${port}/postgres`,
      version: /\)\s*([\d.]+)/.exec(stdout)?.[1] ?? stdout.trim(),
      port,
      async stop() {
        process.removeListener('exit', stopNow);
        stopNow();
      },
    };
  } catch (e) {
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').slice(-10).join('\n') : '';
    const detail = e instanceof Error ? e.message : String(e); // execFile's message includes stderr
    process.removeListener('exit', stopNow);
    stopNow();
    throw new Error(`could not start a PostgreSQL test server from ${bin}: ${detail}${serverLog ? `\nserver log:\n${serverLog}` : ''}`);
  }
}
