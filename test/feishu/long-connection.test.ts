/**
 * Feishu's long connection, the real Lark WSClient against the fake endpoint on loopback: "up" is
 * logged only once the WebSocket is open, events split across frames are put together and answered,
 * a dropped connection comes back (and says so), and stopping Kesu closes the socket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEISHU_APP_ID, FEISHU_APP_SECRET, FEISHU_USERS, feishuFixture, startFeishu, type FeishuRun } from '../support/feishu.ts';

const UP = /^feishu: long connection up \(/;

describe('the long connection', () => {
  let f: FeishuRun;
  beforeAll(async () => {
    f = await startFeishu({ transport: 'long-connection', beforeStart: (fake) => fake.ws.holdUpgrades() });
  });
  afterAll(async () => {
    await f?.cleanup();
  });

  it('is the mode without an encrypt key or verification token; it asks for its URL with the app credentials', () => {
    expect(f.running.feishu?.mode).toBe('long-connection');
    expect(f.running.url).toBeUndefined(); // no HTTP server: nothing to receive webhooks
    expect(f.feishu.ws.endpointCalls).toEqual([{ AppID: FEISHU_APP_ID, AppSecret: FEISHU_APP_SECRET }]);
  });

  it('logs "up" only once the WebSocket is open', async () => {
    await f.feishu.ws.upgradeHeld();
    // The client waits for the upgrade: it is not up, and says nothing of the kind.
    expect(f.logs.filter((l) => UP.test(l.msg))).toEqual([]);
    expect(f.running.feishu?.isUp?.()).toBe(false);
    f.feishu.ws.releaseUpgrades();
    const up = await f.waitForLog((l) => UP.test(l.msg));
    expect(up).toMatchObject({ level: 30, appId: FEISHU_APP_ID });
    expect(f.running.feishu?.isUp?.()).toBe(true);
  });

  it('answers an event split across frames once all of them arrived', async () => {
    const before = f.feishu.calls.length;
    const menu = feishuFixture('bot-menu');
    menu.header.event_id = 'lc-fragments';
    const answer = await f.feishu.ws.push(menu, { fragments: 3 });
    expect(answer.code).toBe(200);
    expect(answer.json).toEqual({});
    const dm = await f.feishu.waitFor((c) => c.body.receive_id === FEISHU_USERS['chen.jing'] && JSON.stringify(c.card ?? {}).includes('"form":"file"'), before);
    expect(dm.query.receive_id_type).toBe('open_id');
  });

  it('answers a card callback frame with the toast', async () => {
    const click = feishuFixture('card-action');
    click.header.event_id = 'lc-foreign';
    click.event.action.value = { not: 'kesu' };
    const answer = await f.feishu.ws.push(click);
    expect(answer.code).toBe(200);
    expect(answer.json.toast).toMatchObject({ type: expect.any(String) });
    // The answer frame is the pushed one with its headers kept and the handler's time added.
    const headers = Object.fromEntries(answer.frame.headers.map((h) => [h.key, h.value]));
    expect(headers).toMatchObject({ type: 'event', sum: '1', seq: '0', message_id: expect.stringMatching(/^fake_msg_/), biz_rt: expect.any(String) });
  });

  it('comes back after the connection drops, and says so', async () => {
    const opened = f.feishu.ws.opened;
    f.feishu.ws.dropConnections();
    await f.waitForLog((l) => l.msg === 'feishu: long connection lost; reconnecting');
    await f.waitForLog((l) => /^feishu: long connection up again/.test(l.msg));
    expect(f.feishu.ws.opened).toBe(opened + 1);
    const menu = feishuFixture('bot-menu');
    menu.header.event_id = 'lc-after-reconnect';
    menu.event.event_key = 'kesu_my_tasks';
    expect((await f.feishu.ws.push(menu)).code).toBe(200);
  });

  it('closes the socket when Kesu stops', async () => {
    await f.running.stop();
    await f.feishu.ws.disconnected();
    expect(f.running.feishu?.isUp?.()).toBe(false);
  });
});
