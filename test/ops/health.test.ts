/**
 * `/healthz` and `/readyz` on a running bot, in two deployment shapes: the local console (the endpoints
 * on the console's port) and Slack in Socket Mode (no other HTTP server: Kesu opens one for them alone;
 * ready only once its socket has connected).
 * Ready means: database reachable, migrations applied, the engine stepped within 2 minutes, each
 * platform connected; otherwise 503 naming what is not.
 */
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { opsSettings, readiness } from '../../src/bot/ops.ts';
import { openDatabase } from '../../src/store/client.ts';
import { startConsole, type ConsoleRun } from '../support/console.ts';
import { startSlack, type SlackRun } from '../support/slack.ts';

async function get(base: string, path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(new URL(path, base));
  return { status: res.status, body: await res.json() };
}

describe('health and readiness with the local console', () => {
  let c: ConsoleRun;
  beforeAll(async () => {
    c = await startConsole();
  });
  afterAll(async () => {
    await c?.cleanup();
  });

  it('answers on the console port: alive, and ready once the engine has stepped', async () => {
    expect(c.running.opsUrl).toBe(c.url);
    expect(await get(c.url, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    const ready = await get(c.url, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ready',
      checks: { database: { ok: true }, migrations: { ok: true }, engine: { ok: true }, 'platform:local': { ok: true } },
    });
  });

  it('is not ready when the engine has not stepped for more than 2 minutes, and ready again after a step', async () => {
    c.running.clock!.advance(2 * 60_000); // exactly 2 minutes: still ready
    expect((await get(c.url, '/readyz')).status).toBe(200);
    c.running.clock!.advance(1_000);
    const stale = await get(c.url, '/readyz');
    expect(stale.status).toBe(503);
    expect(stale.body.status).toBe('not ready');
    expect(stale.body.checks.engine).toEqual({ ok: false, detail: 'last stepped 121 s ago' });
    expect(stale.body.checks.database).toEqual({ ok: true });
    expect((await get(c.url, '/healthz')).status).toBe(200); // alive all the same
    await c.running.engine.runOnce();
    expect((await get(c.url, '/readyz')).status).toBe(200);
  });

  it('serves Prometheus text at /metrics on the console port, console requests timed', async () => {
    expect((await fetch(c.url)).status).toBe(200); // the console's page
    const res = await fetch(new URL('/metrics', c.url));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('kesu_outbox_pending{platform="local"} 0');
    expect(text).toContain('kesu_receiver_seconds_count{receiver="console"} 1');
  });

  it('names a platform that is not connected (a dropped socket or long connection) and the database when unreachable', async () => {
    const { db, clock } = c.running.core.deps;
    const down = await readiness({ db, clock, lastStepAt: () => clock.now(), platforms: () => ({ slack: true, feishu: false }) });
    expect(down.ready).toBe(false);
    expect(down.checks).toMatchObject({ 'platform:slack': { ok: true }, 'platform:feishu': { ok: false, detail: 'not connected' } });
    const broken = { ...db, prisma: { $queryRawUnsafe: () => Promise.reject(new Error('database is locked')) } } as unknown as typeof db;
    const gone = await readiness({ db: broken, clock, lastStepAt: () => clock.now(), platforms: () => ({}) });
    expect(gone).toEqual({
      ready: false,
      checks: { database: { ok: false, detail: 'database is locked' }, migrations: { ok: false, detail: 'database unreachable' }, engine: { ok: true } },
    });
  });

  it('names the migrations a database lacks', async () => {
    const fresh = await openDatabase(`file:${join(c.dir, 'fresh.db')}`);
    try {
      const committed = readdirSync(fileURLToPath(new URL('../../prisma/migrations/sqlite', import.meta.url)), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
      const r = await readiness({ db: fresh, clock: c.running.core.deps.clock, lastStepAt: () => c.running.core.deps.clock.now(), platforms: () => ({}) });
      expect(r.ready).toBe(false);
      expect(r.checks.database).toEqual({ ok: true });
      expect(r.checks.migrations).toEqual({ ok: false, detail: `not applied: ${committed.join(', ')}` });
    } finally {
      await fresh.close();
    }
  });

  it('refuses other methods', async () => {
    expect((await fetch(new URL('/readyz', c.url), { method: 'POST' })).status).toBe(405);
  });
});

describe('health and readiness with Slack in Socket Mode (no other HTTP server)', () => {
  let wss: WebSocketServer;
  let s: SlackRun;
  beforeAll(async () => {
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(wss, 'listening');
    wss.on('connection', (ws) => ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0KESUAPP' }, debug_info: { host: 'applink-test' } })));
    s = await startSlack({ socketUrl: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link/?ticket=test` });
  });
  afterAll(async () => {
    await s?.cleanup();
    for (const client of wss?.clients ?? []) client.terminate();
    await new Promise((r) => wss?.close(r));
  });

  it('opens a server for the endpoints alone, and is ready while the socket is connected', async () => {
    expect(s.running.url).toBeUndefined(); // nothing else is served over HTTP
    expect(s.running.opsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await get(s.running.opsUrl, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    await expect.poll(async () => (await get(s.running.opsUrl, '/readyz')).status, { timeout: 5_000 }).toBe(200);
    expect((await get(s.running.opsUrl, '/readyz')).body.checks['platform:slack']).toEqual({ ok: true });
    expect((await fetch(new URL('/slack/events', s.running.opsUrl), { method: 'POST' })).status).toBe(404);
  });
});

describe('who may call the endpoints', () => {
  it('loopback clients only by default; every client when KESU_OPS_HOST is another address', () => {
    expect(opsSettings({})).toEqual({ host: '127.0.0.1', open: false });
    expect(opsSettings({ KESU_OPS_HOST: '::1' })).toEqual({ host: '::1', open: false });
    expect(opsSettings({ KESU_OPS_HOST: '0.0.0.0' })).toEqual({ host: '0.0.0.0', open: true });
  });
});
