/** `kesu doctor` through the real binary: the preflight's reachability checks for the configured chat platforms. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kesu, tempWorkspace } from '../support/cli.ts';
import { EXAMPLE_CONFIG } from '../support/console.ts';
import { FakeSlack } from '../support/fake-slack.ts';
import { SLACK_USERS } from '../support/slack.ts';
import { SIGNING_SECRET } from '../support/slack-requests.ts';

describe('kesu doctor', () => {
  const ws = tempWorkspace();
  let fake: FakeSlack;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    // Everyone but li.qiang has a Slack account (he left, or his email is wrong).
    fake = await FakeSlack.start(Object.entries(SLACK_USERS).filter(([id]) => id !== 'li.qiang').map(([, u]) => u));
    fake.channels.set('C0PRODUCTN1', { name: 'production', isMember: false });
    fake.channels.set('C0GMOFFICE1', { name: 'gm-office', isArchived: true });
    env = { ...ws.env, KESU_CONFIG: EXAMPLE_CONFIG, SLACK_BOT_TOKEN: 'xoxb-0000-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${fake.url}api/` };
  });

  afterAll(async () => {
    await fake?.close();
    ws.cleanup();
  });

  it('checks every Slack channel and person, prints a fix for each one it cannot reach, and exits 1', async () => {
    const run = await kesu(['doctor'], env);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines.some((l) => /^✗ platforms: slack: \d+ checks, \d+ failed — see below$/.test(l)), run.stdout).toBe(true);
    expect(lines).toContain('  ✓ Slack: bot @kesu in Kesu Test (U0KESUBOT)');
    expect(lines).toContain('  ✗ Slack: Production department channel #production (C0PRODUCTN1): the app is not in the channel [not_in_channel] — invite the app: /invite @kesu in #production');
    expect(lines).toContain("  ✗ Slack: GM channel #gm-office (C0GMOFFICE1): the channel is archived [is_archived] — unarchive #gm-office, or put another channel's ID in the config");
    expect(lines).toContain(
      '  ✗ Slack: person Li Qiang (li.qiang) li.qiang@hengda.example: no Slack user has this email [users_not_found] — set slack: U… for li.qiang in the config or check their email',
    );
    expect(lines).toContain('  ✓ Slack: unreachable targets are reported by DM to Lin Xiaoyan (lin.xiaoyan)');
    expect(run.stderr).toBe('');
  });

  it('--json carries the same checks', async () => {
    const run = await kesu(['doctor', '--json'], env);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(false);
    expect(report.checks.find((c: { name: string }) => c.name === 'platforms')).toMatchObject({ ok: false });
    expect(report.preflight.find((c: { id: string }) => c.id === 'C0PRODUCTN1')).toEqual({
      platform: 'slack',
      kind: 'channel',
      name: 'Production department channel',
      id: 'C0PRODUCTN1',
      label: '#production',
      ok: false,
      problem: 'not_in_channel',
      detail: 'the app is not in the channel',
      fix: 'invite the app: /invite @kesu in #production',
    });
  });

  it('says the reachability checks are skipped when no chat platform is set up', async () => {
    const run = await kesu(['doctor'], ws.env);
    expect(run.stdout).toContain('✓ platforms: no chat platform is set up (no Slack or Feishu credentials): reachability checks skipped');
    expect(run.stdout).not.toContain('Slack:');
  });
});
