/**
 * The controls hold on every path (issue 12, DESIGN §9): random action sequences by random people of the
 * test organisation, with random clock jumps and deadline-engine ticks, on a real database — invariants
 * checked after every step, the timeline replayed after every sequence.
 */
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { act } from '../../src/commands/act.ts';
import { lifecycleEnv, type Deps } from '../../src/commands/deps.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { tick } from '../../src/commands/tick.ts';
import { isKesuError } from '../../src/errors.ts';
import type { Provider } from '../../src/store/client.ts';
import { loadState, timelineEntries } from '../../src/store/complaints.ts';
import { signoffsOf } from '../../src/workflows/approvals.ts';
import { checkPayout, exposureOf } from '../../src/workflows/claims.ts';
import { breachAt } from '../../src/workflows/deadlines.ts';
import { availableActions, needsGmSolution, solutionApproved } from '../../src/workflows/lifecycle.ts';
import { ACTIONS, APPROVAL_KINDS, DEMANDS, GRADES, type Action, type ComplaintState } from '../../src/workflows/model.ts';
import { replay, replayable } from '../../src/workflows/replay.ts';
import { openTestDatabase, pgAvailable } from '../support/db.ts';
import { actor, filingForm, testOrg } from '../support/org.ts';
import { REPORT } from '../support/controls.ts';
import { accountabilityConfig } from '../support/accountability.ts';

// With the shipped accountability rules (seed 002 §4), so resolves name who fell short.
const org = testOrg(accountabilityConfig());
const PEOPLE = org.config.people.map((p) => p.id);
const DEPARTMENTS = org.config.departments.map((d) => d.key);
const CATEGORIES = org.config.categories.map((c) => c.key);
const AMOUNTS = [undefined, '300', '6000', '9000', '12000', '150000'] as const;
const QUANTITIES = [undefined, '50', '150', '250'] as const;
const HOUR = 3_600_000;
const FORWARD = new Set<Action>(['acknowledge', 'submit_8d', 'approve', 'send_8d', 'resolve', 'revisit', 'gm_decide', 'reopen', 'contain', 'recall_decide']);

const filingArb = fc.record({
  demand: fc.constantFrom(...DEMANDS),
  grade: fc.option(fc.constantFrom(...GRADES), { nil: undefined }),
  urgent: fc.boolean(),
  foreign: fc.boolean(),
  usd: fc.boolean(),
  amount: fc.constantFrom(...AMOUNTS),
  quantity: fc.constantFrom(...QUANTITIES),
  category: fc.constantFrom(...CATEGORIES),
  filer: fc.constantFrom('cs.li', 'cs.zhao', 's.wu'),
  startDay: fc.integer({ min: 0, max: 240 }),
  // Complaints of one customer about a few products: later sequences find earlier ones as possible repeats.
  product: fc.constantFrom(undefined, 'VB-100', 'vb 100', 'VB-200'),
});

/** One step: how far the clock jumps, whether the engine ticks, and which (allowed or random) action by whom. */
const stepArb = fc.record({
  jumpMinutes: fc.oneof(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 3 * 24 * 60 })),
  tick: fc.boolean(),
  allowed: fc.integer({ min: 0, max: 9 }), // 0–7: an action someone may take now; 8–9: anyone, anything
  who: fc.nat(),
  what: fc.nat(),
  variant: fc.nat(),
});

const pending = (s: ComplaintState) => [...new Set(s.approvals.filter((a) => a.status === 'pending').map((a) => a.kind))];

type FilingChoice = typeof filingArb extends fc.Arbitrary<infer T> ? T : never;
type StepChoice = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

