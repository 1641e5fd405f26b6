/**
 * Prometheus metrics for `/metrics` (prom-client, a registry of Kesu's own): counters the dispatcher and
 * the HTTP server feed as things happen, and gauges read from the database at scrape time (src/store/ops.ts).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Clock } from '../clock.ts';
import type { Database } from '../store/client.ts';
import { oldestDueStep, openComplaintCounts, outboxFigures } from '../store/ops.ts';
import type { DispatcherOptions } from '../notifiers/dispatcher.ts';

export type Receiver = 'slack' | 'feishu' | 'console';

export interface Metrics {
  readonly registry: Registry;
  /** The dispatcher's sink: one call per send attempt. */
  onAttempt: NonNullable<DispatcherOptions['onAttempt']>;
  /** Wraps a receiver's request listener so its requests are timed (streams, which never finish, are not). */
  timed(receiver: Receiver, listener: RequestListener): RequestListener;
  /** The text exposition format, gauges read from the database now. */
  text(): Promise<string>;
}

const seconds = (ms: number) => Math.max(0, ms) / 1000;

/** `platforms`: the deployment's platforms, reported (as 0) even when nothing is queued for them. */
export function createMetrics(db: Database, clock: Clock, platforms: readonly string[]): Metrics {
  const registry = new Registry();
  const deliveries = new Counter({ name: 'kesu_deliveries_total', help: 'Send attempts by platform and result (sent, retried, dead).', labelNames: ['platform', 'result'], registers: [registry] });
  const throttled = new Counter({ name: 'kesu_throttled_total', help: 'Send attempts the platform answered with a rate limit (429 / Retry-After).', labelNames: ['platform'], registers: [registry] });
  const latency = new Histogram({
    name: 'kesu_receiver_seconds',
    help: 'Time to answer a request, by receiver (Slack HTTP, Feishu webhook, local console).',
    labelNames: ['receiver'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  for (const platform of platforms) {
    for (const result of ['sent', 'retried', 'dead']) deliveries.inc({ platform, result }, 0);
    throttled.inc({ platform }, 0);
  }

  // The database figures, read once per scrape (the gauges below share them).
  let figures: Promise<Awaited<ReturnType<typeof read>>> | undefined;
  const read = async () => {
    const now = clock.now();
    const [outbox, due, open] = await Promise.all([outboxFigures(db), oldestDueStep(db, now), openComplaintCounts(db)]);
    return { now, outbox, due, open };
  };
  const once = () => (figures ??= read().finally(() => setImmediate(() => (figures = undefined))));
  const perPlatform = (gauge: Gauge, values: Record<string, number>) => {
    gauge.reset();
    for (const p of new Set([...platforms, ...Object.keys(values)])) gauge.set({ platform: p }, values[p] ?? 0);
  };
  new Gauge({
    name: 'kesu_outbox_pending',
    help: 'Outbox rows waiting to be delivered, by platform.',
    labelNames: ['platform'],
    registers: [registry],
    async collect() {
      perPlatform(this, (await once()).outbox.pending);
    },
  });
  new Gauge({
    name: 'kesu_outbox_dead',
    help: 'Outbox rows given up on (dead letters), by platform.',
    labelNames: ['platform'],
    registers: [registry],
    async collect() {
      perPlatform(this, (await once()).outbox.dead);
    },
  });
  new Gauge({
    name: 'kesu_outbox_oldest_pending_seconds',
    help: 'Age of the oldest pending outbox row, by platform (0 when none is pending).',
    labelNames: ['platform'],
    registers: [registry],
    async collect() {
      const { now, outbox } = await once();
      perPlatform(this, Object.fromEntries(Object.entries(outbox.oldestPending).map(([p, at]) => [p, seconds(now.getTime() - at.getTime())])));
    },
  });
  new Gauge({
    name: 'kesu_ladder_lag_seconds',
    help: 'Now minus the due time of the oldest ladder step not yet taken (0 when none is due).',
    registers: [registry],
    async collect() {
      const { now, due } = await once();
      this.set(due ? seconds(now.getTime() - due.getTime()) : 0);
    },
  });
  new Gauge({
    name: 'kesu_open_complaints',
    help: 'Complaints not closed or rejected, by status and department.',
    labelNames: ['status', 'department'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of (await once()).open) this.set({ status: row.status, department: row.department }, row.count);
    },
  });

  return {
    registry,
    onAttempt({ platform, result, throttled: limited }) {
      deliveries.inc({ platform, result });
      if (limited) throttled.inc({ platform });
    },
    timed(receiver, listener) {
      return (req: IncomingMessage, res: ServerResponse) => {
        const end = latency.startTimer({ receiver });
        res.once('finish', () => {
          if (!String(res.getHeader('content-type') ?? '').startsWith('text/event-stream')) end();
        });
        return listener(req, res);
      };
    },
    text: () => registry.metrics(),
  };
}
