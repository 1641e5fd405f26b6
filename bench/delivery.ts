/**
 * `npm run bench:delivery` — Kesu's outbox delivery under the platforms' rate limits, beside a bare
 * paced sender measured in the same run.
 *
 * Fake Slack and Feishu APIs on 127.0.0.1 enforce the limits (bench/limited-apis.ts: Slack 1/s per
 * channel; Feishu 5/s per chat and 50/s per app). 1,000 notifications go to 20 targets (10 Slack
 * channels, 10 Feishu chats, two of them with big backlogs written first; bench/delivery-figures.ts):
 *   - bare sender: no database, no Kesu; one loop per target posting straight to the fakes (fetch),
 *     paced at the target's rate and, on Feishu, at the app's; waits Retry-After on a refusal;
 *   - Kesu: the rows written to a fresh SQLite outbox (`enqueue`), delivered by the real dispatcher
 *     with the real Slack and Feishu deliverers and SDK clients, `dispatch(new Date())` called in a
 *     loop until no row is pending (capped at BENCH_DELIVERY_CAP_S seconds, default 150).
 * Figures: the time taken against the minimum the limits allow (the k-th message to a target, or on
 * the app, goes no earlier than k / rate after the start), as a percentage; refusals (429) after the
 * first second; the worst head-of-line delay: a message's delivery time less k / rate of its target.
 * Targets (issue): ≥ 90 % of the allowed rate, 0 refusals after the first second, worst delay ≤ 2 s.
 * BENCH_VERBOSE=1 also lists every refused call.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FeishuDeliverer } from '../src/bot/feishu/deliverer.ts';
import { feishuApi } from '../src/bot/feishu/client.ts';
import { SlackDeliverer } from '../src/bot/slack/deliverer.ts';
import { slackBackgroundClient } from '../src/bot/slack/client.ts';
import { outboxItem } from '../src/commands/notify.ts';
import { createLogger } from '../src/logger.ts';
import { createDispatcher } from '../src/notifiers/dispatcher.ts';
import { openDatabase, runInTransaction } from '../src/store/client.ts';
import { applyMigrations } from '../src/store/migrate.ts';
import { enqueue } from '../src/store/outbox.ts';
import { figures, minimumSeconds, refusals, perTargetRate, plan, type Figures, type Platform, type PlannedMessage } from './delivery-figures.ts';
import { clock, FEISHU_PER_APP, startLimitedApis, TOLERANCE_MS, type ApiCall, type LimitedApis } from './limited-apis.ts';

const CAP_MS = Number(process.env.BENCH_DELIVERY_CAP_S ?? 150) * 1000;

interface Run {
  name: string;
  figures: Figures;
  /** Outbox outcome (Kesu only). */
  outbox?: Record<string, number>;
  refusals: string[];
}

interface Outcome {
  /** clock() when sending began. */
  start: number;
  outbox?: Record<string, number>;
}

/** A pace slot clock: the next free time (performance.now()) and the gap after each send. */
interface Slots {
  next: number;
  gapMs: number;
}
const slots = (perSecond: number): Slots => ({ next: 0, gapMs: 1000 / perSecond });

/** Waits for the first time free on every clock given (target, app), reserving it on all of them: no drift, no bunching. */
async function paced(...clocks: Slots[]): Promise<void> {
  const now = performance.now();
  const at = Math.max(now, ...clocks.map((c) => c.next));
  for (const c of clocks) c.next = at + c.gapMs;
  if (at > now) await sleep(at - now);
}

