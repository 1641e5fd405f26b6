/**
 * Who hears what, from the outbox a real database holds after each action (DESIGN.md "Nobody is
 * forgotten"): a new complaint reaches customer service's channel too (a line, or the card, as the
 * config says); a reopen tells the handler and the heads why and by when; a rejection tells the filer
 * and customer service the reason; a decided request tells whoever asked; an approval request names
 * what is asked; a reassignment redraws the old department's card as "moved". A person's notice about
 * a complaint is delivered with the complaint's card for them (their buttons), in their language.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { act } from '../../src/commands/act.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import type { Deps } from '../../src/commands/deps.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { actor, filingForm, testConfig, testOrg } from '../support/org.ts';
import { ACK, REPORT } from '../support/controls.ts';
import { cardRenderer } from '../../src/commands/cards.ts';
import { RecordingDeliverer } from '../../src/notifiers/deliverer.ts';
import { createDispatcher } from '../../src/notifiers/dispatcher.ts';

const sh = (local: string) => new Date(`${local}+08:00`);

describe('who hears what', () => {
  let db: TestDatabase;
  let clock: ManualClock;
  const depsWith = (newComplaints: 'line' | 'card' | 'off'): Deps => {
    const config = testConfig();
    config.customerService.newComplaints = newComplaints;
    return { ...testOrg(config).deps(db, clock), newId: randomUUID, platforms: ['local'] };
  };
  const rows = async (since = '') =>
    (await db.prisma.outbox.findMany({ where: { id: { gt: since } }, orderBy: { id: 'asc' } })).map((r) => ({ to: `${r.kind} ${r.address}`, text: JSON.parse(r.payload).text as string }));
  const lastId = async () => (await db.prisma.outbox.findFirst({ orderBy: { id: 'desc' } }))?.id ?? '';

  beforeEach(async () => {
    db = await openTestDatabase('sqlite');
    clock = new ManualClock(sh('2026-03-02T10:00:00'));
  });
  afterEach(async () => db.cleanup());

  it('a new complaint: the department’s card and a line in the customer-service channel (or its card, or nothing)', async () => {
    await fileComplaint(depsWith('line'), actor('cs.li'), filingForm());
    expect(await rows()).toEqual([
      { to: 'card #quality', text: expect.stringContaining('KS-2026-0001') },
      { to: 'notice #customer_service', text: '新客诉 KS-2026-0001，责任部门：质量部：阀体尺寸超差' },
    ]);
    const before = await lastId();
    await fileComplaint(depsWith('card'), actor('cs.li'), filingForm());
    expect((await rows(before)).map((r) => r.to)).toEqual(['card #quality', 'card #customer_service']);
    const later = await lastId();
    await fileComplaint(depsWith('off'), actor('cs.li'), filingForm());
    expect((await rows(later)).map((r) => r.to)).toEqual(['card #quality']);
  });

  it('a reopen: the handler and the head hear the customer’s complaint and the new deadline', async () => {
    const deps = depsWith('off');
    const { state } = await fileComplaint(deps, actor('cs.li'), filingForm());
    const n = state.complaint.number;
    await act(deps, actor('q.chen'), n, 'acknowledge', { ...ACK, handlerId: 'q.sun' });
    await act(deps, actor('q.sun'), n, 'submit_8d', { ...REPORT, sentVia: 'email' });
    await act(deps, actor('q.sun'), n, 'resolve', { kinds: ['replacement'], summary: '补发' });
    clock.set(sh('2026-03-04T10:00:00'));
    const before = await lastId();
    await act(deps, actor('cs.li'), n, 'revisit', { outcome: 'unsatisfied', note: '客户称补发件仍超差' });
    const told = (await rows(before)).filter((r) => r.to.startsWith('reopened'));
    expect(told.map((r) => r.to).sort()).toEqual(['reopened q.chen', 'reopened q.sun']);
    expect(told[0]!.text).toBe('KS-2026-0001 已重新打开——客户不满意：客户称补发件仍超差。首次回复需在 2026-03-05 10:00 前完成。阀体尺寸超差');
  });

  it('a rejection: the filer and customer service hear the reason', async () => {
    const deps = depsWith('off');
    const { state } = await fileComplaint(deps, actor('cs.li'), filingForm());
    const before = await lastId();
    await act(deps, actor('cs.zhao'), state.complaint.number, 'reject', { reason: 'misuse', note: '安装时敲击阀体' });
    const told = (await rows(before)).filter((r) => r.to.startsWith('rejected'));
    expect(told.map((r) => r.to)).toEqual(['rejected cs.li', 'rejected #customer_service']);
    expect(told[0]!.text).toBe('KS-2026-0001 已被驳回（客户使用不当）：安装时敲击阀体。阀体尺寸超差');
  });

  it('a decided request: whoever asked hears the decision', async () => {
    const deps = depsWith('off');
    const { state } = await fileComplaint(deps, actor('cs.li'), filingForm());
    const n = state.complaint.number;
    await act(deps, actor('q.chen'), n, 'acknowledge', ACK);
    // Far beyond the automatic limit: the GM decides.
    await act(deps, actor('q.chen'), n, 'extend', { deadline: 'eightD', newDueAt: '2026-04-30 17:00', reason: '等待第三方检测' });
    const before = await lastId();
    await act(deps, actor('gm.wang'), n, 'approve', { kind: 'extension', decision: 'approve', note: '同意' });
    const told = (await rows(before)).filter((r) => r.to.startsWith('decided'));
    expect(told).toEqual([{ to: 'decided q.chen', text: '您在 KS-2026-0001 提出的延期申请已由 王总 批准：同意。' }]);
    // The GM's request named the deadline, the dates and the reason.
    const asked = (await rows()).find((r) => r.to === 'approval gm.wang')!;
    expect(asked.text).toMatch(/^KS-2026-0001 需要您审批：延期——8D 报告期限由 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 延至 2026-04-30 17:00（理由：等待第三方检测）。阀体尺寸超差$/);
  });

  it('an approval request: the approver by DM, naming what is asked, in both languages when theirs is not configured; delivered with the card and their buttons', async () => {
    const deps = depsWith('off');
    await fileComplaint(deps, actor('cs.li'), filingForm({ claimAmount: '8600' }));
    const row = (await db.prisma.outbox.findMany({ where: { kind: 'approval' } }))[0]!;
    expect(row.address).toBe('s.zhou');
    const view = JSON.parse(row.payload);
    expect(view.text).toBe('KS-2026-0001 需要您审批：索赔 ¥8,600.00。阀体尺寸超差');
    expect(view.byLocale.en.text).toBe('KS-2026-0001 needs your approval — claim CNY 8,600.00. 阀体尺寸超差');
    const out = new RecordingDeliverer('local');
    await createDispatcher(db, [out], { owner: 'test', renderCard: cardRenderer(deps) }).dispatch(clock.now());
    const dm = out.sent.find((m) => m.kind === 'approval')!;
    expect(dm.view.text).toBe(view.text);
    expect(dm.view.byLocale).toBeUndefined();
    expect(dm.view.card?.actions.map((a) => a.action)).toContain('approve');
    expect(dm.view.card?.actions.map((a) => a.action)).not.toContain('acknowledge');
  });

  it('a person with a configured locale gets that language only', async () => {
    const deps = depsWith('off');
    const { state } = await fileComplaint(deps, actor('cs.li'), filingForm());
    const before = await lastId();
    await act(deps, actor('cs.zhao'), state.complaint.number, 'reject', { reason: 'misuse', note: 'hammered' });
    const filer = (await db.prisma.outbox.findMany({ where: { id: { gt: before }, kind: 'rejected', address: 'cs.li' } }))[0]!;
    expect(JSON.parse(filer.payload).byLocale).toBeUndefined(); // cs.li: locale zh-CN in the config
  });

  it('a reassignment: the old department’s card is redrawn as “moved to” without buttons, the new department gets the card', async () => {
    const deps = depsWith('off');
    const { state } = await fileComplaint(deps, actor('cs.li'), filingForm());
    const out = new RecordingDeliverer('local');
    const dispatcher = createDispatcher(db, [out], { owner: 'test', renderCard: cardRenderer(deps) });
    await dispatcher.dispatch(clock.now());
    const before = await lastId();
    await act(deps, actor('cs.li'), state.complaint.number, 'reassign', { department: 'sales', reason: '属销售问题' });
    expect((await rows(before)).map((r) => r.to)).toEqual(['card #sales', 'card #quality']);
    const sent = out.sent.length;
    await dispatcher.dispatch(clock.now());
    const quality = out.sent.slice(sent).find((m) => m.address === '#quality')!;
    expect(quality.posted?.messageId).toBeDefined(); // the same card, updated in place
    expect(quality.view.card?.movedTo).toEqual({ label: '已转至', department: '销售部' });
    expect(quality.view.card?.actions).toEqual([]);
    const sales = out.sent.slice(sent).find((m) => m.address === '#sales')!;
    expect(sales.posted?.messageId).toBeUndefined();
    expect(sales.view.card?.movedTo).toBeUndefined();
    expect(sales.view.card?.actions.map((a) => a.action)).toContain('acknowledge');
  });

  it('a solution or a downgrade to approve: the GM’s request names the solution, or the grade asked for', async () => {
    const deps = depsWith('off');
    const { state } = await fileComplaint(deps, actor('cs.li'), filingForm({ grade: 'B', demand: 'redo' }));
    const n = state.complaint.number;
    await act(deps, actor('q.chen'), n, 'acknowledge', { firstResponse: '已回复', handlerId: 'q.sun' });
    let before = await lastId();
    await act(deps, actor('q.sun'), n, 'submit_8d', { ...REPORT, d4RootCause: '模具磨损', d5Corrective: '更换模具' });
    const solution = (await rows(before)).find((r) => r.to === 'approval gm.wang')!;
    expect(solution.text).toBe('KS-2026-0001 需要您审批：解决方案——根本原因：模具磨损；纠正措施：更换模具。阀体尺寸超差');
    const other = await fileComplaint(deps, actor('cs.li'), filingForm({ grade: 'B', demand: 'redo' }));
    before = await lastId();
    await act(deps, actor('q.chen'), other.state.complaint.number, 'regrade', { grade: 'A', note: '影响轻微' });
    const downgrade = (await rows(before)).find((r) => r.to === 'approval gm.wang')!;
    expect(downgrade.text).toBe('KS-2026-0002 需要您审批：降级至 A 轻微：影响轻微。阀体尺寸超差');
  });
});
