/**
 * Simulated time: a complaint filed on the Friday evening before the Qingming holiday walks every
 * ladder step on the China calendar. The clock is injected; ticks run every 30 minutes of simulated
 * time and nothing sleeps.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/clock.ts';
import { act } from '../../src/commands/act.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { tick, type EngineDeps } from '../../src/commands/tick.ts';
import { createDispatcher } from '../../src/notifiers/dispatcher.ts';
import { cardRenderer } from '../../src/commands/cards.ts';
import type { RecordingDeliverer } from '../../src/notifiers/deliverer.ts';
import type { TestDatabase } from '../support/db.ts';
import { openWalk, shanghai, walkUntil } from '../support/walk.ts';
import { actor, filingForm, testOrg } from '../support/org.ts';

const org = testOrg();
const sh = shanghai;

describe('the escalation ladder in simulated time', () => {
  let db: TestDatabase;
  let clock: ManualClock;
  let deps: EngineDeps;
  let out: RecordingDeliverer;
  let log: string[];

  beforeEach(async () => {
    ({ db, clock, deps, out, log } = await openWalk(org, '2026-04-03T17:00:00'));
  });
  afterEach(async () => db.cleanup());

  const runUntil = (endLocal: string, hooks: Record<string, () => Promise<void>> = {}) => walkUntil({ db, deps, clock, out, log }, endLocal, hooks, { skip: ['report'] });

  it('Friday 17:00 before Qingming: holds steps over the holiday, reminds, notices, escalates and digests exactly once each', async () => {
    const { state } = await fileComplaint(deps, actor('cs.li'), filingForm());
    const n = state.complaint.number;
    await runUntil('2026-04-17T18:00:00', {
      [sh('2026-04-08T10:00:00').toISOString()]: async () => {
        await act(deps, actor('q.liu'), n, 'acknowledge', { firstResponse: '已致电客户' });
      },
    });
    expect(log).toEqual([
      '04-03 17:00 #quality card',
      // Response due Saturday 17:00, inside the holiday: the reminder would come after the overdue
      // notice once held, so it is dropped; the notice waits for Tuesday's working morning.
      '04-07 09:00 q.chen overdue',
      '04-07 09:00 #quality overdue',
      '04-07 09:30 gm.wang digest',
      // Grace of 2 working hours, then the GM.
      '04-07 11:00 gm.wang escalate',
      '04-08 09:30 gm.wang digest',
      '04-08 10:00 #quality card', // acknowledged: the channel's card is updated in place
      // 8D due after 7 working days (Apr 7–10, 13–15) at 17:00; reminder one working day before, to the handler.
      '04-14 17:00 q.liu remind',
      '04-15 17:00 q.chen overdue',
      '04-15 17:00 #quality overdue',
      // The missed 8D opens the delay notice (seed 001 §5.3): the liaison — by default the responsible
      // department, here its handler — is told at once, and the card shows the new task.
      '04-15 17:00 q.liu notice',
      '04-15 17:00 #quality card',
      '04-16 09:30 gm.wang digest',
      // The delay notice is due a working day later (Apr 16 17:00) and walks its own ladder.
      '04-16 13:00 q.liu remind',
      '04-16 17:00 gm.wang escalate',
      '04-16 17:00 q.chen overdue',
      '04-16 17:00 #quality overdue',
      '04-17 09:30 gm.wang digest',
      '04-17 12:00 gm.wang escalate',
    ]);
    const keys = (await db.prisma.outbox.findMany()).map((r) => r.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(await db.prisma.outbox.count({ where: { status: { not: 'sent' } } })).toBe(0);
  });

  it('after a week of downtime one tick sends what is due, once, in order, with one digest', async () => {
    await fileComplaint(deps, actor('cs.li'), filingForm());
    const dispatcher = createDispatcher(db, [out], { owner: 'test' });
    const late = sh('2026-04-17T18:00:00');
    const first = await tick(deps, late);
    await dispatcher.dispatch(late);
    // The response's and the 8D's overdue notices and escalations, and the delay notice the missed 8D opened (already due).
    expect(first).toMatchObject({ steps: 6, digest: true });
    // Targets are served concurrently; each target's messages arrive in the order written.
    const to = (address: string) => out.sent.filter((m) => m.address === address).map((m) => m.kind);
    expect(out.sent).toHaveLength(12);
    // Response, 8D, then the delay notice the missed 8D opened (its card update, its overdue notice, its escalation).
    expect(to('#quality')).toEqual(['card', 'overdue', 'overdue', 'card', 'overdue']);
    expect(to('q.chen')).toEqual(['overdue', 'overdue', 'overdue']);
    expect(to('gm.wang')).toEqual(['escalate', 'escalate', 'escalate', 'digest']);
    expect(out.sent.find((m) => m.address === 'q.chen')!.view.text).toContain(`${(await db.prisma.complaint.findFirstOrThrow()).number} 的首次回复期限已逾期`);
    expect(await tick(deps, new Date(late.getTime() + 60_000))).toEqual({ steps: 0, notifications: 0, digest: false, reports: 0 });
    await dispatcher.dispatch(new Date(late.getTime() + 60_000));
    expect(out.sent).toHaveLength(12);
  });

  it('state changes notify in the same transaction: the channel, the named handler, the approvers, the GM', async () => {
    const { state } = await fileComplaint(deps, actor('cs.li'), filingForm({ grade: 'B', demand: 'redo', claimAmount: '6000' }));
    const n = state.complaint.number;
    await act(deps, actor('q.chen'), n, 'acknowledge', { firstResponse: '已回复', handlerId: 'q.sun' });
    await act(deps, actor('q.sun'), n, 'submit_8d', {
      d1Team: 'a', d2Problem: 'b', d3Containment: 'c', d4RootCause: 'd', rootCauseTags: 'x', d5Corrective: 'e', d6Verification: 'f', d7Prevention: 'g',
    });
    const rows = await db.prisma.outbox.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => `${r.kind} ${r.address}`)).toEqual([
      'card #quality',
      'approval s.zhou',
      'assigned q.sun',
      'card #quality',
      'approval gm.wang',
      'card #quality',
    ]);
    expect(JSON.parse(rows[1]!.payload).text).toBe(`${n} 需要您审批：索赔 ¥6,000.00。阀体尺寸超差`);
    expect(await db.prisma.outbox.count({ where: { kind: 'overdue' } })).toBe(0);

    // Cards are drawn at delivery from the current state, posted once and then updated in place.
    await createDispatcher(db, [out], { owner: 'test', renderCard: cardRenderer(deps) }).dispatch(clock.now());
    const cards = out.sent.filter((m) => m.kind === 'card');
    const posted = (await db.prisma.messageRef.findFirstOrThrow()).messageId;
    expect(cards.map((m) => m.posted?.messageId)).toEqual([undefined, posted, posted]);
    expect(cards.every((m) => m.view.card?.statusLabel === '待审批')).toBe(true);
    expect(cards[0]!.view.card?.fields.some((f) => f.value.includes('138****5678'))).toBe(true);
    expect(await db.prisma.messageRef.count()).toBe(1);
  });

  it('the revisit ladder over Mid-Autumn and National Day goes to customer service, then the GM', async () => {
    clock.set(sh('2026-09-21T10:00:00'));
    const { state } = await fileComplaint(deps, actor('cs.li'), filingForm());
    const n = state.complaint.number;
    await act(deps, actor('q.liu'), n, 'acknowledge', { firstResponse: '已回复' });
    await act(deps, actor('q.liu'), n, 'submit_8d', {
      d1Team: 'a', d2Problem: 'b', d3Containment: 'c', d4RootCause: 'd', rootCauseTags: 'x', d5Corrective: 'e', d6Verification: 'f', d7Prevention: 'g', sentVia: 'email',
    });
    clock.set(sh('2026-09-24T15:00:00'));
    await act(deps, actor('q.liu'), n, 'resolve', { kinds: ['replacement'], summary: '补发' });
    await runUntil('2026-10-12T12:00:00', {
      [sh('2026-10-12T11:00:00').toISOString()]: async () => {
        await act(deps, actor('cs.li'), n, 'revisit', { outcome: 'satisfied', score: 9 });
      },
    });
    // September's report (8 October) opens an improvement action for the 8D's cause "x", owned by the quality head.
    expect(log.filter((l) => l.endsWith(' improvement'))).toEqual(['10-08 09:00 q.chen improvement']);
    // +7 days is 1 October, a holiday: the revisit is due on the next working day, 8 October 10:00.
    expect(log.filter((l) => !l.endsWith(' card') && !l.endsWith(' improvement'))).toEqual([
      '10-08 09:00 #customer_service remind',
      '10-08 10:00 cs.zhao overdue',
      '10-08 10:00 #customer_service overdue',
      '10-09 09:30 gm.wang digest',
      '10-09 10:00 gm.wang escalate',
      '10-10 09:30 gm.wang digest', // a make-up Saturday is a working day
      '10-12 09:30 gm.wang digest',
    ]);
  });

  it('an extension restarts the 8D ladder with new steps; meeting a deadline stops it', async () => {
    const { state } = await fileComplaint(deps, actor('cs.li'), filingForm());
    const n = state.complaint.number;
    await act(deps, actor('q.liu'), n, 'acknowledge', { firstResponse: '已回复' });
    await runUntil('2026-04-15T17:30:00');
    expect(log.filter((l) => l.startsWith('04-15 17:00'))).toEqual(['04-15 17:00 q.chen overdue', '04-15 17:00 #quality overdue', '04-15 17:00 q.liu notice', '04-15 17:00 #quality card']);
    const notice = out.sent.find((m) => m.kind === 'overdue')!;
    expect(notice.view.text.split('\n')).toEqual([`${n} 的 8D 报告期限已逾期（刚刚逾期）。`, '阀体尺寸超差']);
    // The 8D deadline is already breached, so the extension is the GM's to grant (the breach is kept).
    await act(deps, actor('q.chen'), n, 'extend', { newDueAt: '2026-04-17 17:00', reason: '等待检测报告' });
    await act(deps, actor('gm.wang'), n, 'approve', { kind: 'extension', decision: 'approve' });
    await runUntil('2026-04-21T12:00:00');
    // The new ladder: reminder one working day before the new due time, the notice at it, the GM a
    // working day later; the old ladder's escalation (due Apr 16 17:00) never goes out.
    expect(log.filter((l) => l >= '04-16')).toEqual([
      // The delay notice the missed 8D opened (due Apr 16 17:00) is owed whatever the GM grants: its ladder runs.
      '04-16 13:00 q.liu remind',
      '04-16 17:00 q.liu remind',
      '04-16 17:00 q.chen overdue',
      '04-16 17:00 #quality overdue',
      '04-17 09:30 gm.wang digest',
      '04-17 12:00 gm.wang escalate',
      '04-17 17:00 q.chen overdue',
      '04-17 17:00 #quality overdue',
      '04-20 09:30 gm.wang digest',
      '04-20 17:00 gm.wang escalate',
      '04-21 09:30 gm.wang digest',
    ]);
    await act(deps, actor('q.liu'), n, 'submit_8d', {
      d1Team: 'a', d2Problem: 'b', d3Containment: 'c', d4RootCause: 'd', rootCauseTags: 'x', d5Corrective: 'e', d6Verification: 'f', d7Prevention: 'g', sentVia: 'email',
    });
    const before = log.length;
    await runUntil('2026-04-24T12:00:00');
    // Met: the ladder stops and nothing is overdue for the digest; only the card is updated.
    expect(log.slice(before)).toEqual(['04-21 12:30 #quality card']);
  });
});
