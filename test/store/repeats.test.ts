/**
 * Repeat detection on a real database (issue 15 item 8), in simulated time: suggestions at filing and at D4
 * through the look-up table, staff confirm or dismiss, refusals, the look-back window, and the timeline replay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { act } from '../../src/commands/act.ts';
import { lifecycleEnv, type Deps } from '../../src/commands/deps.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { exportTable } from '../../src/commands/export.ts';
import { cardFor } from '../../src/commands/present.ts';
import { isKesuError } from '../../src/errors.ts';
import { loadState, timeline, timelineEntries } from '../../src/store/complaints.ts';
import { backfillRepeatKeys } from '../../src/store/repeats.ts';
import type { ComplaintState } from '../../src/workflows/model.ts';
import { replay, replayable } from '../../src/workflows/replay.ts';
import { REPORT } from '../support/controls.ts';
import { openTestDatabase, pgAvailable } from '../support/db.ts';
import { actor, filingForm, testOrg } from '../support/org.ts';

const org = testOrg();
const DAY = 86_400_000;

for (const [provider, available] of [['sqlite', true], ['postgresql', pgAvailable()]] as const) {
  describe.runIf(available)(`repeat detection on ${provider}`, () => {
    let db: Awaited<ReturnType<typeof openTestDatabase>>;
    let clock: ManualClock;
    let deps: Deps;
    beforeAll(async () => {
      db = await openTestDatabase(provider);
      clock = new ManualClock('2025-01-06T02:00:00Z');
      deps = org.deps(db, clock);
    });
    afterAll(async () => db?.cleanup());

    const file = async (over: Record<string, unknown>) => (await fileComplaint(deps, actor('cs.li'), filingForm(over))).state;
    const refusal = async (who: string, ref: string, input: Record<string, unknown>) => {
      try {
        await act(deps, actor(who), ref, 'link_repeat', input);
      } catch (e) {
        if (isKesuError(e)) return e.code;
        throw e;
      }
      return undefined;
    };
    const repeatField = (s: ComplaintState, viewer = 'q.liu') => cardFor(deps, s, actor(viewer)).fields.filter((f) => f.label === '重复投诉').map((f) => f.value);
    async function replays(s: ComplaintState) {
      const c = s.complaint;
      const replayed = replay(await timelineEntries(db.prisma, c.id), { year: c.year, seq: c.seq, number: c.number }, (at) => lifecycleEnv(deps, at));
      expect(replayable(replayed)).toEqual(replayable((await loadState(db.prisma, c.id))!));
    }

    it('the look-back window: the same customer and product within a year is suggested, older is not', async () => {
      const old = await file({ title: '旧投诉', description: '包装破损', customerCompany: '丙公司', productNo: 'P-7', category: 'delivery' });
      clock.set(new Date(clock.now().getTime() + 30 * DAY));
      const recent = await file({ title: '近期投诉', description: '标签错误', customerCompany: '丙公司', productNo: 'P-7', category: 'service_attitude' });
      clock.set(new Date(clock.now().getTime() + 350 * DAY)); // 380 days after the old one, 350 after the recent one
      const now = await file({ title: '又一次', description: '外箱压坏', customerCompany: '丙 公司', productNo: 'p7', category: 'product_quality' });
      expect(now.complaint.repeats?.map((r) => [r.number, r.reasons])).toEqual([[recent.complaint.number, ['customer_product']]]);
      expect(now.complaint.repeats?.map((r) => r.number)).not.toContain(old.complaint.number);
      await replays(now);
      // Confirmed, the link is in the tracking table the management reviews (seed 001 §5.4).
      const confirmed = (await act(deps, actor('cs.li'), now.complaint.number, 'link_repeat', { candidate: recent.complaint.number, decision: 'confirm' })).state;
      await replays(confirmed);
      const day = clock.now().toISOString().slice(0, 10);
      const table = await exportTable(deps, actor('gm.wang'), { from: day, to: day });
      expect(table.columns.find((c) => c.key === 'repeatOf')?.header).toBe('重复投诉（同）');
      expect(table.rows.find((r) => r.number === now.complaint.number)?.repeatOf).toBe(recent.complaint.number);
    });

    it('at D4 the root cause finds an earlier complaint of another customer; refusals; a dismissed suggestion disappears', async () => {
      clock.set('2026-03-02T02:00:00Z');
      const a = await file({ title: '阀体内径超差', description: '第 3 批阀体内径超出公差。', customerCompany: '甲公司' });
      await act(deps, actor('q.liu'), a.complaint.number, 'acknowledge', { firstResponse: '已致电客户' });
      await act(deps, actor('q.liu'), a.complaint.number, 'submit_8d', { ...REPORT, d4RootCause: '供应商来料硬度不足，热处理温度偏低', sentVia: 'email' });

      clock.set('2026-03-09T02:00:00Z');
      const b = await file({ title: '密封圈开裂', description: '客户反馈密封圈使用两周后开裂。', customerCompany: '乙公司' });
      expect(b.complaint.repeats, 'nothing alike at filing').toBeUndefined();
      expect(repeatField(b)).toEqual([]);
      const n = b.complaint.number;
      await act(deps, actor('q.liu'), n, 'acknowledge', { firstResponse: '已致电客户' });
      expect(await refusal('cs.li', n, { candidate: a.complaint.number, decision: 'confirm' })).toBe('illegal_transition');

      clock.set('2026-03-10T02:00:00Z');
      const after8d = await act(deps, actor('q.liu'), n, 'submit_8d', { ...REPORT, d4RootCause: '来料硬度不足：供应商热处理温度偏低', sentVia: 'email' });
      const s = after8d.state;
      expect(s.complaint.repeats).toMatchObject([{ id: a.complaint.id, number: a.complaint.number, reasons: ['text'], stage: 'd4', status: 'suggested', suggestedAt: '2026-03-10T02:00:00.000Z' }]);
      expect(repeatField(s)[0]).toMatch(new RegExp(`^疑似重复：${a.complaint.number}（描述相似 \\d+%）$`));
      const events = await timeline(db.prisma, s.complaint.id);
      expect(events.find((e) => e.type === 'repeat_suggested')?.data).toMatchObject({ stage: 'd4', candidates: [{ number: a.complaint.number }] });
      // The earlier complaint's own 8D found nothing new: it was filed first.
      expect((await loadState(db.prisma, a.complaint.id))!.complaint.repeats).toBeUndefined();

      // Who may decide: the handler, the head, customer service — not another member or a stranger.
      expect(await refusal('q.sun', n, { candidate: a.complaint.number, decision: 'confirm' })).toBe('forbidden');
      expect(await refusal('s.wu', n, { candidate: a.complaint.number, decision: 'confirm' })).toBe('forbidden');
      expect(await refusal('cs.li', n, { candidate: 'KS-2026-0999', decision: 'confirm' })).toBe('repeat_not_suggested');
      expect(await refusal('cs.li', n, { candidate: a.complaint.number, decision: 'maybe' })).toBe('validation_failed');

      clock.set('2026-03-10T03:00:00Z');
      const dismissed = (await act(deps, actor('cs.li'), n, 'link_repeat', { candidate: a.complaint.number.toLowerCase(), decision: 'dismiss', note: '原因不同' })).state;
      expect(dismissed.complaint.repeats).toMatchObject([{ status: 'dismissed', decidedBy: 'cs.li', decidedAt: '2026-03-10T03:00:00.000Z' }]);
      expect(repeatField(dismissed)).toEqual([]);
      expect(cardFor(deps, dismissed, actor('cs.li')).actions.map((x) => x.action)).not.toContain('link_repeat');
      expect((await timeline(db.prisma, dismissed.complaint.id)).at(-1)).toMatchObject({ type: 'repeat_dismissed', actorId: 'cs.li', data: { candidate: a.complaint.number, note: '原因不同' } });
      // Resubmitting the 8D does not suggest a dismissed complaint again.
      const again = (await act(deps, actor('q.liu'), n, 'submit_8d', { ...REPORT, d4RootCause: '来料硬度不足：供应商热处理温度偏低。', sentVia: 'email' })).state;
      expect(again.complaint.repeats).toHaveLength(1);
      await replays(again);
    });

    it('complaints filed before the upgrade get their look-up rows once, and are found from then on', async () => {
      clock.set('2026-04-01T02:00:00Z');
      const before = await file({ title: '旧版本登记', description: '电机异响', customerCompany: '丁公司', productNo: 'M-1' });
      await db.prisma.repeatKey.delete({ where: { complaintId: before.complaint.id } }); // as a complaint stored before the table existed
      clock.set('2026-04-02T02:00:00Z');
      expect((await file({ title: '升级前', description: '外壳划伤', customerCompany: '丁公司', productNo: 'M-1' })).complaint.repeats).toBeUndefined();
      expect(await backfillRepeatKeys(db, 2)).toBe(1);
      expect(await backfillRepeatKeys(db, 2)).toBe(0);
      clock.set('2026-04-03T02:00:00Z');
      const after = await file({ title: '升级后', description: '螺丝松动', customerCompany: '丁公司', productNo: 'M-1' });
      expect(after.complaint.repeats?.map((r) => r.number)).toContain(before.complaint.number);
    });
  });
}
