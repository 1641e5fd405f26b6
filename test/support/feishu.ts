/**
 * Kesu with the Feishu platform in webhook mode (and, on request, Slack too, against one database),
 * in this process, against a fake Open API; requests shaped like Feishu's, encrypted and signed. Its
 * log lines (info and up) are kept for the tests to read.
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

export interface FeishuRun {
  running: Running;
  feishu: FakeFeishu;
  slack?: FakeSlack;
  /** http://127.0.0.1:<port>/feishu/events */
  events: string;
  clock: ManualClock;
  /** Kesu's log lines so far (info and up). */
  logs: LogLine[];
  cleanup(): Promise<void>;
}

export interface StartOptions {
  withSlack?: boolean;
  /** FEISHU_ENCRYPT_KEY (default ENCRYPT_KEY); null leaves it unset. */
  encryptKey?: string | null;
  /** FEISHU_VERIFICATION_TOKEN (default VERIFICATION_TOKEN); null leaves it unset. */
  verificationToken?: string | null;
}

export async function startFeishu(opts: StartOptions = {}): Promise<FeishuRun> {
  const emails = Object.fromEntries(Object.entries(FEISHU_USERS).map(([id, openId]) => [`${id}@hengda.example`, openId]));
  const feishu = await FakeFeishu.start(emails);
  const slack = opts.withSlack ? await FakeSlack.start(Object.values(SLACK_USERS)) : undefined;
  const encryptKey = opts.encryptKey === undefined ? ENCRYPT_KEY : opts.encryptKey;
  const token = opts.verificationToken === undefined ? VERIFICATION_TOKEN : opts.verificationToken;
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const kesu = await runKesu(
    {
      FEISHU_APP_ID: 'cli_a0kesu000000000',
      FEISHU_APP_SECRET: 'feishu-test-secret',
      ...(encryptKey ? { FEISHU_ENCRYPT_KEY: encryptKey } : {}),
      ...(token ? { FEISHU_VERIFICATION_TOKEN: token } : {}),
      FEISHU_DOMAIN: feishu.url,
      ...(slack ? { SLACK_BOT_TOKEN: 'xoxb-0000-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${slack.url}api/` } : {}),
    },
    { logger: pino({ level: 'info', base: { app: 'kesu' } }, sink) },
  );
  const { running, clock } = kesu;
  return {
    running,
    feishu,
    ...(slack ? { slack } : {}),
    events: `${running.url}feishu/events`,
    clock,
    logs,
    async cleanup() {
      await kesu.stop();
      await feishu.close();
      await slack?.close();
    },
  };
}
