/** Complaint numbers are never handed out twice, even when the sequence table lags behind the complaints. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { openTestDatabase, pgAvailable } from '../support/db.ts';
import { actor, filingForm, testOrg } from '../support/org.ts';

const org = testOrg();
const PROVIDERS = [
  ['sqlite', true],
  ['postgresql', pgAvailable()],
] as const;

for (const [provider, available] of PROVIDERS) {
  describe.runIf(available)(`complaint numbers on ${provider}`, () => {
    let db: Awaited<ReturnType<typeof openTestDatabase>>;
    const clock = new ManualClock('2026-03-02T02:00:00Z');
    beforeAll(async () => {
      db = await openTestDatabase(provider);
    });
    afterAll(async () => db?.cleanup());

    const file = async (title: string) => (await fileComplaint(org.deps(db, clock), actor('cs.li'), filingForm({ title }))).state.complaint.number;
    const sequence = async () => (await db.prisma.sequence.findUnique({ where: { scope: 'KS-2026' } }))?.value;

    it('a sequence row set back (a restored or edited table) does not reuse a stored number', async () => {
      expect([await file('一'), await file('二'), await file('三')]).toEqual(['KS-2026-0001', 'KS-2026-0002', 'KS-2026-0003']);
      await db.prisma.sequence.update({ where: { scope: 'KS-2026' }, data: { value: 1 } });
      expect(await file('四')).toBe('KS-2026-0004');
      expect(await sequence()).toBe(4); // caught up, so the next filing is cheap again
      expect(await file('五')).toBe('KS-2026-0005');
    });

    it('a missing sequence row starts after the highest stored number of its year and prefix', async () => {
      await db.prisma.sequence.deleteMany({ where: { scope: 'KS-2026' } });
      expect(await file('六')).toBe('KS-2026-0006');
      expect(await sequence()).toBe(6);
    });

    it('other years and prefixes do not count', async () => {
      const nextYear = new ManualClock('2027-01-04T02:00:00Z');
      const n = (await fileComplaint(org.deps(db, nextYear), actor('cs.li'), filingForm({ title: '新年' }))).state.complaint.number;
      expect(n).toBe('KS-2027-0001');
      const numbers = (await db.prisma.complaint.findMany({ select: { number: true } })).map((c) => c.number);
      expect(new Set(numbers).size).toBe(numbers.length);
    });
  });
}
