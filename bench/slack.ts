/**
 * `npm run bench:slack` — how fast Kesu answers Slack, beside a bare Bolt app measured in the same run.
 *
 * Both apps use Bolt's HTTPReceiver and a fake Slack Web API on 127.0.0.1. The bare app's /complaint
 * handler only acks and opens a fixed modal; its view handler only acks. Measured, one request at a
 * time after a warm-up:
 *   - slash command: from sending the signed request to the fake receiving `views.open`;
 *   - view_submission: from sending the signed request to receiving the ack (Kesu files a complaint).
 * Targets (issue 5): Kesu's p99 to `views.open` under 50 ms, and at most 1.5× the bare app.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { FakeSlack } from '../test/support/fake-slack.ts';
import { fixture, interaction, SIGNING_SECRET, slashCommand, submission } from '../test/support/slack-requests.ts';
import { SLACK_USERS, startSlack } from '../test/support/slack.ts';

const N = Number(process.env.BENCH_N ?? 1000);
const WARMUP = 50;

interface Target {
  name: string;
  events: string;
  stop(): Promise<void>;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

async function bareApp(fake: FakeSlack): Promise<Target> {
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, logLevel: LogLevel.ERROR });
  const app = new App({ token: 'xoxb-bench', receiver, clientOptions: { slackApiUrl: `${fake.url}api/` }, logLevel: LogLevel.ERROR });
  const modal = { type: 'modal' as const, callback_id: 'bare', title: { type: 'plain_text' as const, text: 'Complaint' }, blocks: [] };
  app.command('/complaint', async ({ ack, client, command }) => {
    await ack();
    await client.views.open({ trigger_id: command.trigger_id, view: modal });
  });
  app.view({ callback_id: /.*/, type: 'view_submission' }, async ({ ack }) => {
    await ack();
  });
  const server = (await app.start(0)) as Server;
  return { name: 'bare Bolt', events: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, stop: async () => void (await app.stop()) };
}

async function kesu(fake: FakeSlack): Promise<Target> {
  const app = await startSlack({ fake });
  return { name: 'Kesu', events: app.events, stop: () => app.cleanup() };
}

async function measure(target: Target, fake: FakeSlack, label: string) {
  const openAt = new Map<string, number>();
  fake.onCall = (c) => {
    if (c.method === 'views.open') openAt.set(c.args.trigger_id, performance.now());
  };
  const command = fixture('slash-command');
  const filing = { title: '阀体内径尺寸超差', description: '第 3 批内径超差', demand: 'replacement', customerName: '张伟', intakeChannel: 'phone', category: 'product_quality' };
  let modal: any;
  const toOpen: number[] = [];
  const toAck: number[] = [];
  for (let i = 0; i < WARMUP + N; i++) {
    const trigger = `${label}-${i}`;
    const t0 = performance.now();
    const res = await slashCommand(target.events, { ...command, trigger_id: trigger });
    if (res.status !== 200) throw new Error(`${target.name}: slash command answered ${res.status}`);
    while (!openAt.has(trigger)) await new Promise((r) => setImmediate(r));
    if (i >= WARMUP) toOpen.push(openAt.get(trigger)! - t0);
    modal ??= fake.of('views.open').at(-1)!.args.view;
  }
  for (let i = 0; i < WARMUP + N; i++) {
    const payload = submission(SLACK_USERS['chen.jing']!.id, { ...modal, id: `V${label}${i}` }, filing);
    const t0 = performance.now();
    const res = await interaction(target.events, payload);
    if (res.status !== 200) throw new Error(`${target.name}: view_submission answered ${res.status}`);
    if (i >= WARMUP) toAck.push(performance.now() - t0);
  }
  fake.onCall = undefined;
  return { toOpen, toAck };
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

async function main(): Promise<void> {
  const fake = await FakeSlack.start(Object.values(SLACK_USERS));
  try {
    const bare = await bareApp(fake);
    const b = await measure(bare, fake, 'bare');
    await bare.stop();
    const app = await kesu(fake);
    const k = await measure(app, fake, 'kesu');
    await app.stop();

    const rows = [
      ['slash command → views.open', b.toOpen, k.toOpen],
      ['view_submission → ack', b.toAck, k.toAck],
    ] as const;
    console.log(`Slack HTTP latency, ${N} requests each after ${WARMUP} warm-up, one at a time (Node ${process.version})`);
    console.log('path                         | bare p50  | bare p99  | Kesu p50  | Kesu p99  | p99 ratio');
    for (const [name, bs, ks] of rows) {
      const ratio = quantile(ks, 0.99) / quantile(bs, 0.99);
      console.log(
        `${name.padEnd(28)} | ${fmt(quantile(bs, 0.5)).padStart(9)} | ${fmt(quantile(bs, 0.99)).padStart(9)} | ${fmt(quantile(ks, 0.5)).padStart(9)} | ${fmt(quantile(ks, 0.99)).padStart(9)} | ${ratio.toFixed(2)}×`,
      );
    }
    const p99 = quantile(k.toOpen, 0.99);
    const ratio = p99 / quantile(b.toOpen, 0.99);
    console.log(`target: views.open p99 < 50 ms — ${p99 < 50 ? 'met' : 'MISSED'} (${fmt(p99)}); at most 1.5× bare — ${ratio <= 1.5 ? 'met' : 'MISSED'} (${ratio.toFixed(2)}×)`);
  } finally {
    await fake.close();
  }
}

await main();
