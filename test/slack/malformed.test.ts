/**
 * Correctly signed Slack requests whose body is not a Slack payload (`null`, `[]`, a string, an object
 * with a bad `type`, `payload=null`): each gets a 400, and the bot keeps answering the next requests —
 * in this process (the Slack suites' harness) and as the real `kesu start` child process. Also the
 * process guards `kesu start` installs (src/bot/guards.ts).
 */
import type { ChildProcess } from 'node:child_process';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardListeners, installProcessGuards } from '../../src/bot/guards.ts';
import { listenHttp } from '../../src/bot/http.ts';
import { kesuUntil, tempWorkspace } from '../support/cli.ts';
import { EXAMPLE_CONFIG } from '../support/console.ts';
import { FakeSlack } from '../support/fake-slack.ts';
import { fixture, sendSigned, SIGNING_SECRET, slashCommand } from '../support/slack-requests.ts';
import { SLACK_USERS, startSlack, type SlackRun } from '../support/slack.ts';

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Signed bodies that are well-formed JSON but no Slack payload. */
const MALFORMED: Array<[name: string, body: string, contentType: string]> = [
  ['JSON null', 'null', JSON_TYPE],
  ['a JSON array', '[]', JSON_TYPE],
  ['a JSON string', '"x"', JSON_TYPE],
  ['a JSON number', '42', JSON_TYPE],
  ['an object whose type is not a string', '{"type":5}', JSON_TYPE],
  ['an object whose type is an object', '{"type":{"a":1}}', JSON_TYPE],
  ['an event callback with a null event', '{"type":"event_callback","event":null}', JSON_TYPE],
  ['payload=null', 'payload=null', FORM_TYPE],
  ['payload=[]', 'payload=%5B%5D', FORM_TYPE],
  ['payload with a bad type', `payload=${encodeURIComponent('{"type":["block_actions"]}')}`, FORM_TYPE],
];

/** Wait for a response, or report that none came (a receiver that crashed leaves the request hanging). */
async function answered<T>(p: Promise<T>, ms = 5_000): Promise<T | 'no answer'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'no answer'>((resolve) => (timer = setTimeout(() => resolve('no answer'), ms)));
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('malformed signed Slack requests, in process', () => {
  let s: SlackRun;
  beforeAll(async () => {
    s = await startSlack();
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  it.each(MALFORMED)('%s gets 400', async (_name, body, contentType) => {
    const res = await answered(sendSigned(s.events, body, contentType));
    expect(res === 'no answer' ? res : res.status).toBe(400);
  });

  it('an unsigned malformed body still gets 401, and an empty or unparsable one 400/401 as before', async () => {
    expect((await sendSigned(s.events, 'null', JSON_TYPE, { secret: 'not-the-secret' })).status).toBe(401);
    expect((await sendSigned(s.events, 'payload=null', FORM_TYPE, { secret: 'not-the-secret' })).status).toBe(401);
    expect((await sendSigned(s.events, '{not json', JSON_TYPE)).status).toBe(400);
  });

  it('a signed body over Bolt’s 4 MB limit gets 413', async () => {
    const res = await sendSigned(s.events, JSON.stringify({ type: 'event_callback', event: { type: 'message', text: 'x'.repeat(5 * 1024 * 1024) } }), JSON_TYPE);
    expect(res.status).toBe(413);
  });

  it('after all of them, /complaint still opens the filing modal', async () => {
    const before = s.fake.calls.length;
    const res = await slashCommand(s.events, fixture('slash-command'));
    expect(res.status).toBe(200);
    const open = await s.fake.waitFor('views.open', () => true, before);
    expect(open.args.view.callback_id).toBe('kesu:form:file');
  });
});

describe('malformed signed Slack requests against the real `kesu start` process', () => {
  let fake: FakeSlack;
  let child: ChildProcess | undefined;
  let events = '';
  let stderr = () => '';
  let exited: string | undefined;
  const ws = tempWorkspace();

  beforeAll(async () => {
    fake = await FakeSlack.start(Object.values(SLACK_USERS));
    const env = {
      ...ws.env,
      KESU_CONFIG: EXAMPLE_CONFIG,
      KESU_CONSOLE: 'off',
      KESU_LANG: 'en',
      HOST: '127.0.0.1',
      PORT: '0',
      SLACK_BOT_TOKEN: 'xoxb-0000-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${fake.url}api/`,
    };
    const started = await kesuUntil(['start'], env, 'Press Ctrl-C', ws.dir);
    child = started.child;
    stderr = started.stderr;
    child.on('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
    const url = /HTTP, events at (\S+)/.exec(started.stdout())?.[1];
    expect(url, started.stdout()).toBeDefined();
    events = url!;
  });
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    }
    await fake?.close();
    ws.cleanup();
  });

  it('a signed `null` body, `[]` and `payload=null` get 400 and the process keeps serving /complaint', async () => {
    for (const [body, contentType] of [
      ['null', JSON_TYPE],
      ['[]', JSON_TYPE],
      ['payload=null', FORM_TYPE],
    ] as const) {
      const res = await answered(sendSigned(events, body, contentType).catch((e: Error) => `failed: ${e.message}`));
      expect(typeof res === 'string' ? `${res} (${exited ?? 'alive'})` : res.status, `${body}\n${stderr()}`).toBe(400);
    }
    const before = fake.calls.length;
    const res = await slashCommand(events, fixture('slash-command'));
    expect(res.status).toBe(200);
    expect((await fake.waitFor('views.open', () => true, before)).args.view.callback_id).toBe('kesu:form:file');
    expect(exited).toBeUndefined();
  });
});