/** A plausible form for `action`, varied by `v`. */
function inputFor(action: Action, v: number, now: Date, state: ComplaintState): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]) => xs[v % xs.length]!;
  switch (action) {
    case 'acknowledge':
      return { firstResponse: '已致电客户', ...(v % 2 ? { containment: '在途货物停运' } : {}), ...(v % 5 === 0 ? { handlerId: pick(PEOPLE) } : {}) };
    case 'reassign':
      return { department: pick(DEPARTMENTS), reason: '转派' };
    case 'extend':
      return { deadline: pick(['response', 'containment', 'eightD']), newDueAt: new Date(now.getTime() + (1 + (v % 200)) * HOUR).toISOString(), reason: '客户出差' };
    case 'submit_8d':
      return { ...REPORT, ...(v % 2 ? { sentVia: 'email' } : {}), ...(v % 7 === 0 ? { recallBatches: '批次 2403、2404', recallSeverity: 'safety' } : {}) };
    case 'approve':
      // Mostly a kind that is pending, sometimes any.
      return { kind: v % 4 && pending(state).length ? pick(pending(state)) : pick(APPROVAL_KINDS), decision: v % 3 === 0 ? 'decline' : 'approve', note: '审批意见' };
    case 'resolve':
      // Half without a payout; the rest pays money, takes pieces back, or both. Some name who fell short
      // (seed 002 §4): a whole sales chain, a dispatcher, or a representative alone (refused: the chain is missing).
      return {
        ...(v % 2
          ? { kinds: ['apology'], summary: '致歉' }
          : { kinds: ['compensation'], summary: '处理完成', ...(AMOUNTS[(v >> 1) % 6] ? { amount: AMOUNTS[(v >> 1) % 6] } : {}), ...(QUANTITIES[(v >> 2) % 4] ? { quantity: QUANTITIES[(v >> 2) % 4] } : {}) }),
        ...pick([{}, {}, { fellShort: 's.wu:sales_rep', jointlyLiable: 'q.sun:sales_supervisor, s.zhou:sales_manager' }, { fellShort: 'l.he:brand_dispatcher' }, { fellShort: 's.wu:sales_rep' }]),
      };
    case 'revisit':
      return pick([{ outcome: 'satisfied', score: '8' }, { outcome: 'unsatisfied', note: '不满意' }, { outcome: 'unreachable', note: '无人接听' }]);
    case 'gm_decide':
      return { decision: '全额退款' };
    case 'reject':
      return { reason: 'misuse', note: '安装不当' };
    case 'reopen':
      return { reason: '问题复发' };
    case 'regrade':
      return { grade: pick(GRADES), urgent: v % 2 ? 'true' : 'false', ...(v % 4 ? { note: '调整原因' } : {}) };
    case 'claim':
      return { amount: pick(AMOUNTS) ?? '800', ...(v % 5 === 0 ? { currency: 'USD' } : {}), ...(QUANTITIES[v % 4] ? { quantity: QUANTITIES[v % 4] } : {}), reason: '客户索赔' };
    case 'contain':
      return { containment: '库存隔离' };
    case 'send_8d':
      return { via: 'email' };
    case 'comment':
      return { text: '跟进中' };
    case 'link_repeat': {
      // Mostly a suggestion waiting for a decision, sometimes one already decided or none at all.
      const open = state.complaint.repeats?.filter((r) => r.status === 'suggested') ?? [];
      const candidate = v % 5 && open.length ? pick(open).number : (state.complaint.repeats?.[0]?.number ?? 'KS-2026-9999');
      return { candidate, decision: v % 3 ? 'confirm' : 'dismiss', ...(v % 2 ? { note: '同一批次' } : {}) };
    }
    case 'recall':
      return { batches: '批次 2403', severity: pick(['safety', 'critical', 'major']), ...(v % 3 ? { quantity: '1200', orders: 'PO-88' } : {}) };
    case 'recall_decide':
      return v % 2 ? { outcome: 'recall', scope: '批次 2403 全部召回', customers: '东方阀门' } : { outcome: 'no_recall', reason: '缺陷不影响功能' };
    case 'contact':
      return pick([
        { what: 'delay_notice', via: 'phone', summary: '已电话告知', reason: '等待样品', newDate: new Date(now.getTime() + 72 * HOUR).toISOString() },
        { what: 'containment_report', via: 'email', summary: '已报告紧急措施' },
        { what: 'first_response', via: 'phone', summary: '已联系上客户', at: new Date(now.getTime() - HOUR).toISOString() },
        { what: 'other', via: 'email', summary: '进度沟通' },
      ]);
    case 'customer_unreachable':
      return { note: '电话无人接听，已发邮件' };
  }
}

interface Counts {
  sequences: number;
  actions: number;
  accepted: number;
  ticks: number;
  resolved: number;
  /** Resolves of grade B/C complaints: each needed the GM's approval of its current solution. */
  resolvedBC: number;
  /** Approval steps decided (approve or decline). */
  decisions: number;
  /** Repeat suggestions confirmed or dismissed. */
  repeatLinks: number;
  /** Recall reports decided by the GM. */
  recalls: number;
  /** Deadlines towards the customer the engine saw missed (each opened or joined a delay notice). */
  breaches: number;
  /** Customer contacts recorded (the contact action). */
  contacts: number;
}

const TERMINAL = new Set(['closed', 'rejected', 'escalated']);

/** Invariants of one state, against what was seen before (breaches, by deadline identity). */
function checkState(s: ComplaintState, now: Date, breaches: Map<string, string>): void {
  const c = s.complaint;
  // No approval decided by its requester.
  for (const a of s.approvals) for (const so of signoffsOf(a)) expect(so.by, `${c.number} ${a.kind} decided by its requester`).not.toBe(a.requestedBy);
  // A breach is never erased.
  for (const d of s.deadlines) {
    const key = `${d.kind}@${d.startsAt.toISOString()}`;
    const breached = breachAt(d, now)?.toISOString();
    const seen = breaches.get(key);
    if (seen) expect(breached, `${c.number} ${key} breach erased`).toBe(seen);
    else if (breached) breaches.set(key, breached);
  }
  // Finished complaints' deadlines never step again (a resolved one only walks its revisit).
  for (const d of s.deadlines) {
    if (TERMINAL.has(c.status) || (c.status === 'resolved' && d.kind !== 'revisit')) {
      expect(d.nextStepAt, `${c.number} ${c.status}: ${d.kind} still steps`).toBeUndefined();
    }
  }
}