async function bare(messages: readonly PlannedMessage[], apis: LimitedApis): Promise<Outcome> {
  const start = clock();
  const token = (await (await fetch(`${apis.feishuUrl}/open-apis/auth/v3/tenant_access_token/internal`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ app_id: 'cli_0123456789abcdef', app_secret: 's' }) })).json()) as { tenant_access_token: string };
  const app = slots(FEISHU_PER_APP);
  const post = (m: PlannedMessage) =>
    m.platform === 'slack'
      ? fetch(`${apis.slackUrl}chat.postMessage`, { method: 'POST', headers: { authorization: 'Bearer xoxb-bench', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ channel: m.address, text: m.text }) })
      : fetch(`${apis.feishuUrl}/open-apis/im/v1/messages?receive_id_type=chat_id`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token.tenant_access_token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ receive_id: m.address, msg_type: 'text', content: JSON.stringify({ text: m.text }) }),
        });
  const byTarget = new Map<string, PlannedMessage[]>();
  for (const m of messages) byTarget.set(`${m.platform}:${m.address}`, [...(byTarget.get(`${m.platform}:${m.address}`) ?? []), m]);
  await Promise.all(
    [...byTarget.values()].map(async (mine) => {
      const target = slots(perTargetRate(mine[0]!.platform));
      for (const m of mine) {
        for (;;) {
          await (m.platform === 'feishu' ? paced(target, app) : paced(target));
          const res = await post(m);
          await res.arrayBuffer();
          if (res.status !== 429) break;
          await sleep(Number(res.headers.get('retry-after') ?? res.headers.get('x-ogw-ratelimit-reset') ?? 1) * 1000);
        }
      }
    }),
  );
  return { start };
}

async function kesu(messages: readonly PlannedMessage[], apis: LimitedApis, dir: string): Promise<Outcome> {
  const db = await openDatabase(`file:${join(dir, 'kesu.db')}`);
  try {
    await applyMigrations(db);
    const items = messages.map((m) =>
      outboxItem({ key: `bench:${m.tag}`, kind: 'remind', target: { type: 'cs_channel' }, view: { text: m.text } }, { platform: m.platform, address: m.address, direct: false }),
    );
    await runInTransaction(db, (tx) => enqueue(tx, new Date(), items));
    const logger = createLogger('silent');
    const feishu = feishuApi({ feishu: { appId: 'cli_0123456789abcdef', appSecret: 's', domain: apis.feishuUrl } }, logger);
    const deliverers = [
      new SlackDeliverer(slackBackgroundClient({ slack: { botToken: 'xoxb-bench', apiUrl: apis.slackUrl } }, logger)),
      new FeishuDeliverer(feishu.client, { resetToken: feishu.resetToken }),
    ];
    const stop = new AbortController();
    // As the engine does (a real clock for leases and outcomes). Built apart from the call, so that an
    // option a dispatcher version does not take is no type error.
    const options = { owner: 'bench', logger, signal: stop.signal, clock: () => new Date() };
    const dispatcher = createDispatcher(db, deliverers, options);
    const start = clock();
    const cap = setTimeout(() => stop.abort(), CAP_MS);
    try {
      while (!stop.signal.aborted) {
        const r = await dispatcher.dispatch(new Date());
        if ((await db.prisma.outbox.count({ where: { status: 'pending' } })) === 0) break;
        if (r.sent + r.retried + r.dead === 0) await sleep(20);
      }
    } finally {
      clearTimeout(cap);
      (dispatcher as { close?: () => void }).close?.();
    }
    const rows = await db.prisma.outbox.groupBy({ by: ['status'], _count: { _all: true } });
    const outbox = Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
    const retried = await db.prisma.outbox.count({ where: { attempts: { gt: 1 } } });
    return { start, outbox: { ...outbox, 'rows with more than one attempt': retried } };
  } finally {
    await db.close();
  }
}

/** Fresh fakes for each run; `start`: when the run began to send (Kesu: after writing the outbox). */
async function measure(name: string, messages: readonly PlannedMessage[], run: (apis: LimitedApis) => Promise<Outcome>): Promise<Run> {
  const apis = await startLimitedApis();
  let calls: ApiCall[] = [];
  let outcome: Outcome;
  try {
    outcome = await run(apis);
  } finally {
    calls = await apis.close();
  }
  const { start, outbox } = outcome;
  return { name, figures: figures(messages, calls, start), refusals: refusals(calls, start), ...(outbox ? { outbox } : {}) };
}

const secs = (s: number | undefined) => (s === undefined ? 'incomplete' : `${s.toFixed(1)} s`);
const pct = (min: number, s: number | undefined) => (s === undefined ? 'n/a' : `${((100 * min) / Math.max(s, min, 1e-9)).toFixed(1)} %`);
const mark = (ok: boolean) => (ok ? '✓' : '✗ MISSED');

