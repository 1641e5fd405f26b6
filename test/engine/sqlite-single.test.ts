/** The SQLite single-engine edges on real `kesu start` processes: a killed holder, a live holder, a database file deleted underneath. */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { boot } from '../../src/bot/boot.ts';
import { startEngine } from '../../src/bot/engine.ts';
import { createLogger } from '../../src/logger.ts';
import { RecordingDeliverer } from '../../src/notifiers/deliverer.ts';
import { kesu, kesuUntil, tempWorkspace } from '../support/cli.ts';

const READY = 'Ctrl-C';
const FILING = {
  title: '阀体内径超差',
  description: '第 3 批内径超差 0.05 mm',
  demand: 'replacement',
  customerName: '张伟',
  customerContact: '13800138000',
  intakeChannel: 'phone',
  category: 'product_quality',
};

const exit = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });

async function stop(child: ChildProcess) {
  const done = exit(child);
  child.kill('SIGINT');
  return done;
}

/** A pid that no process has: one that has just exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await exit(child);
  return child.pid!;
}

async function file(url: string, sourceKey: string) {
  const res = await fetch(new URL('/api/forms/submit', url), {
    method: 'POST',
    headers: { 'x-kesu-as': 'cs.li', 'content-type': 'application/json' },
    body: JSON.stringify({ form: 'file', values: { ...FILING, sourceKey } }),
  });
  return { status: res.status, data: (await res.json()) as { ok?: boolean; number?: string; code?: string; html?: string; error?: string } };
}

describe('SQLite: one engine, honestly', () => {
  const ws = tempWorkspace();
  /** Each test its own database, so one failure does not leave a lease for the next. */
  const envFor = (name: string) => ({ ...ws.env, DATABASE_URL: `file:${join(ws.dir, name)}`, PORT: '0', KESU_LANG: 'en' });
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    ws.cleanup();
  });

  it('restarts at once after the running process was killed with SIGKILL', { timeout: 60_000 }, async () => {
    const env = envFor('killed.db');
    const first = await kesuUntil(['start'], env, READY);
    children.push(first.child);
    first.child.kill('SIGKILL');
    expect((await exit(first.child)).signal).toBe('SIGKILL');

    const started = Date.now();
    const second = await kesuUntil(['start'], env, READY);
    children.push(second.child);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await stop(second.child), second.stderr()).toEqual({ code: 0, signal: null });
  });

  it('refuses a second process while the first runs, naming the holder and when its lease frees', { timeout: 60_000 }, async () => {
    const env = envFor('live.db');
    const first = await kesuUntil(['start'], env, READY);
    children.push(first.child);
    try {
      const second = await kesu(['start'], env);
      expect(second.code).toBe(2);
      expect(second.stderr).toContain(`Another Kesu process (${hostname()}:${first.child.pid}:`);
      expect(second.stderr).toMatch(/until \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
      // `kesu tick` is a second engine too: refused, so it cannot take the running bot's ladder steps.
      const tick = await kesu(['tick'], env);
      expect(tick.code).toBe(2);
      expect(tick.stderr).toContain(`Another Kesu process (${hostname()}:${first.child.pid}:`);
      // Listing what is due stays possible.
      expect((await kesu(['tick', '--dry-run'], env)).code).toBe(0);
    } finally {
      expect((await stop(first.child)).code, first.stderr()).toBe(0);
    }
  });

  it('stops answering "filed" once the database file was deleted underneath, with a clear error', { timeout: 60_000 }, async () => {
    const env = envFor('deleted.db');
    const run = await kesuUntil(['start'], env, READY);
    children.push(run.child);
    const url = /console: +(http:\/\/127\.0\.0\.1:\d+\/)/.exec(run.stdout())![1]!;
    const before = await file(url, 'before-delete');
    expect(before.data).toMatchObject({ ok: true });

    const path = env.DATABASE_URL.slice('file:'.length);
    for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });

    for (const key of ['after-delete-1', 'after-delete-2']) {
      const after = await file(url, key);
      expect(after.data.ok, JSON.stringify(after.data)).not.toBe(true);
      expect(after.data.code).toBe('database_replaced');
      expect(after.data.html ?? after.data.error).toContain('数据库文件被删除或替换'); // cs.li reads Chinese
      expect(after.data.html ?? '').not.toContain('已登记');
    }
    await new Promise((r) => setTimeout(r, 200)); // let the log line reach stderr
    expect(run.stderr()).toMatch(/"level":50.*database file was deleted or replaced/);
    await stop(run.child);
    // What was filed before the deletion went with the file; nothing after it was claimed as saved.
  });
});

describe('the SQLite engine lease', () => {
  const ws = tempWorkspace();
  const env = { DATABASE_URL: ws.env.DATABASE_URL!, KESU_CONFIG: ws.env.KESU_CONFIG! };
  afterAll(() => ws.cleanup());
  const logger = createLogger('silent');
  const lease = (owner: string) => ({ key: 'engine:sqlite', owner, until: new Date(Date.now() + 3 * 60_000), createdAt: new Date() });

  it('is taken at once from a holder on this host whose process is gone', async () => {
    const core = await boot({ env, cwd: ws.dir, logger });
    try {
      await core.deps.db.prisma.marker.create({ data: lease(`${hostname()}:${await deadPid()}:dead`) });
      const engine = await startEngine(core, [new RecordingDeliverer()], { schedule: false });
      await engine.stop();
      expect(await core.deps.db.prisma.marker.count({ where: { key: 'engine:sqlite' } })).toBe(0);
    } finally {
      await core.deps.db.prisma.marker.deleteMany({ where: { key: 'engine:sqlite' } });
      await core.close();
    }
  });

  it('is refused while held from another host, with the holder and the time it frees', async () => {
    const core = await boot({ env, cwd: ws.dir, logger });
    try {
      const row = lease('elsewhere:4242:beef');
      await core.deps.db.prisma.marker.create({ data: row });
      const refused = startEngine(core, [new RecordingDeliverer()], { schedule: false });
      await expect(refused).rejects.toMatchObject({ code: 'engine_running', params: { owner: 'elsewhere:4242:beef' } });
      const err = (await refused.catch((e: unknown) => e)) as { params: { until: string } };
      expect(err.params.until).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    } finally {
      await core.deps.db.prisma.marker.deleteMany({ where: { key: 'engine:sqlite' } });
      await core.close();
    }
  });
});
