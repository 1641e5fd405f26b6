import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { act } from '../../src/commands/act.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { isKesuError } from '../../src/errors.ts';
import { openTestDatabase, pgAvailable } from '../support/db.ts';
import { actor, filingForm, testOrg } from '../support/org.ts';

const org = testOrg();
const PROVIDERS = [
  ['sqlite', true],
  ['postgresql', pgAvailable()],
] as const;

for (const [provider, available] of PROVIDERS) {
  describe.runIf(available)(`concurrency on ${provider}`, () => {
    let db: Awaited<ReturnType<typeof openTestDatabase>>;
    const clock = new ManualClock('2026-03-02T02:00:00Z');
    beforeAll(async () => {
      db = await openTestDatabase(provider);
    });
    afterAll(async () => db?.cleanup());

    it('50 complaints filed in parallel get 50 distinct consecutive numbers', async () => {
      const deps = org.deps(db, clock);
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => fileComplaint(deps, actor('cs.li'), filingForm({ title: `批量投诉 ${i}` }))),
      );
      const numbers = results.map((r) => r.state.complaint.number).sort();
      expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `KS-2026-${String(i + 1).padStart(4, '0')}`));
      expect(new Set(results.map((r) => r.state.complaint.id)).size).toBe(50);
    });

    it('10 simultaneous acknowledges: exactly one transition and nine coded refusals', async () => {
      const deps = org.deps(db, clock);
      const { state } = await fileComplaint(deps, actor('cs.li'), filingForm());
      const members = ['q.liu', 'q.sun', 'q.chen'];
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          act(deps, actor(members[i % 3]!), state.complaint.number, 'acknowledge', { firstResponse: `回复 ${i}` }),
        ),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
      expect(won).toHaveLength(1);
      expect(refused).toHaveLength(9);
      for (const e of refused) {
        expect(isKesuError(e, 'already_acknowledged'), String(e)).toBe(true);
      }
      const winner = won[0]!.status === 'fulfilled' ? won[0]!.value.state.complaint.handlerId : undefined;
      expect(refused[0].params.by).toBe(deps.directory.displayName(winner!, 'zh-CN'));
      const events = await db.prisma.complaintEvent.findMany({ where: { complaintId: state.complaint.id, type: 'acknowledged' } });
      expect(events).toHaveLength(1);
      const row = await db.prisma.complaint.findUniqueOrThrow({ where: { id: state.complaint.id } });
      expect(row.version).toBe(1);
    });

    it('one filing request delivered three times at once stores one complaint', async () => {
      const deps = org.deps(db, clock);
      const form = filingForm({ sourceKey: `slack:view:V0${provider}`, title: '重复投递' });
      const results = await Promise.all([1, 2, 3].map(() => fileComplaint(deps, actor('cs.li'), form)));
      expect(new Set(results.map((r) => r.state.complaint.number)).size).toBe(1);
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(await db.prisma.complaint.count({ where: { title: '重复投递' } })).toBe(1);
    });
  });
}