async function runSequence(deps: Deps, clock: ManualClock, filing: FilingChoice, steps: StepChoice[], counts: Counts): Promise<void> {
  clock.set(new Date(Date.UTC(2026, 0, 5, 1) + filing.startDay * 24 * HOUR));
  const form = filingForm({
    demand: filing.demand,
    ...(filing.grade ? { grade: filing.grade, gradeReason: '按实际情况' } : {}),
    urgent: filing.urgent,
    customerRegion: filing.foreign ? 'foreign' : 'domestic',
    ...(filing.amount ? { claimAmount: filing.amount, claimCurrency: filing.usd ? 'USD' : 'CNY' } : {}),
    ...(filing.quantity ? { qtyAffected: filing.quantity } : {}),
    category: filing.category,
    ...(filing.product ? { productNo: filing.product } : {}),
  });
  const filed = await fileComplaint(deps, actor(filing.filer), form);
  const number = filed.state.complaint.number;
  const breaches = new Map<string, string>();
  const db = deps.db.prisma;
  let state = filed.state;
  let entries = 1;
  let paid = { amountBaseMinor: 0, quantity: 0 };
  checkState(state, clock.now(), breaches);

  for (const s of steps) {
    clock.advance(s.jumpMinutes * 60_000);
    const now = clock.now();
    if (s.tick) {
      await tick({ ...deps, platforms: deps.platforms ?? [] }, now, { reports: false });
      counts.ticks++;
      state = (await loadState(db, number))!;
      checkState(state, now, breaches);
      // The engine writes one entry per deadline towards the customer it sees missed (the delay notice opens).
      const after = await db.complaintEvent.count({ where: { complaintId: state.complaint.id } });
      counts.breaches += after - entries;
      entries = after;
    }
    let who: string;
    let action: Action;
    if (s.allowed < 8) {
      const pairs = PEOPLE.flatMap((p) => availableActions(state, p, deps).map((a) => [p, a] as const));
      // Mostly the steps that move a case on, so sequences reach approvals, resolves, revisits and reopens.
      const forward = pairs.filter(([, a]) => FORWARD.has(a));
      const pool = s.allowed < 6 && forward.length ? forward : pairs;
      if (pool.length === 0) continue;
      [who, action] = pool[s.what % pool.length]!;
    } else {
      who = PEOPLE[s.who % PEOPLE.length]!;
      action = ACTIONS[s.what % ACTIONS.length]!;
    }
    const before = state;
    counts.actions++;
    let accepted = true;
    try {
      await act(deps, actor(who), number, action, inputFor(action, s.variant, now, state));
    } catch (e) {
      if (!isKesuError(e)) throw e; // a crash is never an answer
      accepted = false;
    }
    state = (await loadState(db, number))!;
    const count = await db.complaintEvent.count({ where: { complaintId: state.complaint.id } });
    // Every accepted action adds exactly one timeline entry and bumps the version; a refusal writes nothing.
    expect(count, `${number} ${action} by ${who}: timeline entries`).toBe(entries + (accepted ? 1 : 0));
    expect(state.complaint.version, `${number} ${action}: version`).toBe(before.complaint.version + (accepted ? 1 : 0));
    entries = count;
    if (accepted) {
      counts.accepted++;
      if (action === 'contact') counts.contacts++;
      if (action === 'approve') {
        counts.decisions++;
        expect(who, `${number}: approved by the handler`).not.toBe(before.complaint.handlerId);
      }
      if (action === 'link_repeat') {
        counts.repeatLinks++;
        // A decided link leaves the suggestions; the earlier complaint it names is a real, earlier one.
        const link = state.complaint.repeats!.find((r) => r.status !== 'suggested' && r.decidedAt === now.toISOString() && r.decidedBy === who);
        expect(link, `${number}: link_repeat left no decided link`).toBeDefined();
        const earlier = await db.complaint.findUnique({ where: { id: link!.id }, select: { number: true, createdAt: true } });
        expect(earlier?.number).toBe(link!.number);
        expect(new Date(earlier!.createdAt).getTime()).toBeLessThanOrEqual(state.complaint.createdAt.getTime());
      }
      if (action === 'recall_decide') {
        counts.recalls++;
        expect(org.config.gm, `${number}: recall decided by ${who}`).toContain(who);
      }
      if (action === 'resolve' && state.complaint.status === 'resolved') {
        counts.resolved++;
        // No payout beyond what approvals of the right tier cover: counted here, over every resolution of the complaint.
        const r = state.complaint.resolution!;
        const payout = exposureOf(r.amountMinor !== undefined ? { amountMinor: r.amountMinor, currency: r.currency ?? 'CNY' } : undefined, r.quantity, org.config.claims);
        paid = { amountBaseMinor: paid.amountBaseMinor + payout.amountBaseMinor, quantity: paid.quantity + payout.quantity };
        expect(checkPayout(paid, state.complaint.customer.region, state.approvals, org.config.claims), `${number} paid ${JSON.stringify(paid)}`).toEqual({ ok: true });
        if (needsGmSolution(state.complaint)) counts.resolvedBC++;
        // B/C only with the GM's approval of the current solution; every grade only once the reply reached the customer.
        if (needsGmSolution(state.complaint)) expect(solutionApproved(before), `${number} resolved without the GM`).toBe(true);
        expect(before.complaint.eightD?.sent, `${number} resolved before the reply was sent`).toBeDefined();
        // A reported recall is decided by the GM before the case is resolved (seed 001 §6.9).
        expect(!before.complaint.recall || before.complaint.recall.decision !== undefined, `${number} resolved with a recall undecided`).toBe(true);
      }
    }
    checkState(state, now, breaches);
  }

  // Replaying the timeline gives the stored state.
  const stored = (await loadState(db, number))!;
  const c = stored.complaint;
  let ids = 0;
  const replayed = replay(await timelineEntries(db, c.id), { year: c.year, seq: c.seq, number: c.number }, (at) => ({
    ...lifecycleEnv(deps, at),
    newId: () => `replay-${++ids}`,
  }));
  expect(replayable(replayed), `${number}: replayed timeline`).toEqual(replayable(stored));
  counts.sequences++;
}

