/**
 * "My tasks" in the console from the outside (HTTP on a real `run()`): GET /api/tasks names what each
 * complaint needs from the viewer — the sales manager approves a ¥8,600 claim, the quality department
 * acknowledges it — with the card's button for that step, which opens its form.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleRun } from '../support/console.ts';

describe('my tasks in the console', () => {
  let c: ConsoleRun;
  let complaintId = '';
  beforeAll(async () => {
    c = await startConsole();
    const opened = await c.api('cs.li', '/api/command', { text: '/complaint' });
    const sourceKey = /name="sourceKey" value="([^"]+)"/.exec(opened.data.html)![1]!;
    const values = { title: '阀门漏水索赔', description: '阀门漏水，客户要求赔偿', demand: 'compensation', customerName: '张伟', intakeChannel: 'phone', category: 'product_quality', claimAmount: '8600', sourceKey };
    const filed = await c.api('cs.li', '/api/forms/submit', { form: 'file', values });
    expect(filed.data).toMatchObject({ ok: true, number: 'KS-2026-0001' });
    complaintId = (await c.running.core.deps.db.prisma.complaint.findFirstOrThrow()).id;
  });
  afterAll(async () => {
    await c?.cleanup();
    rmSync(c.dir, { recursive: true, force: true });
  });

  it('the sales manager is asked to approve the claim, with the approval button and one to open the complaint', async () => {
    const tasks = await c.api('s.zhou', '/api/tasks');
    expect(tasks.status).toBe(200);
    expect(tasks.data.count).toBe(1);
    expect(tasks.data.html).toMatch(/<li class="need" data-need="approve"><strong>批准索赔 ¥8,600\.00<\/strong> <span class="need-due">\d{4}-\d\d-\d\d \d\d:\d\d 前，还剩 [^<]+<\/span><\/li>/);
    expect(tasks.data.html).toContain(`<button type="button" class="btn primary" data-action="approve" data-complaint="${complaintId}">审批</button>`);
    expect(tasks.data.html).toContain('<button type="button" class="btn default" data-show="KS-2026-0001">查看</button>');
    // What the console's script does with that button: open the action's form for the complaint.
    const form = await c.api('s.zhou', '/api/forms/open', { form: 'approve', complaint: complaintId });
    expect(form.status).toBe(200);
    expect(form.data.html).toContain('data-form="approve"');
  });

  it('the quality department acknowledges it; customer service, in English, has nothing to do yet', async () => {
    const head = await c.api('q.chen', '/api/tasks');
    expect(head.data.html).toContain('<strong>受理并首次回复客户</strong>');
    expect(head.data.html).toContain(`data-action="acknowledge" data-complaint="${complaintId}"`);
    const cs = await c.api('cs.zhao', '/api/tasks');
    expect(cs.data).toEqual({ count: 0, html: '<div class="list tasks empty"><h3>My open tasks</h3><p>Nothing waiting for you.</p></div>' });
  });
});
