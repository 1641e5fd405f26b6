/** Kesu with the Slack platform in HTTP mode, in this process, against a fake Slack Web API. */
import type { ManualClock } from '../../src/clock.ts';
import type { Running } from '../../src/bot/main.ts';
import { runKesu } from './run.ts';
import { FakeSlack, type FakeUser } from './fake-slack.ts';
import { SIGNING_SECRET } from './slack-requests.ts';

/** Everyone in the example organisation as Slack users (matched to the config by email at start-up). */
export const SLACK_USERS: Record<string, FakeUser> = {
  'wang.jianguo': { id: 'U0WANG', email: 'wang.jianguo@hengda.example', locale: 'zh-CN' },
  'lin.xiaoyan': { id: 'U0LIN', email: 'lin.xiaoyan@hengda.example', locale: 'zh-CN' },
  'chen.jing': { id: 'U0CHEN', email: 'chen.jing@hengda.example', locale: 'zh-CN' },
  'zhang.wei': { id: 'U0ZHANG', email: 'zhang.wei@hengda.example', locale: 'zh-CN' },
  'liu.yang': { id: 'U0LIU', email: 'liu.yang@hengda.example', locale: 'zh-CN' },
  'zhao.lei': { id: 'U0ZHAO', email: 'zhao.lei@hengda.example', locale: 'zh-CN' },
  'zhou.min': { id: 'U0ZHOU', email: 'zhou.min@hengda.example', locale: 'en-US' },
  'huang.li': { id: 'U0HUANG', email: 'huang.li@hengda.example', locale: 'zh-CN' },
  'li.qiang': { id: 'U0LIQ', email: 'li.qiang@hengda.example', locale: 'zh-CN' },
  'zheng.haitao': { id: 'U0ZHENG', email: 'zheng.haitao@hengda.example', locale: 'zh-CN' },
  'he.yong': { id: 'U0HEY', email: 'he.yong@hengda.example', locale: 'zh-CN' },
  'ma.jun': { id: 'U0MAJ', email: 'ma.jun@hengda.example', locale: 'zh-CN' },
  'xu.ting': { id: 'U0XUT', email: 'xu.ting@hengda.example', locale: 'zh-CN' },
  'sun.zhigang': { id: 'U0SUNZ', email: 'sun.zhigang@hengda.example', locale: 'zh-CN' },
  'wu.lihua': { id: 'U0WUL', email: 'wu.lihua@hengda.example', locale: 'zh-CN' },
};

export interface SlackRun {
  running: Running;
  fake: FakeSlack;
  /** The receiver's endpoint: http://127.0.0.1:<port>/slack/events */
  events: string;
  clock: ManualClock;
  cleanup(): Promise<void>;
}

export async function startSlack(opts: { start?: string; logLevel?: string; socketUrl?: string; fake?: FakeSlack } = {}): Promise<SlackRun> {
  const fake = opts.fake ?? (await FakeSlack.start(Object.values(SLACK_USERS)));
  if (opts.socketUrl) fake.socketUrl = opts.socketUrl;
  const transport: Record<string, string> = opts.socketUrl ? { SLACK_APP_TOKEN: 'xapp-1-A0KESUAPP-0000-test' } : { SLACK_SIGNING_SECRET: SIGNING_SECRET };
  const kesu = await runKesu({ SLACK_BOT_TOKEN: 'xoxb-0000-test', SLACK_API_URL: `${fake.url}api/`, ...transport }, opts);
  return {
    running: kesu.running,
    fake,
    events: kesu.running.url ? `${kesu.running.url}slack/events` : '',
    clock: kesu.clock,
    async cleanup() {
      await kesu.stop();
      if (!opts.fake) await fake.close();
    },
  };
}
