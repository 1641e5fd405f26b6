/**
 * The operations endpoints on Kesu's HTTP server: `/healthz` (the process answers), `/readyz` (database
 * reachable, migrations applied, the engine stepped within 2 minutes, every platform connected; 503 with
 * what is not) and `/metrics` (Prometheus). Loopback clients only unless KESU_OPS_HOST says otherwise.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Clock } from '../clock.ts';
import type { Database } from '../store/client.ts';
import { pendingMigrations, pingDatabase } from '../store/ops.ts';
import { isLoopbackHost } from './http.ts';
import type { Metrics } from './metrics.ts';

/** The engine steps every minute: two minutes without a step means it is stuck or stopped. */
export const ENGINE_STALE_MS = 2 * 60_000;

export interface OpsSettings {
  /**
   * KESU_OPS_HOST: who may call the endpoints. Loopback (the default, 127.0.0.1) answers this computer
   * only; another address (e.g. 0.0.0.0 for a container's probes) answers every client, and is the
   * address Kesu listens on when nothing else needs its HTTP server.
   */
  host: string;
  /** Any client may call the endpoints (KESU_OPS_HOST is not a loopback address). */
  open: boolean;
}

export function opsSettings(env: NodeJS.ProcessEnv): OpsSettings {
  const host = env.KESU_OPS_HOST?.trim() || '127.0.0.1';
  return { host, open: !isLoopbackHost(host) };
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

export interface ReadinessSources {
  db: Database;
  clock: Clock;
  lastStepAt(): Date | undefined;
  /** Each attached platform and whether it is connected now (webhook receivers and the console always are). */
  platforms(): Record<string, boolean>;
}

const message = (e: unknown) => (e instanceof Error ? e.message.split('\n')[0]! : String(e));

export async function readiness(s: ReadinessSources): Promise<Readiness> {
  const checks: Readiness['checks'] = {};
  let reachable = false;
  try {
    await pingDatabase(s.db);
    reachable = true;
    checks.database = { ok: true };
  } catch (e) {
    checks.database = { ok: false, detail: message(e) };
  }
  if (!reachable) checks.migrations = { ok: false, detail: 'database unreachable' };
  else {
    // A database never migrated has no migrations table: every migration is pending.
    const pending = await pendingMigrations(s.db).catch(() => pendingMigrations(s.db, true));
    checks.migrations = pending.length ? { ok: false, detail: `not applied: ${pending.join(', ')}` } : { ok: true };
  }
  const last = s.lastStepAt();
  const age = last ? s.clock.now().getTime() - last.getTime() : undefined;
  checks.engine =
    age === undefined ? { ok: false, detail: 'has not stepped yet' } : age > ENGINE_STALE_MS ? { ok: false, detail: `last stepped ${Math.round(age / 1000)} s ago` } : { ok: true };
  for (const [platform, up] of Object.entries(s.platforms())) checks[`platform:${platform}`] = up ? { ok: true } : { ok: false, detail: 'not connected' };
  return { ready: Object.values(checks).every((c) => c.ok), checks };
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));

/** The endpoints' handler (mounted for OPS_PATHS by the HTTP server). */
export function opsListener(sources: ReadinessSources, metrics: Metrics): RequestListener {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET' }).end();
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return json(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      const r = await readiness(sources);
      return json(res, r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'not ready', checks: r.checks });
    }
    if (path === '/metrics') {
      const body = await metrics.text();
      return void res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' }).end(body);
    }
    res.writeHead(404).end('not found');
  };
}
