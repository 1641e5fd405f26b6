/**
 * The CLI writes and delivers for the platforms the deployment runs: with Slack (or Feishu) set up,
 * `kesu file` and `kesu act` write their notifications for it — never for a terminal nobody watches —
 * and `kesu tick` delivers through the platform's API (here a fake on loopback), resolving people the
 * CLI knows only by email at delivery.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/client.ts';
import { EXAMPLE_CONFIG } from '../support/console.ts';
import { kesu, tempWorkspace } from '../support/cli.ts';
import { FakeFeishu } from '../support/fake-feishu.ts';
import { FakeSlack } from '../support/fake-slack.ts';
import { FEISHU_USERS } from '../support/feishu.ts';
import { filingForm } from '../support/org.ts';
import { SLACK_USERS } from '../support/slack.ts';
import { SIGNING_SECRET } from '../support/slack-requests.ts';

const filing = JSON.stringify(filingForm());
const acknowledge = JSON.stringify({ handlerId: 'liu.yang', firstResponse: '已回电，正在排查' });

describe('the kesu CLI on a Slack deployment', () => {
  let fake: FakeSlack;
  const ws = tempWorkspace();
  let db: Database;
  beforeAll(async () => {
    fake = await FakeSlack.start(Object.values(SLACK_USERS));
    Object.assign(ws.env, { KESU_CONFIG: EXAMPLE_CONFIG, SLACK_BOT_TOKEN: 'xoxb-0000-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${fake.url}api/` });
  });
  afterAll(async () => {
    await db?.close();
    await fake?.close();
    ws.cleanup();
  });

  it('file and act write for Slack; tick delivers them to Slack, not to the terminal', { timeout: 60_000 }, async () => {
    const filed = await kesu(['file', '--as', 'chen.jing', '--json', '-'], ws.env, filing);
    expect(filed.code, filed.stderr).toBe(0);
    const acted = await kesu(['act', 'KS-2026-0001', 'acknowledge', '--as', 'zhang.wei', '--json', '-'], ws.env, acknowledge);
    expect(acted.code, acted.stderr).toBe(0);
    db = await openDatabase(ws.env.DATABASE_URL!);
    const rows = await db.prisma.outbox.findMany({ orderBy: { id: 'asc' } });
    expect(new Set(rows.map((r) => r.platform))).toEqual(new Set(['slack']));
    expect(rows.map((r) => `${r.kind} ${r.address}`)).toEqual(['card C0QUALITY01', 'notice C0CUSTSVC01', 'assigned @liu.yang', 'card C0QUALITY01']);
    expect(fake.calls).toHaveLength(0); // file and act only write; delivery is the engine's

    const ticked = await kesu(['tick'], ws.env);
    expect(ticked.code, ticked.stderr).toBe(0);
    expect(ticked.stdout).toContain('delivered on slack: 4 sent, 0 to retry, 0 failed');
    expect(ticked.stdout).not.toContain('[card →');
    const cards = fake.of('chat.postMessage').filter((c) => c.args.channel === 'C0QUALITY01' && !c.args.thread_ts);
    expect(cards).toHaveLength(1); // posted once, then updated in place
    expect(fake.of('chat.update').some((c) => c.args.channel === 'C0QUALITY01')).toBe(true);
    // The handler, known to the CLI only by email, is found at delivery and gets the DM.
    expect(fake.of('users.lookupByEmail').map((c) => c.args.email)).toContain('liu.yang@hengda.example');
    expect(fake.of('chat.postMessage').find((c) => c.args.channel === 'U0LIU')?.args.text).toContain('KS-2026-0001');
    expect(await db.prisma.outbox.count({ where: { status: { not: 'sent' } } })).toBe(0);
  });

  it('tick routes around a channel the app is not in, in the same run: the head and the admin hear it', { timeout: 60_000 }, async () => {
    fake.channels.set('C0SALES0001', { name: 'sales', isMember: false });
    const since = fake.calls.length;
    expect((await kesu(['file', '--as', 'chen.jing', '--json', '-'], ws.env, JSON.stringify(filingForm({ category: 'service_attitude' })))).code).toBe(0);
    const ticked = await kesu(['tick'], ws.env);
    expect(ticked.code, ticked.stderr).toBe(0);
    expect(ticked.stdout).toMatch(/delivered on slack: \d+ sent, 0 to retry, 1 failed/);
    const posts = fake.calls.slice(since).filter((c) => c.method === 'chat.postMessage' && !c.args.thread_ts);
    expect(posts.some((p) => p.args.channel === 'U0LIQ' && String(p.args.text).includes('/invite @Kesu'))).toBe(true); // li.qiang heads sales
    expect(posts.some((p) => p.args.channel === 'U0LIN' && String(p.args.text).includes('C0SALES0001'))).toBe(true); // the admin
    expect(await db.prisma.outbox.count({ where: { status: 'pending' } })).toBe(0);
  });
});

describe('the kesu CLI on a Feishu deployment', () => {
  let fake: FakeFeishu;
  const ws = tempWorkspace();
  beforeAll(async () => {
    fake = await FakeFeishu.start(Object.fromEntries(Object.entries(FEISHU_USERS).map(([id, openId]) => [`${id}@hengda.example`, openId])));
    Object.assign(ws.env, { KESU_CONFIG: EXAMPLE_CONFIG, FEISHU_APP_ID: 'cli_a0cafe0000000000', FEISHU_APP_SECRET: 'feishu-test-secret', FEISHU_DOMAIN: fake.url });
  });
  afterAll(async () => {
    await fake?.close();
    ws.cleanup();
  });

  it('tick delivers the filing card and the handler’s notice through Feishu', { timeout: 60_000 }, async () => {
    expect((await kesu(['file', '--as', 'chen.jing', '--json', '-'], ws.env, filing)).code).toBe(0);
    expect((await kesu(['act', 'KS-2026-0001', 'acknowledge', '--as', 'zhang.wei', '--json', '-'], ws.env, acknowledge)).code).toBe(0);
    const ticked = await kesu(['tick'], ws.env);
    expect(ticked.code, ticked.stderr).toBe(0);
    expect(ticked.stdout).toContain('delivered on feishu: 4 sent');
    const sent = fake.sent();
    expect(sent.filter((c) => c.body.receive_id === 'oc_placeholder_quality')).toHaveLength(1);
    expect(sent.some((c) => c.body.receive_id === 'ou_liuyang' && c.query.receive_id_type === 'open_id')).toBe(true);
  });
});
