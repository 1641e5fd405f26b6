/**
 * Scheduled reports on Slack: each one is a single file share — the chart as a PNG with the report's
 * blocks — to the GM's DM (conversations.open), the heads' DMs and the management channel.
 */
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint } from '../../src/commands/file.ts';
import { filingForm } from '../support/org.ts';
import { startSlack, type SlackRun } from '../support/slack.ts';

const who = (id: string) => ({ id, name: id });

describe('reports on Slack', () => {
  let s: SlackRun;
  beforeAll(async () => {
    s = await startSlack(); // Monday 2026-03-02 09:30 in Shanghai
    await s.running.engine.runOnce();
    await fileComplaint(s.running.core.deps, who('chen.jing'), filingForm());
    await fileComplaint(s.running.core.deps, who('chen.jing'), filingForm({ category: 'delivery', title: '交货延迟三天' }));
    await s.running.engine.idle();
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  const shares = (since: number) => s.fake.calls.slice(since).filter((c) => c.method === 'files.completeUploadExternal');

  it('the weekly report reaches the GM as one DM with the chart', async () => {
    s.clock.set('2026-03-09T01:00:00Z'); // Monday 09:00
    const since = s.fake.calls.length;
    await s.running.engine.runOnce();
    const gm = shares(since).find((c) => c.args.channel_id === 'D0WANG')!;
    expect(gm, 'a share to the GM’s DM').toBeDefined();
    expect(s.fake.calls.slice(since).some((c) => c.method === 'conversations.open' && c.args.users === 'U0WANG')).toBe(true);
    expect(JSON.stringify(gm.args.blocks)).toContain('投诉周报（2026-03-09 当周）— 全公司');
    const file = s.fake.uploads.get(gm.args.files[0].id)!;
    expect(file.filename).toBe('kesu-week-2026-03-09.png');
    const png = PNG.sync.read(file.bytes!);
    expect([png.width, png.height]).toEqual([1920, 1080]);
    // The quality head gets their department's report, also with a chart; nothing posted twice.
    const quality = shares(since).filter((c) => JSON.stringify(c.args.blocks).includes('当周）— 质量部'));
    expect(quality.map((c) => c.args.channel_id)).toEqual(['D0ZHANG']);
    const count = shares(since).length;
    s.clock.set('2026-03-09T03:00:00Z');
    await s.running.engine.runOnce();
    expect(shares(since)).toHaveLength(count);
  });

  it('the monthly report goes to the GM and the management channel on the first working day', async () => {
    s.clock.set('2026-04-01T01:00:00Z'); // Wednesday 09:00
    const since = s.fake.calls.length;
    await s.running.engine.runOnce();
    const monthly = shares(since).filter((c) => JSON.stringify(c.args.blocks).includes('投诉月报'));
    expect(monthly.map((c) => c.args.channel_id).sort()).toEqual(['C0MGMTREVIEW', 'D0WANG']);
    expect(JSON.stringify(monthly[0]!.args.blocks)).toContain('2026-03 客诉统计（全公司）');
    expect(monthly.every((c) => s.fake.uploads.get(c.args.files[0].id)?.filename === 'kesu-stats-2026-03.png')).toBe(true);
  });
});
