import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { act } from '../../src/commands/act.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { due, list, show } from '../../src/commands/query.ts';
import { eventsOf, timelineEntries } from '../../src/store/complaints.ts';
import { openTestDatabase, pgAvailable } from '../support/db.ts';
import { actor, filingForm, testOrg } from '../support/org.ts';

const org = testOrg();
const H = 3_600_000;

for (const [provider, available] of [['sqlite', true], ['postgresql', pgAvailable()]] as const) {
  describe.runIf(available)(`the store on ${provider}`, () => {
    let db: Awaited<ReturnType<typeof openTestDatabase>>;
    beforeAll(async () => {
      db = await openTestDatabase(provider);
    });
    afterAll(async () => db?.cleanup());

    it('walks a complaint through its whole life and keeps an append-only timeline', async () => {
      const clock = new ManualClock('2026-03-02T02:00:00Z');
      const deps = org.deps(db, clock);
      const { state } = await fileComplaint(deps, actor('slack:U0STAFF'), filingForm({ claimAmount: '6000.50', qtyAffected: '12', shipDate: '2026-02-20' }));
      const n = state.complaint.number;
      expect(state.complaint.claim).toEqual({ amountMinor: 600050, currency: 'CNY' });
      expect(state.complaint.order).toMatchObject({ qtyAffected: 12, shipDate: '2026-02-20' });

      const steps: Array<[number, string, Parameters<typeof act>[3], Record<string, unknown>]> = [
        [4, 'q.liu', 'acknowledge', { firstResponse: '已致电客户' }],
        [1, 'cs.li', 'comment', { text: '客户催促' }],
        [48, 'q.liu', 'submit_8d', { d1Team: 'a', d2Problem: 'b', d3Containment: 'c', d4RootCause: 'd', rootCauseTags: 'x', d5Corrective: 'e', d6Verification: 'f', d7Prevention: 'g', sentVia: 'email' }],
        [1, 's.zhou', 'approve', { kind: 'claim', decision: 'approve' }],
        [2, 'q.liu', 'resolve', { kinds: ['replacement', 'compensation'], summary: '补发并赔偿', amount: '6000.50' }],
        [24 * 7, 'cs.li', 'revisit', { outcome: 'unsatisfied', note: '不满意' }],
        [2, 'q.chen', 'resolve', { kinds: ['repair'], summary: '上门维修' }],
        [24 * 3, 'cs.zhao', 'revisit', { outcome: 'unsatisfied', note: '仍不满意' }],
        [1, 'gm.wang', 'gm_decide', { decision: '退款' }],
      ];
      for (const [hours, who, action, input] of steps) {
        clock.advance(hours * H);
        await act(deps, actor(who), n, action, input);
      }
      const { state: end, timeline } = await show(deps, actor('gm.wang'), n);
      expect(end.complaint).toMatchObject({ status: 'closed', reopenCount: 1, gmDecision: '退款', filerId: 'slack:U0STAFF' });
      // The second resolution pays nothing more; what was paid in all (the first 6,000.50) stays on record.
      expect(end.complaint.resolution).toEqual({ kinds: ['repair'], summary: '上门维修', paid: { amountBaseMinor: 600050, quantity: 0 } });
      expect(end.approvals.map((a) => [a.kind, a.status])).toEqual([['claim', 'approved']]);
      // One stored entry per accepted action (the filing and the nine steps), numbered without gaps…
      const entries = await timelineEntries(db.prisma, end.complaint.id);
      expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
      expect(entries.map((e) => e.type)).toEqual([
        'filed', 'acknowledged', 'commented', 'eightd_submitted', 'approved', 'resolved', 'revisit_unsatisfied', 'resolved',
        'revisit_unsatisfied', 'gm_decided',
      ]);
      expect(entries.slice(1).map((e) => (e.data as { action?: string }).action)).toEqual(steps.map(([, , action]) => action));
      // …which the timeline expands back into every event, side effects right after the action that caused them.
      expect(timeline.map((e) => e.seq)).toEqual([1, 1, 2, 2, 2, 3, 4, 4, 4, 5, 6, 7, 7, 7, 7, 8, 8, 9, 9, 9, 9, 10]);
      expect(timeline.map((e) => e.type)).toEqual([
        // The acknowledgement, the 8D sent with it and each revisit also record the contact with the customer (seed 001 §5.1–5.3).
        'filed', 'approval_requested', 'acknowledged', 'customer_contacted', 'deadline_met', 'commented', 'eightd_submitted',
        'customer_contacted', 'deadline_met', 'approved', 'resolved', 'revisit_unsatisfied', 'customer_contacted', 'deadline_met',
        'reopened', 'resolved', 'deadline_met', 'revisit_unsatisfied', 'customer_contacted', 'deadline_met', 'escalated', 'gm_decided',
      ]);
      expect(timeline.find((e) => e.type === 'acknowledged')).toMatchObject({ actorId: 'q.liu', data: { handlerId: 'q.liu', from: 'open' } });
      expect((await list(deps, actor('slack:U0OTHER'), {})).map((s) => s.complaint.number)).not.toContain(n);
      expect((await list(deps, actor('slack:U0STAFF'), {})).map((s) => s.complaint.number)).toContain(n);
    });

    it('"what is due at T" returns only the active deadlines whose step time has come, through the index', async () => {
      const clock = new ManualClock('2026-04-01T02:00:00Z');
      const deps = org.deps(db, clock);
      const a = await fileComplaint(deps, actor('cs.li'), filingForm({ title: 'due-a' }));
      clock.advance(2 * H);
      await fileComplaint(deps, actor('cs.li'), filingForm({ title: 'due-b' }));
      await act(deps, actor('q.liu'), a.state.complaint.number, 'acknowledge', { firstResponse: 'ok' });
      // Response reminders fall 4h before due (20h after filing); a's response is met, b's is not.
      const at = new Date('2026-04-01T02:00:00Z').getTime() + 23 * H;
      const steps = (await due(deps, new Date(at))).filter((s) => s.dueAt.getTime() < Date.parse('2026-04-03T00:00:00Z'));
      expect(steps.map((s) => s.kind)).toEqual(['response']);
      expect(steps[0]!.number).not.toBe(a.state.complaint.number);

      const plan =
        provider === 'sqlite'
          ? await db.prisma.$queryRawUnsafe<Array<{ detail: string }>>(
              `EXPLAIN QUERY PLAN SELECT * FROM "Deadline" WHERE "nextStepAt" <= ? ORDER BY "nextStepAt"`,
              new Date(at).toISOString(),
            )
          : await db.prisma.$transaction(async (tx) => {
              await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
              return tx.$queryRawUnsafe<Array<{ 'QUERY PLAN': string }>>(
                `EXPLAIN SELECT * FROM "Deadline" WHERE "nextStepAt" <= $1 ORDER BY "nextStepAt"`,
                new Date(at),
              );
            });
      expect(JSON.stringify(plan)).toMatch(/Deadline_nextStepAt_idx/);
    });

    it('reads events for more complaints than one statement may name (a busy month’s statistics)', async () => {
      const deps = org.deps(db, new ManualClock('2026-03-02T02:00:00Z'));
      const { state } = await fileComplaint(deps, actor('cs.li'), filingForm());
      const ids = [...Array.from({ length: 70_000 }, (_, i) => `absent-${i}`), state.complaint.id];
      const events = await eventsOf(db.prisma, ids, ['filed']);
      expect([...events.keys()]).toEqual([state.complaint.id]);
      expect(events.get(state.complaint.id)!.map((e) => e.type)).toEqual(['filed']);
    });
  });
}
