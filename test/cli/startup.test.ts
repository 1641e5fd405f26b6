/**
 * What `kesu start` says to the person who runs it, on real processes: a short summary in one language,
 * human log lines or JSON (KESU_LOG_FORMAT), local times, and errors that say what to do — a port in
 * use, a second copy on the same SQLite file.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { humanLine, localTime, logFormat } from '../../src/logger.ts';
import { kesu, kesuUntil, tempWorkspace } from '../support/cli.ts';

const READY = 'Ctrl-C';
const CJK = /[\u4e00-\u9fff]/;

const exit = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

async function stop(child: ChildProcess): Promise<number | null> {
  const done = exit(child);
  child.kill('SIGINT');
  return done;
}

/** A port something else already listens on. */
async function takenPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}

describe('log lines', () => {
  it('are human on a terminal and JSON otherwise, unless KESU_LOG_FORMAT says', () => {
    expect(logFormat({}, true)).toBe('pretty');
    expect(logFormat({}, false)).toBe('json');
    expect(logFormat({ KESU_LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(logFormat({ KESU_LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
  });

  it('show local time, level, message and short fields', () => {
    const time = Date.UTC(2026, 2, 2, 1, 30, 5); // 09:30:05 in Shanghai
    const line = humanLine({ level: 40, time, app: 'kesu', msg: 'preflight: some targets cannot be reached', count: 2, target: 'a b' }, 'Asia/Shanghai');
    expect(line).toBe('2026-03-02 09:30:05 WARN  preflight: some targets cannot be reached  count=2 target="a b"\n');
    const error = humanLine({ level: 50, time, msg: 'failed', err: { message: 'boom', stack: 'Error: boom\n    at x (y.ts:1:1)' } }, 'Asia/Shanghai');
    expect(error).toBe('2026-03-02 09:30:05 ERROR failed  err=boom\n    at x (y.ts:1:1)\n');
    expect(humanLine({ level: 30, time, msg: 'm', long: 'x'.repeat(500) }, 'UTC').length).toBeLessThan(200);
    expect(localTime(time, 'Europe/Berlin')).toBe('2026-03-02 02:30:05');
  });
});

describe('kesu start, for the person who runs it', () => {
  const ws = tempWorkspace();
  const envFor = (name: string, extra: NodeJS.ProcessEnv = {}) => ({ ...ws.env, DATABASE_URL: `file:${join(ws.dir, name)}`, PORT: '0', LOG_LEVEL: 'info', ...extra });
  const children: ChildProcess[] = [];
  const servers: Server[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const s of servers) s.close();
    ws.cleanup();
  });

  it('starts with a short summary in one language, then human log lines in the organisation’s time zone', { timeout: 60_000 }, async () => {
    const run = await kesuUntil(['start'], envFor('pretty.db', { KESU_LANG: 'en', KESU_LOG_FORMAT: 'pretty', TZ: 'UTC' }), READY);
    children.push(run.child);
    const lines = run.stdout().trimEnd().split('\n');
    expect(lines[0]).toBe('Kesu is running for Test Precision Manufacturing');
    for (const line of lines) expect(line).not.toMatch(CJK);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(200);
    await expect.poll(() => run.stderr()).toContain('INFO  kesu started');
    const started = run.stderr().split('\n').find((l) => l.includes('kesu started'))!;
    // Shanghai time, though the process runs in UTC.
    const at = started.slice(0, 19);
    const shanghai = localTime(Date.now(), 'Asia/Shanghai');
    expect(Math.abs(Date.parse(at.replace(' ', 'T')) - Date.parse(shanghai.replace(' ', 'T')))).toBeLessThan(120_000);
    expect(run.stderr()).not.toContain('{"level"');
    expect(await stop(run.child)).toBe(0);
  });

  it('speaks the organisation’s language when KESU_LANG is not set, and logs JSON when told', { timeout: 60_000 }, async () => {
    const run = await kesuUntil(['start'], envFor('zh.db', { KESU_LOG_FORMAT: 'json' }), READY);
    children.push(run.child);
    const lines = run.stdout().trimEnd().split('\n');
    expect(lines[0]).toBe('客诉助手已启动：测试精密制造有限公司');
    expect(run.stdout()).toContain('本地网页控制台');
    expect(run.stdout()).toContain('按 Ctrl-C 停止');
    expect(run.stdout()).not.toMatch(/running|console:|platform:/);
    await expect.poll(() => run.stderr()).toMatch(/^\{"level":30,.*"msg":"kesu started"/m);
    expect(await stop(run.child)).toBe(0);
  });

  it('a port in use: names the port and how to choose another', { timeout: 60_000 }, async () => {
    const { port, server } = await takenPort();
    servers.push(server);
    const en = await kesu(['start'], envFor('port-en.db', { PORT: String(port), KESU_LANG: 'en' }));
    expect(en.code).toBe(2);
    expect(en.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(en.stderr).toContain(`PORT=${port + 1} npm start`);
    expect(en.stderr).not.toMatch(/administrator|admin\b/i);
    const zh = await kesu(['start'], envFor('port-zh.db', { PORT: String(port) }));
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain(`127.0.0.1 上的端口 ${port} 已被占用`);
    expect(zh.stderr).toContain(`PORT=${port + 1} npm start`);
    expect(zh.stderr).not.toContain('管理员');
  });

  it('a second copy on the same SQLite file: names the running copy’s console and how to stop it', { timeout: 60_000 }, async () => {
    const env = envFor('second.db', { KESU_LANG: 'en' });
    const first = await kesuUntil(['start'], env, READY);
    children.push(first.child);
    try {
      const url = /console: +(http:\/\/127\.0\.0\.1:\d+\/)/.exec(first.stdout())![1]!;
      const second = await kesu(['start'], env);
      expect(second.code).toBe(2);
      expect(second.stderr).toContain('Another Kesu process');
      expect(second.stderr).toContain(`The running copy’s console: ${url}`);
      expect(second.stderr).toContain(`kill ${first.child.pid}`);
      expect(second.stderr).toContain('press Ctrl-C in the terminal where it runs');
      expect(second.stderr.split('\n')[0]!.length).toBeLessThan(400);
      expect(second.stderr).not.toContain('{"level"');
    } finally {
      expect(await stop(first.child)).toBe(0);
    }
  });

  it('shows a simulated clock in the organisation’s local time', { timeout: 60_000 }, async () => {
    const env = envFor('clock.db', { KESU_LANG: 'en' });
    const first = await kesuUntil(['start'], env, READY);
    children.push(first.child);
    const url = /console: +(http:\/\/127\.0\.0\.1:\d+\/)/.exec(first.stdout())![1]!;
    const moved = await fetch(new URL('/api/clock/advance', url), { method: 'POST', headers: { 'x-kesu-as': 'cs.li', 'content-type': 'application/json' }, body: '{"by":"day"}' });
    const now = ((await moved.json()) as { clock: { now: string } }).clock.now;
    expect(await stop(first.child)).toBe(0);

    const again = await kesuUntil(['start'], env, READY);
    children.push(again.child);
    const clock = again.stdout().split('\n').find((l) => l.includes('clock:'))!;
    // The simulated time is kept; shown in Shanghai's time, not as an ISO UTC string.
    const shown = /simulated, (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) \(Asia\/Shanghai\), 1 d ahead/.exec(clock)?.[1];
    expect(shown, clock).toBeDefined();
    expect(Math.abs(Date.parse(`${shown!.replace(' ', 'T')}:00+08:00`) - Date.parse(now))).toBeLessThan(5 * 60_000);
    expect(clock).not.toMatch(/T\d{2}:\d{2}:\d{2}/);
    expect(await stop(again.child)).toBe(0);
  });
});
