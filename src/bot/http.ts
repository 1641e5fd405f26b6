/**
 * One HTTP server for everything `kesu start` serves: chat platform receivers mounted by path prefix
 * (`/slack/` …) and the local console for everything else. When the server faces the network
 * (webhooks), the console — which has no login — answers loopback clients only.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KesuError } from '../errors.ts';

export interface Mount {
  prefix: string;
  listener: RequestListener;
}

export interface HttpServer {
  url: string;
  close(graceMs?: number): Promise<void>;
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;
export const isLoopbackHost = (host: string) => host === 'localhost' || LOOPBACK.test(host);

function notFound(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
}

/** The operations endpoints' paths (ops.ts serves them). */
export const OPS_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

export interface ListenOptions {
  host: string;
  port: number;
  mounts: readonly Mount[];
  fallback?: RequestListener;
  /** The operations endpoints, for OPS_PATHS; `open`: any client may call them, not only loopback ones. */
  ops?: { listener: RequestListener; open: boolean };
  /** Told about a request whose listener threw or rejected (it is answered 500); log it here. */
  onError?: (error: unknown, req: IncomingMessage) => void;
}

export async function listenHttp(opts: ListenOptions): Promise<HttpServer> {
  const fallback = opts.fallback;
  // A request through a reverse proxy on this host also comes from loopback: refuse anything forwarded.
  const local = (req: IncomingMessage) =>
    LOOPBACK.test(req.socket.remoteAddress ?? '') && !req.headers.forwarded && !req.headers['x-forwarded-for'] && !req.headers['x-real-ip'];
  const guarded: RequestListener | undefined =
    fallback && !isLoopbackHost(opts.host) ? (req, res) => (local(req) ? fallback(req, res) : res.writeHead(403).end('the local console answers this computer only')) : fallback;
  const ops = opts.ops;
  const opsListener: RequestListener | undefined =
    ops && (ops.open ? ops.listener : (req, res) => (local(req) ? ops.listener(req, res) : res.writeHead(403).end('the operations endpoints answer this computer only')));
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    const mount = opts.mounts.find((m) => path.startsWith(m.prefix));
    const listener = (opsListener && OPS_PATHS.has(path.split('?')[0]!) ? opsListener : undefined) ?? mount?.listener ?? guarded ?? notFound;
    // A receiver that throws or rejects must not take the process down: the request gets a 500 and is logged.
    // (Requests a receiver does not serve are refused by it, e.g. 404/405 for the Slack mount.)
    Promise.resolve()
      .then(() => listener(req, res))
      .catch((e: unknown) => {
        opts.onError?.(e, req);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('internal error');
        else if (!res.writableEnded) res.destroy();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE' || e.code === 'EACCES'
          ? new KesuError(
              'config_invalid',
              { variables: 'PORT', port: opts.port, host: opts.host, reason: e.code },
              { message: `Cannot listen on ${opts.host}:${opts.port} (${e.code}): set PORT to a free port, e.g. PORT=${opts.port + 1} npm start.`, cause: e },
            )
          : e,
      ),
    );
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shown = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
  return {
    url: `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`,
    /** Stops accepting, lets requests in flight finish (up to `graceMs`), then cuts what is left. */
    async close(graceMs = 3_000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(timer);
    },
  };
}
