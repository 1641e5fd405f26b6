import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { act } from '../../src/commands/act.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { openTestDatabase } from '../support/db.ts';
import { actor, filingForm, testOrg } from '../support/org.ts';

const org = testOrg();

describe('nothing is half-written (SQLite)', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const clock = new ManualClock('2026-03-02T02:00:00Z');
  beforeAll(async () => {
    db = await openTestDatabase('sqlite');
  });
  afterAll(async () => db?.cleanup());

  const counts = async () => ({
    complaints: await db.prisma.complaint.count(),
    events: await db.prisma.complaintEvent.count(),
    deadlines: await db.prisma.deadline.count(),
    sequences: await db.prisma.sequence.findMany(),
  });

  it('bad input is refused field by field and writes nothing', async () => {
    const deps = org.deps(db, clock);
    const before = await counts();
    const bad = filingForm({
      title: 'x'.repeat(121),
      receivedAt: '2026-02-30 10:00',
      department: 'marketing',
      category: 'weather',
      qtyAffected: '-3',
      claimAmount: '12.345',
      customerContact: 'call me maybe',
    });
    await expect(fileComplaint(deps, actor('cs.li'), bad)).rejects.toMatchObject({
      code: 'validation_failed',
      fields: expect.arrayContaining([
        { field: 'title', key: 'too_long', params: { max: 120 } },
        { field: 'receivedAt', key: 'invalid_datetime' },
        { field: 'department', key: 'unknown_department' },
        { field: 'category', key: 'unknown_category' },
        expect.objectContaining({ field: 'qtyAffected', key: 'out_of_range' }),
        { field: 'claimAmount', key: 'invalid_amount' },
        { field: 'customerContact', key: 'invalid_contact' },
      ]),
    });
    await expect(fileComplaint(deps, actor('cs.li'), filingForm({ receivedAt: '2026-03-05T00:00:00Z' }))).rejects.toMatchObject({
      fields: [{ field: 'receivedAt', key: 'in_future' }],
    });
    expect(await counts()).toEqual(before);
  });

  it('a filing that fails inside its transaction leaves no row and no gap in the numbers', async () => {
    const fixedIds = { ...org.deps(db, clock), newId: () => 'same-id-every-time' };
    const first = await fileComplaint(fixedIds, actor('cs.li'), filingForm());
    await expect(fileComplaint(fixedIds, actor('cs.li'), filingForm())).rejects.toThrow();
    const next = await fileComplaint(org.deps(db, clock), actor('cs.li'), filingForm());
    expect(next.state.complaint.seq).toBe(first.state.complaint.seq + 1);
    expect(await db.prisma.complaint.count()).toBe(2);
  });

  it('a refused action changes nothing', async () => {
    const deps = org.deps(db, clock);
    const { state } = await fileComplaint(deps, actor('cs.li'), filingForm());
    const before = await counts();
    await expect(act(deps, actor('s.wu'), state.complaint.number, 'acknowledge', { firstResponse: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(act(deps, actor('q.liu'), state.complaint.number, 'acknowledge', {})).rejects.toMatchObject({
      code: 'validation_failed',
      fields: [{ field: 'firstResponse', key: 'required' }],
    });
    await expect(act(deps, actor('q.liu'), 'KS-2026-9999', 'acknowledge', { firstResponse: 'x' })).rejects.toMatchObject({ code: 'unknown_complaint' });
    expect(await counts()).toEqual(before);
  });
});
