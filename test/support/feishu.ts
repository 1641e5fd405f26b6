/**
 * Kesu with the Feishu platform in webhook mode — requests shaped like Feishu's, encrypted and signed —
 * or over the long connection (no encrypt key nor verification token, as the real bot picks it), and on
 * request Slack too against one database, in this process, against a fake Open API. Its log lines
 * (info and up) are kept for the tests to read.
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { ManualClock } from '../../src/clock.ts';
import type { Running } from '../../src/bot/main.ts';
import { runKesu } from './run.ts';
import { FakeFeishu } from './fake-feishu.ts';
import { FakeSlack } from './fake-slack.ts';
import { SIGNING_SECRET } from './slack-requests.ts';
import { SLACK_USERS } from './slack.ts';

export const FEISHU_APP_ID = 'cli_a0cafe0000000000';
export const FEISHU_APP_SECRET = 'feishu-test-secret';
export const ENCRYPT_KEY = 'kesu-test-encrypt-key-0123456789';
export const VERIFICATION_TOKEN = 'rvaYgkR8l0PbsnDfGsY2ab3ZtbsEdVcw';

/** Everyone in the example organisation as Feishu users (matched to the config by email). */
export const FEISHU_USERS: Record<string, string> = {
  'wang.jianguo': 'ou_wangjianguo',
  'lin.xiaoyan': 'ou_linxiaoyan',
  'chen.jing': 'ou_chenjing',
  'zhang.wei': 'ou_zhangwei',
  'liu.yang': 'ou_liuyang',
  'zhao.lei': 'ou_zhaolei',
  'huang.li': 'ou_huangli',
  'li.qiang': 'ou_liqiang',
  'zhou.min': 'ou_zhoumin',
  'zheng.haitao': 'ou_zhenghaitao',
  'he.yong': 'ou_heyong',
  'ma.jun': 'ou_majun',
  'xu.ting': 'ou_xuting',
  'sun.zhigang': 'ou_sunzhigang',
  'wu.lihua': 'ou_wulihua',
};

