/**
 * The deadline engine's ladder through the Slack deliverer: reminders, overdue notices and escalations
 * arrive as DMs and channel posts; Slack's 429 is waited out (a short Retry-After by the channel's own
 * lane, a long one through the outbox); a channel the app is not in is routed around — its heads get
 * the card by DM and the admins are alerted. Deadlines move only through the injected clock.
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
    // The missed 8D also opens the delay notice Sales owes the customer (seed 001 §5.3), told in its channel at once.
    expect(overdue.map((p) => p.args.channel).sort()).toEqual(['C0QUALITY01', 'C0SALES0001', 'U0ZHANG']);
    const escalation = (await step('2026-03-12T01:30:00Z')).filter((p) => p.args.text.startsWith('升级'));
    expect(escalation.map((p) => p.args.channel).sort()).toEqual(['C0GMOFFICE1', 'U0WANG']);
  });

  it('after a short Retry-After the channel’s lane tries again by itself, no sooner', async () => {
    const updates: number[] = [];
    s.fake.onCall = (c) => void (c.method === 'chat.update' && !c.args.text?.startsWith?.('处理记录') && updates.push(performance.now()));
    s.fake.fail('chat.update', { status: 429, retryAfter: 1 });
    await act(s.running.core.deps, who('zhang.wei'), id, 'regrade', { grade: 'B', note: '影响装配' });
    await s.running.engine.idle();
    s.fake.onCall = undefined;
    const row = await s.running.core.deps.db.prisma.outbox.findFirstOrThrow({ where: { platform: 'slack', kind: 'card' }, orderBy: { id: 'desc' } });
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(row.lastError).toContain('rate limited');
    expect(updates.length).toBeGreaterThanOrEqual(2);
    expect(updates[1]! - updates[0]!).toBeGreaterThanOrEqual(950);
  });

  it('after a long Retry-After the message waits in the outbox as long as Slack asks, then delivers', async () => {
    s.fake.fail('chat.postMessage', { status: 429, retryAfter: 30 });
    await act(s.running.core.deps, who('zhang.wei'), id, 'comment', { text: '客户来电催促' });
    await act(s.running.core.deps, who('zhang.wei'), id, 'regrade', { grade: 'C', note: '客户要求退款' });
    s.fake.fail('chat.update', { status: 429, retryAfter: 30 });
    await s.running.engine.idle();
    const row = await s.running.core.deps.db.prisma.outbox.findFirstOrThrow({ where: { platform: 'slack', kind: 'card', status: 'pending' } });
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain('rate limited');
    expect(row.nextAttemptAt.getTime() - s.clock.now().getTime()).toBe(30_000);
    s.clock.advance(30_000);
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
    expect(after.messageId).not.toBe(before.messageId);
    expect(await s.running.core.deps.db.prisma.outbox.count({ where: { platform: 'slack', status: 'dead' } })).toBe(0);
  });

  it('routes around a channel the app is not in: the heads get the card by DM, the admins are alerted once', async () => {
    const since = s.fake.calls.length;
    s.fake.fail('chat.update', { error: 'not_in_channel', channel: 'C0QUALITY01' });
    await act(s.running.core.deps, who('zhang.wei'), id, 'regrade', { grade: 'B', note: '客户同意换货' });
    await s.running.engine.idle();
    const { prisma } = s.running.core.deps.db;
    const dead = await prisma.outbox.findFirstOrThrow({ where: { platform: 'slack', status: 'dead' } });
    expect(dead).toMatchObject({ attempts: 1, lastError: 'slack: not_in_channel', address: 'C0QUALITY01' });
    const posts = s.fake.calls.slice(since).filter((c) => c.method === 'chat.postMessage' && !c.args.thread_ts);
    // The quality head (zhang.wei) hears why, then gets the card itself, with its buttons, in the DM
    // (opened with conversations.open, so that later changes update it there).
    const why = posts.filter((p) => p.args.channel === 'U0ZHANG');
    expect(why).toHaveLength(1);
    expect(why[0]!.args.text).toContain('/invite @Kesu');
    const card = posts.filter((p) => p.args.channel === 'D0ZHANG');
    expect(card).toHaveLength(1);
    expect(card[0]!.args.blocks.some((b: any) => b.type === 'actions')).toBe(true);
    // The admin (lin.xiaoyan) is told which channel and how to fix it.
    const alert = posts.filter((p) => p.args.channel === 'U0LIN');
    expect(alert).toHaveLength(1);
    expect(alert[0]!.args.text).toContain('C0QUALITY01');
    expect(await prisma.marker.count({ where: { key: 'unreachable:slack:C0QUALITY01' } })).toBe(1);
    expect(await prisma.outbox.count({ where: { platform: 'slack', status: 'pending' } })).toBe(0);

    // Still not invited: the next change is routed around again, without a second alert.
    const again = s.fake.calls.length;
    s.fake.fail('chat.update', { error: 'not_in_channel' });
    await act(s.running.core.deps, who('zhang.wei'), id, 'regrade', { urgent: true, note: '客户再次投诉' });
    await s.running.engine.idle();
    const later = s.fake.calls.slice(again).filter((c) => c.method === 'chat.postMessage' && !c.args.thread_ts);
    expect(later.filter((p) => p.args.channel === 'U0LIN')).toHaveLength(0);
    expect(later.some((p) => p.args.channel === 'U0ZHANG')).toBe(true);
    expect(s.fake.calls.slice(again).some((c) => c.method === 'chat.update' && c.args.channel === 'D0ZHANG')).toBe(true); // the DM card, updated in place

    // Invited: the next delivery there clears the mark.
    await act(s.running.core.deps, who('chen.jing'), id, 'comment', { text: '已邀请' });
    await act(s.running.core.deps, who('zhang.wei'), id, 'regrade', { grade: 'A', urgent: true, note: '客户撤回退款要求' });
    await s.running.engine.idle();
    expect(await prisma.marker.count({ where: { key: 'unreachable:slack:C0QUALITY01' } })).toBe(0);
  });
});
