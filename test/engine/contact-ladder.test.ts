/**
 * The customer-contact tasks in simulated time (issue 15 items 3–4): a delay notice owed by Sales after an
 * extension or a missed deadline, chased until Sales records it (seed 001 §5.3); "customer unreachable" on
 * the response step telling customer service and walking its own 48 h ladder (dealership flow step 3).
 * Messages are asserted where they arrive: the recording deliverer of the local platform.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/clock.ts';
import { act } from '../../src/commands/act.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import type { EngineDeps } from '../../src/commands/tick.ts';
import type { RecordingDeliverer } from '../../src/notifiers/deliverer.ts';
import { loadState, timeline } from '../../src/store/complaints.ts';
import { myTasks } from '../../src/commands/present.ts';
import type { TestDatabase } from '../support/db.ts';
import { openWalk, shanghai, walkUntil } from '../support/walk.ts';
import { actor, filingForm, testConfig, testOrg } from '../support/org.ts';
import { REPORT } from '../support/controls.ts';

const config = testConfig();
config.customerContact = { liaison: { department: 'sales' } };
const org = testOrg(config);
const sh = shanghai;

describe('customer-contact tasks in simulated time', () => {
  let db: TestDatabase;
  let clock: ManualClock;
  let deps: EngineDeps;
  let out: RecordingDeliverer;
  let log: string[];

  beforeEach(async () => {
    ({ db, clock, deps, out, log } = await openWalk(org, '2026-03-02T10:00:00'));
  });
  afterEach(async () => db.cleanup());

  /** Tick and deliver every half hour until `endLocal`, running `hooks` at their times; logs "MM-DD HH:mm address kind". */
  const runUntil = (endLocal: string, hooks: Record<string, () => Promise<void>> = {}) => walkUntil({ db, deps, clock, out, log }, endLocal, hooks, { skip: ['report', 'card'] });
  const at = (local: string) => sh(local).toISOString();
  const textsTo = (address: string) => out.sent.filter((m) => m.address === address).map((m) => m.view.text);

  it('an extension gives Sales a delay notice, chased by its ladder until Sales records the reason and the new date', async () => {
    const { state } = await fileComplaint(deps, actor('cs.li'), filingForm());
    const n = state.complaint.number;
    await runUntil('2026-03-09T12:00:00', {
      [at('2026-03-02T11:00:00')]: async () => void (await act(deps, actor('q.liu'), n, 'acknowledge', { firstResponse: '已致电客户' })),
      // 8D due Wed 03-11 10:00; moved two days, granted at once — and the customer must hear of it (§5.3).
      [at('2026-03-05T10:00:00')]: async () =>
        void (await act(deps, actor('q.liu'), n, 'extend', { deadline: 'eightD', newDueAt: '2026-03-13 18:00', reason: '等待客户寄回样品' })),
      // Sales tells the customer after the overdue notice, before the GM would hear of it.
      [at('2026-03-06T11:00:00')]: async () =>
        void (await act(deps, actor('s.wu'), n, 'contact', {
          what: 'delay_notice',
          via: 'phone',
          summary: '已电话告知客户采购经理',
          reason: '等待客户寄回样品',
          newDate: '2026-03-13 18:00',
        })),
    });
    expect(log).toEqual([
      // The task starts at once: the Sales channel hears what to tell the customer.
      '03-05 10:00 #sales notice',
      // Due one working day later (Fri 10:00): reminded at the working morning, overdue at the due time (head and channel).
      '03-06 09:00 #sales remind',
      '03-06 10:00 s.zhou overdue',
      '03-06 10:00 #sales overdue',
      // Recorded at 11:00: the GM escalation (14:00) never goes out; nothing else follows.
    ]);
    // The task says what to tell: the deadline, the department's reason, and by when.
    expect(textsTo('#sales')[0]).toContain(n);
    expect(textsTo('#sales')[0]).toContain('等待客户寄回样品');
    const after = (await loadState(db.prisma, n))!;
    const notice = after.deadlines.find((d) => d.kind === 'delayNotice')!;
    expect(notice.metAt?.toISOString()).toBe(at('2026-03-06T11:00:00'));
    expect(notice.breachedAt?.toISOString()).toBe(at('2026-03-06T10:00:00'));
    expect(notice.nextStepAt).toBeUndefined();
    const events = await timeline(db.prisma, after.complaint.id);
    const contact = events.find((e) => e.type === 'customer_contacted' && e.data.what === 'delay_notice')!;
    expect(contact.actorId).toBe('s.wu');
    expect(contact.data).toMatchObject({ via: 'phone', reason: '等待客户寄回样品', newDate: at('2026-03-13T18:00:00') });
  });

  it('without the record the ladder climbs to the GM', async () => {
    const { state } = await fileComplaint(deps, actor('cs.li'), filingForm());
    const n = state.complaint.number;
    await runUntil('2026-03-06T15:00:00', {
      [at('2026-03-02T11:00:00')]: async () => void (await act(deps, actor('q.liu'), n, 'acknowledge', { firstResponse: '已致电客户' })),
      [at('2026-03-05T10:00:00')]: async () =>
        void (await act(deps, actor('q.liu'), n, 'extend', { deadline: 'eightD', newDueAt: '2026-03-13 18:00', reason: '等待样品' })),
    });
    expect(log).toEqual(['03-05 10:00 #sales notice', '03-06 09:00 #sales remind', '03-06 10:00 s.zhou overdue', '03-06 10:00 #sales overdue', '03-06 14:00 gm.wang escalate']);
    expect(textsTo('gm.wang').at(-1)).toContain(n);
    // It stays on Sales's task list, with its due time, until recorded; the department's list does not carry it.
    const wu = await myTasks(deps, { id: 's.wu', locale: 'en' });
    expect(wu.items.map((i) => [i.number, i.needs[0]!.action, i.needs[0]!.text, i.needs[0]!.overdue])).toEqual([[n, 'contact', 'Tell the customer the reason and the new date (delay notice)', true]]);
    const liu = await myTasks(deps, { id: 'q.liu', locale: 'en' });
    expect(liu.items.flatMap((i) => i.needs.map((x) => x.action))).not.toContain('contact');
  });

  it('a missed 8D opens the delay notice in the engine, and the late reply itself makes it moot', async () => {
    const { state } = await fileComplaint(deps, actor('cs.li'), filingForm());
    const n = state.complaint.number;
    await act(deps, actor('q.liu'), n, 'acknowledge', { firstResponse: '已致电客户' });
    clock.set(sh('2026-03-10T12:00:00'));
    await runUntil('2026-03-12T18:00:00', {
      // Grade A: the 8D goes to the customer with its submission — late.
      [at('2026-03-11T11:30:00')]: async () => void (await act(deps, actor('q.liu'), n, 'submit_8d', { ...REPORT, sentVia: 'email' })),
    });
    expect(log).toEqual([
      // 8D due Wed 10:00 (7 working days): the handler's reminder, the overdue notice and, the same minute, Sales's task.
      '03-10 12:00 q.liu remind',
      '03-11 10:00 q.chen overdue',
      '03-11 10:00 #quality overdue',
      '03-11 10:00 #sales notice',
      // The reply reached the customer at 11:30: no notice is owed any more, its ladder never starts, no GM escalation.
    ]);
    const after = (await loadState(db.prisma, n))!;
    const notice = after.deadlines.find((d) => d.kind === 'delayNotice')!;
    expect(notice.cancelledAt?.toISOString()).toBe(at('2026-03-11T11:30:00'));
    expect(notice.nextStepAt).toBeUndefined();
    const events = await timeline(db.prisma, after.complaint.id);
    expect(events.find((e) => e.type === 'deadline_missed')).toMatchObject({ actorId: 'kesu', data: { deadline: 'eightD' } });
    // The 8D sent is on the contact record too.
    expect(events.find((e) => e.type === 'customer_contacted' && e.data.what === 'eightd_report')).toMatchObject({ actorId: 'q.liu', data: { via: 'email' } });
  });

  it('customer unreachable tells customer service, replaces the 24 h response by a 48 h first contact, and walks its ladder', async () => {
    const { state } = await fileComplaint(deps, actor('cs.li'), filingForm());
    const n = state.complaint.number;
    await runUntil('2026-03-05T14:00:00', {
      [at('2026-03-03T09:00:00')]: async () => void (await act(deps, actor('q.liu'), n, 'customer_unreachable', { note: '电话三次无人接听，已发邮件' })),
    });
    expect(log).toEqual([
      // Customer service hears the progress at once.
      '03-03 09:00 #customer_service notice',
      // No 24 h response notice at 03-03 10:00: first contact is due Thu 09:00, reminded a working day before.
      '03-04 09:00 #quality remind',
      '03-05 09:00 q.chen overdue',
      '03-05 09:00 #quality overdue',
      '03-05 09:30 gm.wang digest',
      '03-05 13:00 gm.wang escalate',
    ]);
    expect(textsTo('#customer_service').find((t) => t.includes('电话三次无人接听'))).toBeDefined();
    const mid = (await loadState(db.prisma, n))!;
    expect(mid.deadlines.find((d) => d.kind === 'response')?.cancelledAt?.toISOString()).toBe(at('2026-03-03T09:00:00'));
    expect(mid.deadlines.find((d) => d.kind === 'firstContact')?.dueAt.toISOString()).toBe(at('2026-03-05T09:00:00'));
    // Reached on Thursday afternoon: the first response meets the first contact, the ladder stops.
    await act(deps, actor('q.liu'), n, 'acknowledge', { firstResponse: '终于联系上客户' });
    const done = (await loadState(db.prisma, n))!.deadlines.find((d) => d.kind === 'firstContact')!;
    expect(done.metAt?.toISOString()).toBe(clock.now().toISOString());
    expect(done.nextStepAt).toBeUndefined();
  });
});