export function feishuFixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/feishu/${name}.json`, import.meta.url), 'utf8')) as T;
}

/** The body Feishu sends with an encrypt key: {"encrypt": base64(iv ‖ AES-256-CBC(sha256(key), payload))}. */
export function encrypted(payload: unknown, key = ENCRYPT_KEY): string {
  return encryptedText(JSON.stringify(payload), key);
}

/** Any text encrypted as Feishu encrypts bodies (for bodies that decrypt to something other than JSON). */
export function encryptedText(text: string, key = ENCRYPT_KEY): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', createHash('sha256').update(key).digest(), iv);
  const data = Buffer.concat([iv, cipher.update(text, 'utf8'), cipher.final()]);
  return JSON.stringify({ encrypt: data.toString('base64') });
}

export interface SendOptions {
  /** The key the signature is made with (default ENCRYPT_KEY). */
  key?: string;
  timestamp?: number;
  /** The key the body is encrypted with (default ENCRYPT_KEY); null sends the payload as plain JSON. */
  encryptWith?: string | null;
  /** No signature headers at all (how Feishu sends the URL check). */
  unsigned?: boolean;
  /** This exact body instead of the payload (still signed unless `unsigned`). */
  raw?: string;
}

export async function sendFeishu(url: string, payload: unknown, opts: SendOptions = {}): Promise<{ status: number; json: any }> {
  const body = opts.raw ?? (opts.encryptWith === null ? JSON.stringify(payload) : encrypted(payload, opts.encryptWith ?? ENCRYPT_KEY));
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = randomBytes(8).toString('hex');
  const signature = createHash('sha256').update(ts + nonce + (opts.key ?? ENCRYPT_KEY) + body).digest('hex');
  const signed: Record<string, string> = opts.unsigned ? {} : { 'x-lark-request-timestamp': ts, 'x-lark-request-nonce': nonce, 'x-lark-signature': signature };
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signed }, body });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

/** One pino line as logged: `level` 30 info, 40 warn, 50 error. */
export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export const WARN = 40;
export const ERROR = 50;

/** How Feishu reaches Kesu: HTTP callbacks, or frames over the long connection. */
export type Transport = 'webhook' | 'long-connection';

export interface FeishuRun {
  running: Running;
  feishu: FakeFeishu;
  slack?: FakeSlack;
  transport: Transport;
  /** Webhook mode: http://127.0.0.1:<port>/feishu/events */
  events: string;
  clock: ManualClock;
  /** Kesu's log lines so far (info and up). */
  logs: LogLine[];
  /** An event or card callback as Feishu delivers it on this run's transport; `status` is the HTTP status or the answer frame's code. */
  send(payload: unknown): Promise<{ status: number; json: any }>;
  /** Resolves with the first log line that matches (already logged or to come); rejects after `timeoutMs`. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  cleanup(): Promise<void>;
}

export interface StartOptions {
  withSlack?: boolean;
  /** Default webhook; the long connection leaves FEISHU_ENCRYPT_KEY and FEISHU_VERIFICATION_TOKEN unset. */
  transport?: Transport;
  /** FEISHU_APP_SECRET as Kesu has it (default FEISHU_APP_SECRET, which the fake accepts). */
  appSecret?: string;
  /** Called with the fakes before Kesu starts. */
  beforeStart?(feishu: FakeFeishu): void;
  /** FEISHU_ENCRYPT_KEY (default ENCRYPT_KEY); null leaves it unset. */
  encryptKey?: string | null;
  /** FEISHU_VERIFICATION_TOKEN (default VERIFICATION_TOKEN); null leaves it unset. */
  verificationToken?: string | null;
}

export async function startFeishu(opts: StartOptions = {}): Promise<FeishuRun> {
  const emails = Object.fromEntries(Object.entries(FEISHU_USERS).map(([id, openId]) => [`${id}@hengda.example`, openId]));
  const feishu = await FakeFeishu.start(emails);
  Object.assign(feishu.ws, { appId: FEISHU_APP_ID, appSecret: FEISHU_APP_SECRET });
  const slack = opts.withSlack ? await FakeSlack.start(Object.values(SLACK_USERS)) : undefined;
  const transport = opts.transport ?? 'webhook';
  const webhook = transport === 'webhook';
  const encryptKey = !webhook ? null : opts.encryptKey === undefined ? ENCRYPT_KEY : opts.encryptKey;
  const token = !webhook ? null : opts.verificationToken === undefined ? VERIFICATION_TOKEN : opts.verificationToken;
  const logs: LogLine[] = [];
  const logWaiters = new Set<(line: LogLine) => void>();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        logs.push(JSON.parse(line) as LogLine);
        for (const w of [...logWaiters]) w(logs.at(-1)!);
      }
      done();
    },
  });
  const waitForLog = (match: (line: LogLine) => boolean, timeoutMs = 5_000) =>
    new Promise<LogLine>((resolve, reject) => {
      const hit = logs.find(match);
      if (hit) return resolve(hit);
      const waiter = (line: LogLine) => {
        if (!match(line)) return;
        clearTimeout(timer);
        logWaiters.delete(waiter);
        resolve(line);
      };
      const timer = setTimeout(() => {
        logWaiters.delete(waiter);
        reject(new Error(`no matching log line within ${timeoutMs} ms; logged: ${logs.map((l) => l.msg).join(' | ')}`));
      }, timeoutMs);
      logWaiters.add(waiter);
    });
  opts.beforeStart?.(feishu);
  let kesu: Awaited<ReturnType<typeof runKesu>>;
  try {
    kesu = await runKesu(
      {
        FEISHU_APP_ID,
        FEISHU_APP_SECRET: opts.appSecret ?? FEISHU_APP_SECRET,
        ...(encryptKey ? { FEISHU_ENCRYPT_KEY: encryptKey } : {}),
        ...(token ? { FEISHU_VERIFICATION_TOKEN: token } : {}),
        FEISHU_DOMAIN: feishu.url,
        ...(slack ? { SLACK_BOT_TOKEN: 'xoxb-0000-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${slack.url}api/` } : {}),
      },
      { logger: pino({ level: 'info', base: { app: 'kesu' } }, sink) },
    );
  } catch (e) {
    await feishu.close();
    await slack?.close();
    throw Object.assign(e as Error, { logs });
  }
  const { running, clock } = kesu;
  const events = `${running.url}feishu/events`;
  return {
    running,
    feishu,
    ...(slack ? { slack } : {}),
    transport,
    events,
    clock,
    logs,
    waitForLog,
    async send(payload) {
      if (webhook) return sendFeishu(events, payload);
      const answer = await feishu.ws.push(payload);
      return { status: answer.code, json: answer.json };
    },
    async cleanup() {
      await kesu.stop();
      await feishu.close();
      await slack?.close();
    },
  };
}
