/** The start-up preflight on Slack: every channel and person checked against a fake Slack, with a fix for each problem. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { boot, type Core } from '../../src/bot/boot.ts';
import { formatChecklist, preflight, preflightClients } from '../../src/bot/preflight/index.ts';
import { createLogger } from '../../src/logger.ts';
import { EXAMPLE_CONFIG } from '../support/console.ts';
import { FakeSlack, type FakeUser } from '../support/fake-slack.ts';
import { SIGNING_SECRET } from '../support/slack-requests.ts';

/** The example organisation with a few holes: Logistics has no Slack channel, He Yong no address, Ma Jun a pinned ID. */
function brokenConfig(dir: string): string {
  const config = parse(readFileSync(EXAMPLE_CONFIG, 'utf8'));
  const logistics = config.departments.find((d: { key: string }) => d.key === 'logistics');
  delete logistics.channel.slack;
  const heYong = config.people.find((p: { id: string }) => p.id === 'he.yong');
  delete heYong.email;
  config.people.find((p: { id: string }) => p.id === 'ma.jun').slack = 'U0MAJUN';
  const path = join(dir, 'kesu.config.yaml');
  writeFileSync(path, stringify(config));
  return path;
}

/** Everyone with an email is a Slack user, except Xu Ting; Ma Jun's pinned account is deactivated. */
function slackUsers(config: Core['config']): FakeUser[] {
  return config.people
    .filter((p) => p.email && p.id !== 'xu.ting')
    .map((p) => (p.slack ? { id: p.slack, email: p.email!, deleted: true } : { id: `U0${p.id.replace('.', '').toUpperCase()}`, email: p.email! }));
}

