/**
 * `/metrics` on a running bot (Slack over HTTP, a fake Slack Web API): after complaints are filed and
 * delivered, after a send the platform refuses for good (a dead letter), and after a rate limit, the
 * counters, the database gauges and the receiver histogram say exactly what happened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interaction, submission } from '../support/slack-requests.ts';
import { SLACK_USERS, startSlack, type SlackRun } from '../support/slack.ts';

const U = (person: string) => SLACK_USERS[person]!.id;

describe('/metrics on a running bot', () => {
  let s: SlackRun;
  let views = 100;
  let requests = 0;
  beforeAll(async () => {
    s = await startSlack();
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  async function file(title: string): Promise<string> {
    const before = s.fake.calls.length;
    await interaction(s.events, { type: 'shortcut', callback_id: 'kesu_file_complaint', trigger_id: `t-${views}`, user: { id: U('chen.jing') }, team: { id: 'T0KESU' }, token: 'x', action_ts: '1' });
    const view = { ...(await s.fake.waitFor('views.open', () => true, before)).args.view, id: `V${++views}` };
    const values = { title, description: `${title}：客户来电投诉`, demand: 'replacement', customerName: '王芳', intakeChannel: 'phone', category: 'product_quality' };
    const res = await interaction(s.events, submission(U('chen.jing'), view, values));
    requests += 2;
    expect(res.status).toBe(200);
    await s.running.engine.idle();
    return (await s.running.core.deps.db.prisma.complaint.findFirstOrThrow({ where: { title } })).id;
  }

  async function metrics(): Promise<string[]> {
    const res = await fetch(new URL('/metrics', s.running.opsUrl));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return (await res.text()).split('\n');
  }
  const outbox = (status: string) => s.running.core.deps.db.prisma.outbox.count({ where: { platform: 'slack', status } });

  it('counts deliveries by result, pending and dead rows, and open complaints after a delivery and a dead letter', async () => {
    const first = await file('密封圈漏油');
    const sent = await outbox('sent');
    expect(sent).toBeGreaterThan(0);
    let lines = await metrics();
    expect(lines).toContain(`kesu_deliveries_total{platform="slack",result="sent"} ${sent}`);
    expect(lines).toContain('kesu_deliveries_total{platform="slack",result="dead"} 0');
    expect(lines).toContain('kesu_outbox_pending{platform="slack"} 0');
    expect(lines).toContain('kesu_outbox_dead{platform="slack"} 0');
    expect(lines).toContain('kesu_outbox_oldest_pending_seconds{platform="slack"} 0');
    const { department } = await s.running.core.deps.db.prisma.complaint.findUniqueOrThrow({ where: { id: first } });
    expect(lines).toContain(`kesu_open_complaints{status="open",department="${department}"} 1`);

    // The platform refuses the next post for good: that notification is a dead letter.
    s.fake.fail('chat.postMessage', { error: 'missing_scope' });
    await file('交货延误两周');
    expect(await outbox('dead')).toBe(1);
    const sentAfter = await outbox('sent');
    lines = await metrics();
    expect(lines).toContain('kesu_deliveries_total{platform="slack",result="dead"} 1');
    expect(lines).toContain('kesu_outbox_dead{platform="slack"} 1');
    expect(lines).toContain(`kesu_deliveries_total{platform="slack",result="sent"} ${sentAfter}`);
    expect(lines).toContain(`kesu_open_complaints{status="open",department="${department}"} 2`);
    expect(lines).toContain('kesu_throttled_total{platform="slack"} 0');
    // Every Slack request the receiver answered is timed.
    expect(lines).toContain(`kesu_receiver_seconds_count{receiver="slack"} ${requests}`);
  });

  it('counts a rate-limited send as throttled and retried', async () => {
    s.fake.fail('chat.postMessage', { status: 429, retryAfter: 0 });
    await file('标签错误');
    const lines = await metrics();
    expect(lines).toContain('kesu_throttled_total{platform="slack"} 1');
    expect(lines).toContain('kesu_deliveries_total{platform="slack",result="retried"} 1');
    expect(lines).toContain(`kesu_deliveries_total{platform="slack",result="sent"} ${await outbox('sent')}`);
  });

  it('reports the ladder lag: now minus the oldest step no tick has taken', async () => {
    expect(await metrics()).toContain('kesu_ladder_lag_seconds 0');
    s.clock.advance(3 * 86_400_000); // three days on, the engine not stepped
    const oldest = await s.running.core.deps.db.prisma.deadline.findFirstOrThrow({ where: { nextStepAt: { not: null } }, orderBy: { nextStepAt: 'asc' } });
    const lag = (s.clock.now().getTime() - oldest.nextStepAt!.getTime()) / 1000;
    expect(lag).toBeGreaterThan(0);
    expect(await metrics()).toContain(`kesu_ladder_lag_seconds ${lag}`);
    await s.running.engine.runOnce();
    await s.running.engine.idle();
    expect(await metrics()).toContain('kesu_ladder_lag_seconds 0');
  });
});