function report(messages: readonly PlannedMessage[], runs: Run[]): void {
  const count = (p: Platform) => messages.filter((m) => m.platform === p).length;
  const min = { slack: minimumSeconds(messages, 'slack'), feishu: minimumSeconds(messages, 'feishu') };
  const all = Math.max(min.slack.seconds, min.feishu.seconds);
  const rows: Array<[string, (r: Run) => string]> = [
    ['delivered', (r) => `${r.figures.delivered} of ${messages.length}`],
    [`Slack time (min ${secs(min.slack.seconds)})`, (r) => secs(r.figures.elapsed.slack)],
    ['Slack % of allowed rate', (r) => pct(min.slack.seconds, r.figures.elapsed.slack)],
    [`Feishu time (min ${secs(min.feishu.seconds)})`, (r) => secs(r.figures.elapsed.feishu)],
    ['Feishu % of allowed rate', (r) => pct(min.feishu.seconds, r.figures.elapsed.feishu)],
    [`all: time (min ${secs(all)})`, (r) => secs(r.figures.elapsed.all)],
    ['all: % of allowed rate', (r) => pct(all, r.figures.elapsed.all)],
    ['429s in the first second', (r) => String(r.figures.refusedEarly)],
    ['429s after it (Slack/Feishu)', (r) => `${r.figures.refusedLate.slack + r.figures.refusedLate.feishu} (${r.figures.refusedLate.slack}/${r.figures.refusedLate.feishu})`],
    ['worst head-of-line delay', (r) => `${r.figures.worst.seconds.toFixed(2)} s (${r.figures.worst.address} #${r.figures.worst.index + 1})`],
  ];
  console.log(`Delivery under rate limits: ${messages.length} notifications to 20 targets — Slack ${count('slack')} over 10 channels, Feishu ${count('feishu')} over 10 chats (Node ${process.version})`);
  console.log(`fake limits: Slack 1/s per channel; Feishu 5/s per chat, 50/s per app (windows ${1000 - TOLERANCE_MS} ms); minimum set by Slack ${min.slack.binding}, Feishu ${min.feishu.binding}`);
  const w = Math.max(...rows.map(([label]) => label.length));
  console.log(`${''.padEnd(w)} | ${runs.map((r) => r.name.padEnd(30)).join(' | ')}`);
  for (const [label, cell] of rows) console.log(`${label.padEnd(w)} | ${runs.map((r) => cell(r).padEnd(30)).join(' | ')}`);
  const k = runs.at(-1)!;
  const noisy = runs[0]!.figures.refusedLate.slack + runs[0]!.figures.refusedLate.feishu;
  if (noisy > 0) console.log(`note: the bare sender was refused ${noisy} times after the first second: this machine's timing jitter exceeds the fakes' ${TOLERANCE_MS} ms tolerance (busy CPU?); Kesu's figures are noisy too`);
  if (k.outbox) console.log(`Kesu outbox: ${Object.entries(k.outbox).map(([s, n]) => `${s} ${n}`).join(', ')}`);
  const rate = k.figures.elapsed.all === undefined ? 0 : (100 * all) / Math.max(k.figures.elapsed.all, all);
  const late429 = k.figures.refusedLate.slack + k.figures.refusedLate.feishu;
  console.log(`target: ≥ 90 % of the allowed rate — ${mark(rate >= 90)} (${pct(all, k.figures.elapsed.all)})`);
  console.log(`target: 0 steady-state 429s — ${mark(late429 === 0)} (${late429})`);
  console.log(`target: worst head-of-line delay ≤ 2 s — ${mark(k.figures.worst.seconds <= 2)} (${k.figures.worst.seconds.toFixed(2)} s, ${k.figures.worst.address})`);
}

async function main(): Promise<void> {
  const messages = plan();
  const dir = mkdtempSync(join(tmpdir(), 'kesu-bench-delivery-'));
  try {
    const baseline = await measure('bare paced sender', messages, (apis) => bare(messages, apis));
    const k = await measure('Kesu', messages, (apis) => kesu(messages, apis, dir));
    report(messages, [baseline, k]);
    if (process.env.BENCH_VERBOSE) for (const r of [baseline, k]) console.log(`${r.name}: refused calls\n${r.refusals.map((l) => `  ${l}`).join('\n') || '  none'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