describe('preflight on Slack', () => {
  let dir: string;
  let core: Core;
  let fake: FakeSlack;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kesu-preflight-'));
    fake = await FakeSlack.start();
    core = await boot({
      env: { DATABASE_URL: `file:${join(dir, 'kesu.db')}`, KESU_CONFIG: brokenConfig(dir), SLACK_BOT_TOKEN: 'xoxb-0000-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${fake.url}api/` },
      cwd: dir,
      logger: createLogger('silent'),
    });
    for (const u of slackUsers(core.config)) fake.users.set(u.id, u);
    fake.channels.set('C0PRODUCTN1', { name: 'production', isMember: false });
    fake.channels.set('C0QUALITY01', { name: 'quality', isArchived: true });
    fake.channels.set('C0MGMTREVIEW', { missing: true });
    fake.channels.set('C0SALES0001', { name: 'sales' });
  });

  afterAll(async () => {
    await core?.close();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists each unreachable channel and person with its fix, and who hears about them', async () => {
    const checks = await preflight(core, preflightClients(core));
    const lines = formatChecklist(checks);
    expect(lines.filter((l) => l.startsWith('✗'))).toEqual([
      '✗ Slack: Quality department channel #quality (C0QUALITY01): the channel is archived [is_archived] — unarchive #quality, or put another channel\'s ID in the config',
      '✗ Slack: Production department channel #production (C0PRODUCTN1): the app is not in the channel [not_in_channel] — invite the app: /invite @kesu in #production',
      '✗ Slack: Logistics department channel: no Slack channel configured: its cards go to the heads by DM — set channel: { slack: C… } for department logistics in the config',
      '✗ Slack: management channel (C0MGMTREVIEW): no such channel, or a private one the app is not in [channel_not_found] — check the channel ID in the config; a private channel must invite the app first: /invite @kesu',
      '✗ Slack: person He Yong (he.yong): no Slack ID and no email configured: Kesu cannot reach them on Slack — set slack: U… or email: for he.yong in the config',
      '✗ Slack: person Ma Jun (ma.jun) U0MAJUN: the Slack account is deactivated — set another slack: ID for ma.jun, or replace them in the config',
      '✗ Slack: person Xu Ting (xu.ting) xu.ting@hengda.example: no Slack user has this email [users_not_found] — set slack: U… for xu.ting in the config or check their email',
    ]);
    expect(lines).toContain('✓ Slack: bot @kesu in Kesu Test (U0KESUBOT)');
    // One channel serving two purposes is checked once.
    expect(lines).toContain('✓ Slack: Customer Service department channel, customer service channel #c0custsvc01 (C0CUSTSVC01)');
    expect(lines).toContain('✓ Slack: Sales department channel #sales (C0SALES0001)');
    expect(lines).toContain('✓ Slack: person Zhang Wei (zhang.wei) zhang.wei@hengda.example → U0ZHANGWEI');
    expect(lines.at(-1)).toBe('✓ Slack: unreachable targets are reported by DM to Lin Xiaoyan (lin.xiaoyan)');
    // Every channel (one call per channel ID) and every person with an address, each exactly once.
    expect(fake.of('conversations.info').map((c) => c.args.channel).sort()).toEqual(['C0CUSTSVC01', 'C0GMOFFICE1', 'C0MGMTREVIEW', 'C0PRODUCTN1', 'C0QUALITY01', 'C0SALES0001']);
    expect(fake.of('users.info').map((c) => c.args.user)).toEqual(['U0MAJUN']);
    expect(fake.of('users.lookupByEmail')).toHaveLength(core.config.people.filter((p) => p.email && !p.slack).length);
    expect(checks.filter((c) => c.kind === 'person')).toHaveLength(core.config.people.length);
  });

  it('fails the admins line when none of the admins can be reached, and falls back to the GMs when there are none', async () => {
    const clients = preflightClients(core);
    const unreachable = formatChecklist(await preflight({ config: { ...core.config, admins: ['xu.ting', 'he.yong'] } }, clients));
    expect(unreachable.at(-1)).toBe(
      '✗ Slack: unreachable targets are reported by DM to Xu Ting (xu.ting), He Yong (he.yong): none of them can be reached on Slack — fix their entries above, or list people who can be reached under admins: in the config',
    );
    const gms = formatChecklist(await preflight({ config: { ...core.config, admins: [] } }, clients));
    expect(gms.at(-1)).toBe('✓ Slack: unreachable targets are reported by DM to the general managers (no admins: in the config): Wang Jianguo (wang.jianguo)');
  });

  it('a post to a channel the app is not in fails as on Slack', async () => {
    const client = preflightClients(core).slack as unknown as { chat: { postMessage(a: object): Promise<unknown> } };
    await expect(client.chat.postMessage({ channel: 'C0PRODUCTN1', text: 'hi' })).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
    await expect(client.chat.postMessage({ channel: 'C0QUALITY01', text: 'hi' })).rejects.toMatchObject({ data: { error: 'is_archived' } });
    await expect(client.chat.postMessage({ channel: 'C0SALES0001', text: 'hi' })).resolves.toMatchObject({ ok: true });
  });

  it('is bounded: a few calls at a time, each time-boxed, and a refused token skips the rest instead of throwing', async () => {
    const arrivals: number[] = [];
    fake.onCall = () => arrivals.push(performance.now());
    fake.fail('conversations.info', { delayMs: 150 }, 6);
    const slow = await preflight(core, preflightClients(core), { concurrency: 4, timeoutMs: 1_000 });
    fake.onCall = undefined;
    // auth.test, then four channel look-ups at once; the fifth call waits for one of them (150 ms).
    expect(arrivals[5]! - arrivals[1]!).toBeGreaterThanOrEqual(100);
    expect(arrivals[4]! - arrivals[1]!).toBeLessThan(100);
    expect(slow.filter((c) => !c.ok)).toHaveLength(7);

    fake.fail('conversations.info', { delayMs: 1_500 });
    const late = formatChecklist(await preflight(core, preflightClients(core), { timeoutMs: 300 }));
    expect(late).toContain(
      "✗ Slack: Customer Service department channel, customer service channel (C0CUSTSVC01): no answer within 0.3 s — check the network and Slack's status, then run `kesu doctor`",
    );

    fake.fail('auth.test', { error: 'invalid_auth' });
    expect(formatChecklist(await preflight(core, preflightClients(core)))).toEqual([
      '✗ Slack: bot: Slack refused the bot token [invalid_auth] — check SLACK_BOT_TOKEN (reinstalling the app gives a new one); the other Slack checks were skipped',
    ]);
  });
});
