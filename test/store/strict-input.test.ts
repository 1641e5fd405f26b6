/** Issue 12's loose inputs through the real commands on SQLite and PostgreSQL: the same field errors, nothing written. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { act } from '../../src/commands/act.ts';
import type { Deps } from '../../src/commands/deps.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import type { FieldIssue } from '../../src/errors.ts';
import type { Action } from '../../src/workflows/model.ts';
import { openTestDatabase, pgAvailable } from '../support/db.ts';
import { actor, filingForm, testOrg } from '../support/org.ts';

const org = testOrg();
// Monday 2 March 2026, 10:00 in Shanghai.
const NOW = '2026-03-02T02:00:00Z';

const FILINGS: [string, Record<string, unknown>, FieldIssue[]][] = [
  ['urgent "zzz"', { urgent: 'zzz' }, [{ field: 'urgent', key: 'invalid_boolean' }]],
  ['quantity "0x10"', { qtyAffected: '0x10' }, [{ field: 'qtyAffected', key: 'invalid_number' }]],
  ['quantity "1e3"', { qtyShipped: '1e3' }, [{ field: 'qtyShipped', key: 'invalid_number' }]],
  ['ship date 2026-02-30', { shipDate: '2026-02-30' }, [{ field: 'shipDate', key: 'invalid_date' }]],
  ['ship date in 2099', { shipDate: '2099-01-01' }, [{ field: 'shipDate', key: 'after_received' }]],
  ['ship date in 9999', { shipDate: '9999-12-31' }, [{ field: 'shipDate', key: 'after_received' }]],
  ['received 2026-02-30', { receivedAt: '2026-02-30T10:00:00Z' }, [{ field: 'receivedAt', key: 'invalid_datetime' }]],
  ['a NUL byte in the title', { title: '阀体尺寸超差\u0000' }, [{ field: 'title', key: 'control_characters' }]],
  ['a NUL byte in the description', { description: '内径超差\u0000 0.05 mm' }, [{ field: 'description', key: 'control_characters' }]],
  [
    'all at once',
    { urgent: 'zzz', qtyAffected: '0x10', qtyOrdered: '1e3', shipDate: '2026-02-30', title: '阀体尺寸超差\u0000' },
    [
      { field: 'title', key: 'control_characters' },
      { field: 'urgent', key: 'invalid_boolean' },
      { field: 'qtyOrdered', key: 'invalid_number' },
      { field: 'qtyAffected', key: 'invalid_number' },
      { field: 'shipDate', key: 'invalid_date' },
    ],
  ],
];

/** Actions open to these people on a freshly filed (open) quality complaint. */
const ACTIONS: [string, string, Action, Record<string, unknown>, FieldIssue[]][] = [
  ['regrade urgent "zzz"', 'cs.li', 'regrade', { urgent: 'zzz' }, [{ field: 'urgent', key: 'invalid_boolean' }]],
  ['regrade urgent "yes?"', 'q.chen', 'regrade', { urgent: 'yes?', note: '客户要求' }, [{ field: 'urgent', key: 'invalid_boolean' }]],
  ['extension to 2099', 'q.chen', 'extend', { deadline: 'eightD', newDueAt: '2099-01-01', reason: '等待供应商' }, [{ field: 'newDueAt', key: 'too_far', params: { max: 90 } }]],
  ['extension to 9999', 'q.chen', 'extend', { deadline: 'eightD', newDueAt: '9999-12-31 18:00', reason: '等待供应商' }, [{ field: 'newDueAt', key: 'too_far', params: { max: 90 } }]],
  ['extension to 2026-02-30', 'q.chen', 'extend', { deadline: 'eightD', newDueAt: '2026-02-30', reason: '等待供应商' }, [{ field: 'newDueAt', key: 'invalid_datetime' }]],
  ['claim quantity "0x10"', 'cs.li', 'claim', { quantity: '0x10', reason: '客户要求退货' }, [{ field: 'quantity', key: 'invalid_number' }]],
  ['claim quantity "1e3"', 'cs.li', 'claim', { quantity: '1e3', reason: '客户要求退货' }, [{ field: 'quantity', key: 'invalid_number' }]],
  ['a NUL byte in a comment', 'cs.li', 'comment', { text: '客户\u0000催促' }, [{ field: 'text', key: 'control_characters' }]],
  ['a NUL byte in the first response', 'q.liu', 'acknowledge', { firstResponse: '已致电\u0000客户' }, [{ field: 'firstResponse', key: 'control_characters' }]],
];

/** What each provider answered, to compare them with each other at the end. */
const answers = new Map<string, Map<string, unknown>>();

async function refusal(run: () => Promise<unknown>): Promise<{ code?: string; fields?: unknown }> {
  try {
    await run();
  } catch (e) {
    const { code, fields } = e as { code?: string; fields?: unknown };
    return { code, fields };
  }
  return { code: 'accepted' };
}

for (const [provider, available] of [['sqlite', true], ['postgresql', pgAvailable()]] as const) {
  describe.runIf(available)(`strict input on ${provider}`, () => {
    let db: Awaited<ReturnType<typeof openTestDatabase>>;
    let deps: Deps;
    let number: string;
    const seen = new Map<string, unknown>();
    answers.set(provider, seen);

    const counts = async () => ({
      complaints: await db.prisma.complaint.count(),
      events: await db.prisma.complaintEvent.count(),
      outbox: await db.prisma.outbox.count(),
      deadlines: await db.prisma.deadline.count(),
      approvals: await db.prisma.approval.count(),
      sequences: await db.prisma.sequence.findMany({ orderBy: { scope: 'asc' } }),
    });

    beforeAll(async () => {
      db = await openTestDatabase(provider);
      deps = { ...org.deps(db, new ManualClock(NOW)), platforms: ['local'] };
      number = (await fileComplaint(deps, actor('cs.li'), filingForm())).state.complaint.number;
    });
    afterAll(async () => db?.cleanup());

    it('a valid filing writes rows (so the counts below would notice a write)', async () => {
      const before = await counts();
      await fileComplaint(deps, actor('cs.li'), filingForm({ urgent: 'true', qtyAffected: ' 16 ', shipDate: '2026-02-28' }));
      const after = await counts();
      expect(after.complaints).toBe(before.complaints + 1);
      expect(after.events).toBeGreaterThan(before.events);
      expect(after.outbox).toBeGreaterThan(before.outbox);
    });

    it.each(FILINGS)('filing with %s is refused field by field and writes nothing', async (name, over, fields) => {
      const before = await counts();
      const answer = await refusal(() => fileComplaint(deps, actor('cs.li'), filingForm(over)));
      seen.set(`file: ${name}`, answer);
      expect(answer).toEqual({ code: 'validation_failed', fields });
      expect(await counts()).toEqual(before);
    });

    it.each(ACTIONS)('%s is refused field by field and writes nothing', async (name, who, action, input, fields) => {
      const before = await counts();
      const answer = await refusal(() => act(deps, actor(who), number, action, input));
      seen.set(`act: ${name}`, answer);
      expect(answer).toEqual({ code: 'validation_failed', fields });
      expect(await counts()).toEqual(before);
    });
  });
}

describe.runIf(pgAvailable())('SQLite and PostgreSQL', () => {
  it('gave the same answers', () => {
    const sqlite = answers.get('sqlite');
    const pg = answers.get('postgresql');
    expect(sqlite?.size).toBe(FILINGS.length + ACTIONS.length);
    expect(Object.fromEntries(pg ?? [])).toEqual(Object.fromEntries(sqlite ?? []));
  });
});