async function runProperty(provider: Provider, numRuns: number): Promise<Counts> {
  // In memory-backed /dev/shm where there is one: the file system's syncs are not what is under test here.
  const db = await openTestDatabase(provider, existsSync('/dev/shm') ? { dir: '/dev/shm' } : {});
  const counts: Counts = { sequences: 0, actions: 0, accepted: 0, ticks: 0, resolved: 0, resolvedBC: 0, decisions: 0, repeatLinks: 0, recalls: 0, breaches: 0, contacts: 0 };
  try {
    const clock = new ManualClock('2026-01-05T01:00:00Z');
    const deps: Deps = { ...org.deps(db, clock), platforms: ['local'] };
    // A fixed seed by default, so a run is reproducible and CI judges the same sequences each time;
    // KESU_PROPERTY_SEED=random explores new ones (the seed is printed on failure), a number replays one.
    const env = process.env.KESU_PROPERTY_SEED;
    const seed = env === 'random' ? undefined : Number(env ?? DEFAULT_SEED);
    await fc.assert(
      fc.asyncProperty(filingArb, fc.array(stepArb, { minLength: 8, maxLength: 20 }), (filing, steps) => runSequence(deps, clock, filing, steps, counts)),
      { numRuns, ...(seed !== undefined ? { seed } : {}), endOnFailure: true },
    );
  } finally {
    await db.cleanup();
  }
  console.log(
    `controls property (${provider}): ${counts.sequences} sequences, ${counts.actions} actions (${counts.accepted} accepted, ${counts.decisions} approval decisions, ${counts.resolved} resolves, ${counts.resolvedBC} of them grade B/C, ${counts.repeatLinks} repeat links decided, ${counts.recalls} recall decisions), ${counts.ticks} engine ticks, ${counts.breaches} breaches seen by the engine, ${counts.contacts} customer contacts`,
  );
  return counts;
}

const DEFAULT_SEED = 20261129;
const SQLITE_RUNS = Number(process.env.KESU_PROPERTY_RUNS ?? 2000);
const PG_RUNS = Number(process.env.KESU_PROPERTY_PG_RUNS ?? 200);

describe('controls hold over random action sequences', () => {
  it(`SQLite: ${SQLITE_RUNS} sequences`, { timeout: 1_800_000 }, async () => {
    const counts = await runProperty('sqlite', SQLITE_RUNS);
    expect(counts.sequences).toBe(SQLITE_RUNS);
    // The repeat action is exercised, not only refused.
    if (SQLITE_RUNS >= 100) expect(counts.repeatLinks).toBeGreaterThan(0);
  });

  it.runIf(pgAvailable())(`PostgreSQL: ${PG_RUNS} sequences`, { timeout: 1_800_000 }, async () => {
    const counts = await runProperty('postgresql', PG_RUNS);
    expect(counts.sequences).toBe(PG_RUNS);
  });
});
