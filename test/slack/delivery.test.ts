/**
 * The deadline engine's ladder through the Slack deliverer: reminders, overdue notices and escalations
 * arrive as DMs and channel posts; Slack's 429 becomes the dispatcher's Retry-After; errors a retry
 * cannot fix are dead-lettered at once. Time moves only through the injected clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act } from '../../src/commands/act.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { filingForm } from '../support/org.ts';
import { startSlack, type SlackRun } from '../support/slack.ts';

const who = (id: string) => ({ id, name: id });

describe('the ladder on Slack', () => {
  let s: SlackRun;
  let id = '';
  beforeAll(async () => {
    s = await startSlack();
    const { state } = await fileComplaint(s.running.core.deps, who('chen.jing'), filingForm());
    id = state.complaint.id;
    await act(s.running.core.deps, who('zhang.wei'), id, 'acknowledge', { handlerId: 'liu.yang', firstResponse: '已回电' });
    await s.running.engine.idle();
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  const step = async (at: string) => {
    s.clock.set(at);
    const before = s.fake.calls.length;
    await s.running.engine.runOnce();
    // Ladder posts only: the Monday weekly report (test/slack/reports.test.ts) goes out on its own.
    return s.fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage' && !c.args.thread_ts && !String(c.args.text).startsWith('投诉周报'));
  };

  it('reminds the handler by DM a working day before the 8D is due', async () => {
    const posts = await step('2026-03-10T01:30:00Z'); // Tue 09:30; due Wed 03-11 09:30
    expect(posts.map((p) => p.args.channel)).toEqual(['U0LIU']);
    expect(posts[0]!.args.text).toContain('提醒：KS-2026-0001');
  });

  it('tells the department head and channel when it is overdue, and the GM and GM channel after the grace period', async () => {
    const overdue = await step('2026-03-11T01:30:00Z');
    expect(overdue.map((p) => p.args.channel).sort()).toEqual(['C0QUALITY01', 'U0ZHANG']);
    const escalation = (await step('2026-03-12T01:30:00Z')).filter((p) => p.args.text.startsWith('升级'));
    expect(escalation.map((p) => p.args.channel).sort()).toEqual(['C0GMOFFICE1', 'U0WANG']);
  });

  it('waits as long as Slack asks after a 429, then delivers', async () => {
    s.fake.fail('chat.postMessage', { status: 429, retryAfter: 7 });
    await act(s.running.core.deps, who('zhang.wei'), id, 'comment', { text: '客户来电催促' });
    await act(s.running.core.deps, who('zhang.wei'), id, 'regrade', { grade: 'B', note: '影响装配' });
    s.fake.fail('chat.update', { status: 429, retryAfter: 7 });
    await s.running.engine.idle();
    const row = await s.running.core.deps.db.prisma.outbox.findFirstOrThrow({ where: { platform: 'slack', kind: 'card', status: 'pending' } });
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain('rate limited');
    expect(row.nextAttemptAt.getTime() - s.clock.now().getTime()).toBe(7_000);
    s.clock.advance(7_000);
    const d = await s.running.engine.runOnce();
    expect(d.delivered.sent).toBeGreaterThanOrEqual(1);
    expect((await s.running.core.deps.db.prisma.outbox.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('sent');
  });

  it('posts the card anew when the old one was deleted', async () => {
    s.fake.clearFailures();
    s.clock.advance(60_000);
    await s.running.engine.runOnce(); // anything still waiting from the tests above goes out
    const before = await s.running.core.deps.db.prisma.messageRef.findFirstOrThrow({ where: { complaintId: id, platform: 'slack' } });
    s.fake.fail('chat.update', { error: 'message_not_found' });
    await act(s.running.core.deps, who('zhang.wei'), id, 'comment', { text: '已再次回访' });
    await act(s.running.core.deps, who('zhang.wei'), id, 'regrade', { grade: 'A', note: '客户撤回退款要求' });
    await s.running.engine.idle();
    const after = await s.running.core.deps.db.prisma.messageRef.findFirstOrThrow({ where: { complaintId: id, platform: 'slack' } });
    expect(after.messageId.split('|')[0]).not.toBe(before.messageId.split('|')[0]);
    expect(await s.running.core.deps.db.prisma.outbox.count({ where: { platform: 'slack', status: 'dead' } })).toBe(0);
  });

  it('dead-letters a message Slack will never take (the bot is not in the channel)', async () => {
    s.fake.fail('chat.update', { error: 'not_in_channel' });
    await act(s.running.core.deps, who('zhang.wei'), id, 'regrade', { grade: 'C', note: '客户要求退款' });
    await s.running.engine.idle();
    const dead = await s.running.core.deps.db.prisma.outbox.findFirstOrThrow({ where: { platform: 'slack', status: 'dead' } });
    expect(dead.attempts).toBe(1);
    expect(dead.lastError).toBe('slack: not_in_channel');
  });
});
