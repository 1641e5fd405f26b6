/**
 * Socket Mode: with SLACK_APP_TOKEN set, the Bolt app opens a WebSocket to the URL that
 * apps.connections.open hands out (a WebSocket server on 127.0.0.1 here, speaking Slack's envelope
 * protocol), acknowledges each envelope, and handles it like an HTTP request — no public URL needed.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { fixture, submission } from '../support/slack-requests.ts';
import { startSlack, type SlackRun } from '../support/slack.ts';

describe('the Slack app in Socket Mode', () => {
  let wss: WebSocketServer;
  let socket: WebSocket;
  let s: SlackRun;
  const acks: any[] = [];
  let envelopes = 0;

  beforeAll(async () => {
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(wss, 'listening');
    const connected = new Promise<WebSocket>((resolve) =>
      wss.on('connection', (ws) => {
        ws.on('message', (data) => acks.push(JSON.parse(String(data))));
        ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0KESUAPP' }, debug_info: { host: 'applink-test' } }));
        resolve(ws);
      }),
    );
    s = await startSlack({ socketUrl: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link/?ticket=test` });
    socket = await connected;
  });
  afterAll(async () => {
    await s?.cleanup();
    for (const c of wss?.clients ?? []) c.terminate();
    await new Promise((r) => wss?.close(r));
  });

  /** Sends one envelope and resolves with the app's acknowledgement of it. */
  async function deliver(type: string, payload: unknown): Promise<any> {
    const envelope_id = `env-${++envelopes}`;
    socket.send(JSON.stringify({ envelope_id, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: 0, retry_reason: '' }));
    await expect.poll(() => acks.find((a) => a.envelope_id === envelope_id), { timeout: 5_000 }).toBeDefined();
    return acks.find((a) => a.envelope_id === envelope_id);
  }

  it('connects with the app token, with no HTTP endpoint', () => {
    expect(s.running.slack?.mode).toBe('socket');
    expect(s.running.url).toBeUndefined();
    expect(s.fake.of('apps.connections.open')).toHaveLength(1);
  });

  it('a slash command envelope opens the filing modal; a submission envelope files the complaint', async () => {
    const before = s.fake.calls.length;
    await deliver('slash_commands', fixture('slash-command'));
    const open = await s.fake.waitFor('views.open', () => true, before);
    const view = { ...open.args.view, id: 'V0SOCKET1' };
    const values = { title: '包装破损', description: '外箱破损，内件划伤', demand: 'replacement', customerName: '赵敏', intakeChannel: 'email', category: 'product_quality' };
    const ack = await deliver('interactive', submission('U0CHEN', view, values));
    expect(ack.payload).toMatchObject({ response_action: 'update', view: { callback_id: 'kesu:done' } });
    expect(await s.running.core.deps.db.prisma.complaint.count({ where: { title: '包装破损' } })).toBe(1);
  });
});
