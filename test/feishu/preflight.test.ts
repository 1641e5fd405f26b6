/** The start-up preflight on Feishu: every group and person checked against a fake Open API, with a fix for each problem. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { boot, type Core } from '../../src/bot/boot.ts';
import { formatChecklist, preflight, preflightClients } from '../../src/bot/preflight/index.ts';
import { createLogger } from '../../src/logger.ts';
import { EXAMPLE_CONFIG } from '../support/console.ts';
import { FakeFeishu } from '../support/fake-feishu.ts';

/** The example organisation with a few holes: Logistics has no Feishu group, He Yong no address, Ma Jun a pinned open_id. */
function brokenConfig(dir: string): string {
  const config = parse(readFileSync(EXAMPLE_CONFIG, 'utf8'));
  delete config.departments.find((d: { key: string }) => d.key === 'logistics').channel.feishu;
  delete config.people.find((p: { id: string }) => p.id === 'he.yong').email;
  config.people.find((p: { id: string }) => p.id === 'ma.jun').feishu = 'ou_majun';
  const path = join(dir, 'kesu.config.yaml');
  writeFileSync(path, stringify(config));
  return path;
}

const SALES = 'oc_placeholder_sales';
const QUALITY = 'oc_placeholder_quality';
const PRODUCTION = 'oc_placeholder_production';

describe('preflight on Feishu', () => {
  let dir: string;
  let core: Core;
  let fake: FakeFeishu;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kesu-preflight-'));
    fake = await FakeFeishu.start();
    core = await boot({
      env: { DATABASE_URL: `file:${join(dir, 'kesu.db')}`, KESU_CONFIG: brokenConfig(dir), FEISHU_APP_ID: 'cli_a0cafe0000000000', FEISHU_APP_SECRET: 'feishu-test-secret', FEISHU_DOMAIN: fake.url },
      cwd: dir,
      logger: createLogger('silent'),
    });
    // Everyone with an email is a Feishu user, except Xu Ting; Ma Jun (pinned by open_id) has left the company.
    for (const p of core.config.people) if (p.email && p.id !== 'xu.ting') fake.users.set(p.email, p.feishu ?? `ou_${p.id.replace('.', '')}`);
    fake.users.set('ma.jun@hengda.example', 'ou_majun');
    fake.resigned.add('ou_majun');
    fake.chats.set(PRODUCTION, { name: '生产部', botIn: false });
    fake.chats.set(QUALITY, { name: '质量部', dissolved: true });
    fake.chats.set(SALES, { missing: true });
    fake.chats.set('oc_placeholder_gm_office', { name: '总经理办公室' });
  });

  afterAll(async () => {
    await core?.close();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists each unreachable group and person with its fix, and who hears about them', async () => {
    const since = fake.calls.length;
    const lines = formatChecklist(await preflight(core, preflightClients(core)));
    expect(lines.filter((l) => l.startsWith('✗'))).toEqual([
      "✗ Feishu: Quality department channel (oc_placeholder_quality): the group was disbanded [232009] — put another group's chat_id in the config",
      '✗ Feishu: Sales department channel (oc_placeholder_sales): no such group [232006] — check the chat_id (oc_…) in the config',
      '✗ Feishu: Production department channel (oc_placeholder_production): the bot is not in the group [232011] — add the bot Kesu to the group: group settings → Bots → Add (群设置 → 群机器人 → 添加机器人)',
      '✗ Feishu: Logistics department channel: no Feishu group configured: its cards go to the heads by DM — set channel: { feishu: oc_… } for department logistics in the config',
      '✗ Feishu: person He Yong (he.yong): no Feishu ID and no email configured: Kesu cannot reach them on Feishu — set feishu: ou_… or email: for he.yong in the config',
      '✗ Feishu: person Ma Jun (ma.jun) ou_majun: the Feishu account has left the company (离职) — set another feishu: open_id for ma.jun, or replace them in the config',
      "✗ Feishu: person Xu Ting (xu.ting) xu.ting@hengda.example: no Feishu user has this email, or they are outside the app's contact scope — set feishu: ou_… for xu.ting in the config, check their email, or widen the app's contact scope (通讯录权限范围)",
    ]);
    expect(lines[0]).toBe('✓ Feishu: bot Kesu (ou_kesubot)');
    expect(lines).toContain('✓ Feishu: GM channel 总经理办公室 (oc_placeholder_gm_office)');
    expect(lines).toContain('✓ Feishu: person Zhang Wei (zhang.wei) zhang.wei@hengda.example → ou_zhangwei');
    expect(lines.at(-1)).toBe('✓ Feishu: unreachable targets are reported by DM to Lin Xiaoyan (lin.xiaoyan)');
    // One batch_get_id for every email-only person; one look-up per pinned open_id; membership asked only of groups that exist.
    const calls = fake.calls.slice(since).map((c) => `${c.method} ${c.path}`);
    expect(calls.filter((c) => c.endsWith('/batch_get_id'))).toHaveLength(1);
    expect(calls.filter((c) => c.includes('/contact/v3/users/ou_'))).toEqual(['GET /open-apis/contact/v3/users/ou_majun']);
    expect(calls.filter((c) => c.endsWith('/is_in_chat')).sort()).toEqual(
      ['oc_placeholder_customer_service', 'oc_placeholder_gm_office', 'oc_placeholder_management'].map((id) => `GET /open-apis/im/v1/chats/${id}/members/is_in_chat`),
    );
  });

  it('a message to a group without the bot fails as on Feishu (230002)', async () => {
    const client = preflightClients(core).feishu as unknown as lark.Client;
    const send = (chat: string) => client.im.v1.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: chat, msg_type: 'text', content: JSON.stringify({ text: 'hi' }) } });
    await expect(send(PRODUCTION)).rejects.toMatchObject({ response: { status: 400, data: { code: 230002, msg: 'Bot/User can NOT be out of the chat.' } } });
    await expect(send('oc_placeholder_gm_office')).resolves.toMatchObject({ code: 0 });
  });

  it('refused credentials make one failed line instead of a failure per target, and errors never throw', async () => {
    fake.fail('GET /open-apis/bot/v3/info', { status: 400, code: 99991663 });
    expect(formatChecklist(await preflight(core, preflightClients(core)))).toEqual([
      '✗ Feishu: bot: Feishu refused the app credentials [99991663] — check FEISHU_APP_ID, FEISHU_APP_SECRET and FEISHU_DOMAIN; the other Feishu checks were skipped',
    ]);
    fake.fail('POST /open-apis/contact/v3/users/batch_get_id', { status: 500, code: 1500 });
    const lines = formatChecklist(await preflight(core, preflightClients(core)));
    expect(lines).toContain("✗ Feishu: person Wang Jianguo (wang.jianguo) wang.jianguo@hengda.example: Feishu answered: fake failure [1500] — check FEISHU_DOMAIN, the network and Feishu's status, then run `kesu doctor`");
  });
});
