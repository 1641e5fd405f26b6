/**
 * What the Feishu webhook accepts and refuses: the URL check answered before any signature check (Feishu
 * does not sign it), plaintext refused when an encrypt key is set, undecryptable, oversized and
 * malformed bodies answered 4xx at warn level (never 500, never an error line); with only a
 * verification token set, a warning at start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENCRYPT_KEY, ERROR, encrypted, encryptedText, feishuFixture, sendFeishu, startFeishu, VERIFICATION_TOKEN, WARN, type FeishuRun } from '../support/feishu.ts';

const CHALLENGE = { type: 'url_verification', challenge: 'c-9f1e2d3c', token: VERIFICATION_TOKEN };

describe('Feishu webhook requests, with an encrypt key', () => {
  let f: FeishuRun;
  let events = 0;
  beforeAll(async () => {
    f = await startFeishu();
  });
  afterAll(async () => {
    await f?.cleanup();
  });

  /** A bot menu event nobody has sent before. */
  const menu = () => {
    const e = feishuFixture('bot-menu');
    e.header.event_id = `wh-${++events}`;
    return e;
  };
  const messagesSent = () => f.feishu.sent().length;

  it('answers the URL check, which Feishu sends encrypted but unsigned', async () => {
    expect(await sendFeishu(f.events, CHALLENGE, { unsigned: true })).toEqual({ status: 200, json: { challenge: 'c-9f1e2d3c' } });
  });

  it('refuses a URL check with the wrong verification token, or encrypted with another key', async () => {
    expect((await sendFeishu(f.events, { ...CHALLENGE, token: 'not-ours' }, { unsigned: true })).status).toBe(401);
    expect((await sendFeishu(f.events, CHALLENGE, { unsigned: true, encryptWith: 'another-key' })).status).toBe(401);
  });

  it('refuses an unsigned event', async () => {
    const sent = messagesSent();
    expect((await sendFeishu(f.events, menu(), { unsigned: true })).status).toBe(401);
    expect(messagesSent()).toBe(sent);
  });

  it('refuses a signed plaintext body: with an encrypt key set, Feishu encrypts every body', async () => {
    const sent = messagesSent();
    expect((await sendFeishu(f.events, menu(), { encryptWith: null })).status).toBe(400);
    expect((await sendFeishu(f.events, CHALLENGE, { encryptWith: null })).status).toBe(400);
    expect(messagesSent()).toBe(sent);
  });

  it.each([
    ['a body encrypted with another key', () => encrypted(feishuFixture('bot-menu'), 'another-key')],
    ['a body that is not JSON', () => 'encrypt=abc'],
    ['a JSON array', () => '[]'],
    ['JSON null', () => 'null'],
    ['an encrypt field that is not a string', () => JSON.stringify({ encrypt: 42 })],
    ['an encrypt field that is not base64 ciphertext', () => JSON.stringify({ encrypt: 'bm90IGNpcGhlcnRleHQ=' })],
    ['an encrypted body that is not JSON', () => encryptedText('{"schema":')],
    ['an encrypted JSON string', () => encrypted('just a string')],
    ['an encrypted object with no event type', () => encrypted({ schema: '2.0', header: { token: VERIFICATION_TOKEN }, event: {} })],
    ['a menu event with no operator', () => encrypted({ ...feishuFixture<any>('bot-menu'), header: { ...feishuFixture<any>('bot-menu').header, event_id: 'wh-no-operator' }, event: { event_key: 'kesu_my_tasks' } })],
  ])('answers %s (signed) with 400 and a warning, never 500', async (_name, body) => {
    const logged = f.logs.length;
    const res = await sendFeishu(f.events, undefined, { raw: body() });
    expect(res.status).toBe(400);
    const lines = f.logs.slice(logged);
    expect(lines.filter((l) => l.level >= ERROR)).toEqual([]);
    expect(lines.filter((l) => l.level === WARN).map((l) => l.msg)).toEqual([expect.stringContaining('feishu: refused')]);
  });

  it('answers an oversized body with 413 and a warning', async () => {
    const logged = f.logs.length;
    const res = await sendFeishu(f.events, undefined, { raw: JSON.stringify({ encrypt: 'A'.repeat(2 * 1024 * 1024) }) });
    expect(res.status).toBe(413);
    expect(f.logs.slice(logged).filter((l) => l.level >= WARN).map((l) => l.level)).toEqual([WARN]);
  });

  it('still answers a good event after all that', async () => {
    const sent = messagesSent();
    expect((await sendFeishu(f.events, menu())).status).toBe(200);
    expect(messagesSent()).toBe(sent + 1);
  });
});

describe('Feishu webhook requests, with only a verification token', () => {
  let f: FeishuRun;
  beforeAll(async () => {
    f = await startFeishu({ encryptKey: null });
  });
  afterAll(async () => {
    await f?.cleanup();
  });

  it('warns at start that requests cannot be authenticated beyond the token', () => {
    expect(f.logs.filter((l) => l.level === WARN).map((l) => l.msg)).toContainEqual(expect.stringContaining('FEISHU_ENCRYPT_KEY'));
  });

  it('answers the plaintext URL check with the token, and refuses it without', async () => {
    expect(await sendFeishu(f.events, CHALLENGE, { encryptWith: null, unsigned: true })).toEqual({ status: 200, json: { challenge: 'c-9f1e2d3c' } });
    expect((await sendFeishu(f.events, { ...CHALLENGE, token: 'nope' }, { encryptWith: null, unsigned: true })).status).toBe(401);
  });

  it('refuses an encrypted body it cannot read with 400', async () => {
    expect((await sendFeishu(f.events, feishuFixture('bot-menu'), { unsigned: true, encryptWith: ENCRYPT_KEY })).status).toBe(400);
  });
});
