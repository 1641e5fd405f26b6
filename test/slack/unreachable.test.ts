/**
 * The most common set-up mistake: the app was never invited to a department's channel (or the Feishu
 * bot never added to its group). A new complaint must still reach a person: the department heads get
 * the card by DM with what to fix, the filer is told the channel could not be reached, the admins are
 * alerted once, and `kesu doctor`'s list names the channel.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fileComplaint } from '../../src/commands/file.ts';
import { unreachableAddresses } from '../../src/commands/unreachable.ts';
import { FakeSlack } from '../support/fake-slack.ts';
import { FEISHU_USERS, startFeishu, type FeishuRun } from '../support/feishu.ts';
import { filingForm } from '../support/org.ts';
import { SLACK_USERS, startSlack, type SlackRun } from '../support/slack.ts';

const who = (id: string) => ({ id, name: id });

describe('a department channel the bot is not in', () => {
  let s: SlackRun | undefined;
  let f: FeishuRun | undefined;
  afterEach(async () => {
    await s?.cleanup();
    await f?.cleanup();
    s = f = undefined;
  });

  it('on Slack: the heads get the card by DM, the filer and the admins are told', async () => {
    const fake = await FakeSlack.start(Object.values(SLACK_USERS));
    fake.channels.set('C0PRODUCTN1', { name: 'production', isMember: false });
    s = await startSlack({ fake });
    const since = fake.calls.length;
    await fileComplaint(s.running.core.deps, who('chen.jing'), filingForm({ department: 'production' }));
    await s.running.engine.idle();
    const posts = fake.calls.slice(since).filter((c) => c.method === 'chat.postMessage' && !c.args.thread_ts);
    const to = (channel: string) => posts.filter((p) => p.args.channel === channel).map((p) => String(p.args.text));
    expect(to('C0PRODUCTN1')).toHaveLength(1); // tried once, refused: not_in_channel
    // zheng.haitao heads production: why, then the card (in the DM opened for it).
    expect(to('U0ZHENG')).toEqual([expect.stringContaining('/invite @Kesu')]);
    expect(posts.filter((p) => p.args.channel === 'D0ZHENG' && p.args.blocks?.some((b: any) => b.type === 'actions'))).toHaveLength(1);
    expect(to('U0CHEN')).toEqual([expect.stringMatching(/^KS-2026-0001 已登记，但客诉助手无法发到生产部的频道/)]);
    expect(to('U0LIN')).toEqual([expect.stringContaining('C0PRODUCTN1')]); // the admin
    expect(await unreachableAddresses(s.running.core.deps)).toEqual([expect.objectContaining({ platform: 'slack', address: 'C0PRODUCTN1', reason: 'not_member' })]);
    const { prisma } = s.running.core.deps.db;
    expect(await prisma.outbox.count({ where: { status: 'pending' } })).toBe(0);
    expect(await prisma.outbox.findMany({ where: { status: 'dead' }, select: { address: true, lastError: true } })).toEqual([{ address: 'C0PRODUCTN1', lastError: 'slack: not_in_channel' }]);
  });

  it('on Feishu (230002): the same, through the Feishu API', async () => {
    f = await startFeishu();
    f.feishu.chats.set('oc_placeholder_production', { name: '生产部', botIn: false });
    const since = f.feishu.calls.length;
    await fileComplaint(f.running.core.deps, who('chen.jing'), filingForm({ department: 'production' }));
    await f.running.engine.idle();
    const sent = f.feishu.sent(since);
    const to = (id: string) => sent.filter((c) => c.body.receive_id === id);
    expect(to('oc_placeholder_production')).toHaveLength(1);
    expect(JSON.stringify(to(FEISHU_USERS['zheng.haitao']!).map((c) => c.card))).toContain('群机器人');
    expect(to(FEISHU_USERS['zheng.haitao']!)).toHaveLength(2); // why, and the card
    expect(to(FEISHU_USERS['chen.jing']!)).toHaveLength(1);
    expect(to(FEISHU_USERS['lin.xiaoyan']!)).toHaveLength(1);
    expect(await unreachableAddresses(f.running.core.deps)).toEqual([expect.objectContaining({ platform: 'feishu', address: 'oc_placeholder_production', reason: 'not_member' })]);
  });
});
