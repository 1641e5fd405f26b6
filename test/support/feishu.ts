/**
 * Kesu with the Feishu platform in webhook mode (and, on request, Slack too, against one database),
 * in this process, against a fake Open API; requests shaped like Feishu's, encrypted and signed.
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', createHash('sha256').update(key).digest(), iv);
  const data = Buffer.concat([iv, cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return JSON.stringify({ encrypt: data.toString('base64') });
}

export async function sendFeishu(url: string, payload: unknown, opts: { key?: string; timestamp?: number } = {}): Promise<{ status: number; json: any }> {
  const body = encrypted(payload);
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = randomBytes(8).toString('hex');
  const signature = createHash('sha256').update(ts + nonce + (opts.key ?? ENCRYPT_KEY) + body).digest('hex');
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lark-request-timestamp': ts, 'x-lark-request-nonce': nonce, 'x-lark-signature': signature },
    body,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

export interface FeishuRun {
  running: Running;
  feishu: FakeFeishu;
  slack?: FakeSlack;
  /** http://127.0.0.1:<port>/feishu/events */
  events: string;
  clock: ManualClock;
  cleanup(): Promise<void>;
}

export async function startFeishu(opts: { withSlack?: boolean } = {}): Promise<FeishuRun> {
  const emails = Object.fromEntries(Object.entries(FEISHU_USERS).map(([id, openId]) => [`${id}@hengda.example`, openId]));
  const feishu = await FakeFeishu.start(emails);
  const slack = opts.withSlack ? await FakeSlack.start(Object.values(SLACK_USERS)) : undefined;
  const kesu = await runKesu({
    FEISHU_APP_ID: 'cli_a0kesu000000000',
    FEISHU_APP_SECRET: 'feishu-test-secret',
    FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
    FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    FEISHU_DOMAIN: feishu.url,
    ...(slack ? { SLACK_BOT_TOKEN: 'xoxb-0000-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${slack.url}api/` } : {}),
  });
  return {
    running: kesu.running,
    feishu,
    ...(slack ? { slack } : {}),
    events: `${kesu.running.url}feishu/events`,
    clock: kesu.clock,
    async cleanup() {
      await kesu.stop();
      await feishu.close();
      await slack?.close();
    },
  };
}
