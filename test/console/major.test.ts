/**
 * Major complaints end to end in the console, in simulated time (issue 15 item 2): a grade C urgent
 * safety complaint reaches the GM at filing (a DM with the card, the GM channel's card); the handler's
 * resolve waits for customer service's manager and the department head, reminded by the engine as the
 * clock moves, and only their two sign-offs resolve it. Anyone on a case escalates it to the GM by hand.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CONFIG } from '../support/org.ts';
import { REPORT } from '../support/controls.ts';
import { startConsole, type ConsoleRun } from '../support/console.ts';

const FILING = {
  title: '刹车阀体开裂',
  description: '客户装机后发现阀体开裂，存在制动失效风险，要求退款。',
  demand: 'refund',
  customerName: '张伟',
  intakeChannel: 'phone',
  category: 'product_quality',
  urgent: true,
  safety: true,
};

describe('console: a major complaint goes to the GM at once and needs both co-owners’ sign-off', () => {
  let c: ConsoleRun;
  let dir: string;
  let id: string;
  beforeAll(async () => {
    // The test organisation with a GM channel (#gm in the console).
    dir = mkdtempSync(join(tmpdir(), 'kesu-major-'));
    const config = join(dir, 'org.yaml');
    writeFileSync(config, `${readFileSync(FIXTURE_CONFIG, 'utf8')}\ngmChannel: {}\n`);
    c = await startConsole({ config });
  });
  afterAll(async () => {
    await c?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const html = async (who: string, conversation: string) => (await c.api(who, `/api/conversations/${encodeURIComponent(conversation)}`)).data.html as string;
  const submit = (who: string, form: string, values: Record<string, unknown>) => c.api(who, '/api/forms/submit', { form, complaint: id, values });
  const advance = async (by: 'hour' | 'day') => (await c.api('q.chen', '/api/clock/advance', { by })).data.steps as number;
  const status = async () => (await c.running.core.deps.db.prisma.complaint.findUniqueOrThrow({ where: { id } })).status;

  it('filed grade C, urgent, safety: the GM’s DM has the notice and the card; the GM channel has the card', async () => {
    const filed = await c.api('cs.li', '/api/forms/submit', { form: 'file', values: FILING });
    expect(filed.data).toMatchObject({ ok: true, number: 'KS-2026-0001', status: 'open' });
    id = (await c.running.core.deps.db.prisma.complaint.findFirstOrThrow()).id;
    await c.running.engine.idle();
    const gm = await html('gm.wang', '@gm.wang');
    expect(gm).toContain('重大客诉 KS-2026-0001（C 级），责任部门：质量部：刹车阀体开裂');
    expect(gm).toContain('共同负责并会签处理结果：客服主管、质量部主管。');
    expect(gm).toContain('<article class="card');
    const channel = await html('gm.wang', '#gm');
    expect(channel).toContain('<article class="card');
    expect(channel).toContain('KS-2026-0001');
    // The card names the co-owners and the safety issue.
    expect(channel).toContain('客服主管：赵敏；质量部主管：陈刚');
    expect(channel).toContain('<dd>C 恶劣 · 紧急 · 安全</dd>');
  });

  it('the handler’s resolve waits for both sign-offs, in simulated time; only then it is resolved', async () => {
    expect((await submit('q.chen', 'acknowledge', { handlerId: 'q.liu', firstResponse: '已致电客户致歉', containment: '停止发货，隔离库存' })).status).toBe(200);
    await advance('hour');
    expect((await submit('q.liu', 'submit_8d', REPORT)).status).toBe(200);
    expect((await submit('gm.wang', 'approve', { kind: 'solution', decision: 'approve' })).status).toBe(200);
    expect((await submit('q.liu', 'send_8d', { via: 'email' })).status).toBe(200);
    await advance('hour');
    const resolved = await submit('q.liu', 'resolve', { kinds: ['refund'], summary: '全额退款，补发新阀体' });
    expect(resolved.status).toBe(200);
    expect(await status()).toBe('replied');
    await c.running.engine.idle();
    // Customer service's manager (reads English) is asked first, with the resolution and the Approve button.
    const zhao = await html('cs.zhao', '@cs.zhao');
    expect(zhao).toContain('KS-2026-0001 needs your approval — your sign-off, as co-owner, of the resolution Refund: 全额退款，补发新阀体');
    expect(zhao).toContain('data-action="approve"');
    // The handler may not sign it, nor the head before customer service.
    expect((await submit('q.liu', 'approve', { kind: 'signoff', decision: 'approve' })).data.code).toBe('forbidden');
    expect((await submit('q.chen', 'approve', { kind: 'signoff', decision: 'approve' })).data.code).toBe('forbidden');

    // A working day later the sign-off is due: the engine tells the co-owner who has not signed that it is overdue.
    expect(await html('cs.zhao', '@cs.zhao')).not.toContain('overdue');
    expect(await advance('day')).toBeGreaterThan(0);
    expect(await html('cs.zhao', '@cs.zhao')).toContain('KS-2026-0001: the Resolution sign-off deadline is overdue (just overdue).');

    expect((await submit('cs.zhao', 'approve', { kind: 'signoff', decision: 'approve' })).status).toBe(200);
    expect(await status()).toBe('replied');
    await c.running.engine.idle();
    expect(await html('q.chen', '@q.chen')).toContain('KS-2026-0001 需要您审批：作为共同负责人会签处理结果：退款：全额退款，补发新阀体');
    expect((await submit('cs.zhao', 'approve', { kind: 'signoff', decision: 'approve' })).data.code).toBe('already_signed_off');

    await advance('hour');
    expect((await submit('q.chen', 'approve', { kind: 'signoff', decision: 'approve' })).status).toBe(200);
    expect(await status()).toBe('resolved');
    await c.running.engine.idle();
    // The handler hears the resolution went through; the GM channel's card is resolved too.
    expect(await html('q.liu', '@q.liu')).toContain('您在 KS-2026-0001 提出的处理结果会签已由 陈刚 批准');
    expect(await html('gm.wang', '#gm')).toContain('data-status="resolved"');
  });

  it('anyone on a case escalates it to the GM now, with a reason; again only once the GM has answered', async () => {
    const filed = await c.api('cs.li', '/api/forms/submit', { form: 'file', values: { ...FILING, demand: 'apology', urgent: false, safety: false, title: '包装破损' } });
    expect(filed.data.number).toBe('KS-2026-0002');
    id = (await c.running.core.deps.db.prisma.complaint.findFirstOrThrow({ where: { number: 'KS-2026-0002' } })).id;
    await c.running.engine.idle();
    expect(await html('gm.wang', '@gm.wang')).not.toContain('KS-2026-0002');

    expect((await submit('q.sun', 'escalate', { reason: '客户称将向媒体投诉' })).status).toBe(200);
    expect(await status()).toBe('open');
    await c.running.engine.idle();
    const gm = await html('gm.wang', '@gm.wang');
    expect(gm).toContain('孙丽 将 KS-2026-0002 上报给您：客户称将向媒体投诉。包装破损');
    const channel = await html('gm.wang', '#gm');
    expect(channel).toContain('孙丽 已将 KS-2026-0002 上报总经理：客户称将向媒体投诉');
    expect(channel).toContain('（等待总经理回应）');

    const again = await submit('q.sun', 'escalate', { reason: '再次催促' });
    expect(again.data.code).toBe('escalation_pending');
    expect(again.data.html).toContain('您已将 KS-2026-0002 上报总经理，总经理尚未回应。');
    expect((await submit('gm.wang', 'escalate', { reason: '测试' })).data.code).toBe('forbidden');
    expect((await submit('gm.wang', 'comment', { text: '已知悉，请质量部今天联系客户' })).status).toBe(200);
    expect((await submit('q.sun', 'escalate', { reason: '客户仍未收到联系' })).status).toBe(200);
  });
});