describe('the HTTP server', () => {
  it('answers 500 for a receiver that throws or rejects, tells onError, and keeps serving', async () => {
    const errors: string[] = [];
    const server = await listenHttp({
      host: '127.0.0.1',
      port: 0,
      mounts: [
        { prefix: '/throws', listener: () => { throw new Error('sync'); } },
        { prefix: '/rejects', listener: async () => { throw new Error('async'); } },
        { prefix: '/ok', listener: (_req, res) => res.writeHead(200).end('ok') },
      ],
      onError: (e) => errors.push((e as Error).message),
    });
    try {
      expect((await fetch(`${server.url}throws`)).status).toBe(500);
      expect((await fetch(`${server.url}rejects`)).status).toBe(500);
      expect((await fetch(`${server.url}ok`)).status).toBe(200);
      expect((await fetch(`${server.url}elsewhere`)).status).toBe(404);
      expect(errors).toEqual(['sync', 'async']);
    } finally {
      await server.close();
    }
  });
});

describe('process guards', () => {
  /** A pino logger whose lines land in `lines`. */
  const capture = () => {
    const lines: any[] = [];
    const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) });
    return { lines, logger: pino({ level: 'info' }, stream) };
  };
  const count = (): [number, number] => [process.listenerCount('unhandledRejection'), process.listenerCount('uncaughtException')];

  it('are installed once however many instances run, and removed with the last one', () => {
    const [rejections, exceptions] = count();
    const a = installProcessGuards({ logger: capture().logger });
    const b = installProcessGuards({ logger: capture().logger });
    expect(count()).toEqual([rejections + 1, exceptions + 1]);
    a();
    a(); // idempotent
    expect(count()).toEqual([rejections + 1, exceptions + 1]);
    b();
    expect(count()).toEqual([rejections, exceptions]);
  });

  it('log a rejection with context and no secrets, and keep running; an uncaught exception calls onFatal once', async () => {
    const { lines, logger } = capture();
    const fatal: unknown[] = [];
    const remove = installProcessGuards({ logger, context: { platforms: ['slack: HTTP'] }, onFatal: (e) => fatal.push(e) });
    try {
      // An HTTP client's error carries its request, Authorization header included: none of it is logged.
      const leaky = Object.assign(new Error('request failed', { cause: new Error('ECONNRESET') }), { code: 'E_HTTP', config: { headers: { Authorization: 'Bearer t-secret' } } });
      guardListeners.onUnhandledRejection(leaky);
      guardListeners.onUnhandledRejection(null);
      expect(fatal).toEqual([]);
      expect(lines[0]).toMatchObject({ level: 50, event: 'unhandledRejection', platforms: ['slack: HTTP'], pid: process.pid, error: { type: 'Error', message: 'request failed', code: 'E_HTTP', cause: { message: 'ECONNRESET' } } });
      expect(lines[1]).toMatchObject({ error: { type: 'null' } });
      expect(JSON.stringify(lines)).not.toContain('t-secret');
      const boom = new Error('boom');
      guardListeners.onUncaughtException(boom, 'uncaughtException');
      guardListeners.onUncaughtException(new Error('again'), 'uncaughtException');
      expect(fatal).toEqual([boom]);
      expect(lines[2]).toMatchObject({ level: 60, event: 'uncaughtException', error: { message: 'boom' } });
    } finally {
      remove();
    }
  });

  it('a stopped Kesu leaves no process listeners behind', async () => {
    const before = count();
    const s = await startSlack();
    expect(count()).toEqual([before[0] + 1, before[1] + 1]);
    await s.cleanup();
    expect(count()).toEqual(before);
  });
});
