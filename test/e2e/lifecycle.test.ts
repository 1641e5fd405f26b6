/**
 * End to end in a real headless Chromium: one complaint's whole life in the local console of the
 * shipped example organisation, played by the people who would do each step. Time moves only through
 * the console's clock control (the base clock is fixed: Monday 2026-03-02 09:30 in Shanghai).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumPath, launch, screenshot } from '../support/browser.ts';
import { EXAMPLE_CONFIG, startConsole, type ConsoleRun } from '../support/console.ts';
import { ConsolePage } from './console-page.ts';

const N = 'KS-2026-0001';

describe.skipIf(!chromiumPath)('the local console in a browser: a complaint’s whole life', () => {
  let c: ConsoleRun;
  let browser: Browser;
  let p: ConsolePage;
  beforeAll(async () => {
    c = await startConsole({ config: EXAMPLE_CONFIG });
    browser = await launch();
    p = await ConsolePage.open(browser, c.url, 'chen.jing');
  });
  afterAll(async () => {
    await browser?.close();
    await c?.cleanup();
  });

  it('files as customer service: a bad field is refused beside it and nothing is saved, then it is filed', async () => {
    await p.command('/complaint');
    await p.page.waitForSelector('#modal[open] form[data-form="file"]');
    await p.fill({
      title: '阀体内径尺寸超差',
      description: '第 3 批阀体内径超差 0.05 mm，影响装配。',
      demand: 'replacement',
      customerName: '张伟',
      customerCompany: '宁波东方阀门有限公司',
      customerContact: '打电话给我',
      intakeChannel: 'phone',
      category: 'product_quality',
    });
    expect(await p.submit()).toBe(422);
    const field = p.page.locator('#modal .form-field[data-field="customerContact"]');
    await expect.poll(() => field.locator('.field-error').innerText()).toMatch(/\S/);
    expect(await field.locator('input').getAttribute('aria-invalid')).toBe('true');
    expect(await p.page.locator('#modal .field-error').count()).toBe(1);
    expect(await p.page.inputValue('#f-title')).toBe('阀体内径尺寸超差'); // nothing typed is lost
    await screenshot(p.page, '01-filing-field-error');
    expect(await c.running.core.deps.db.prisma.complaint.count()).toBe(0);

    await p.fill({ customerContact: '13812345678' });
    expect(await p.submit()).toBe(200);
    await p.sees(`已登记 ${N}`);
    expect(await c.running.core.deps.db.prisma.complaint.count()).toBe(1);
  });

  it('the head of Quality acknowledges from the channel card, which updates in place', async () => {
    await p.as('zhang.wei');
    await p.go('#quality');
    await expect.poll(() => p.card(N).getAttribute('data-status')).toBe('open');
    await p.act(N, 'acknowledge', { handlerId: 'liu.yang', firstResponse: '已致电客户致歉，明日派人上门取样。' });
    await expect.poll(() => p.card(N).getAttribute('data-status')).toBe('acknowledged');
    expect(await p.page.locator('#messages article.card').count()).toBe(1);
    await p.card(N).locator('details.timeline summary').click();
    await expect.poll(() => p.card(N).locator('details.timeline').innerText()).toContain('已受理');
    await screenshot(p.page, '02-acknowledged-card');
  });

  it('as time passes the 8D deadline, the reminder, the overdue notice and the GM escalation arrive', async () => {
    // 8D due Wed 03-11 09:30 (7 working days); the reminder is one working day before.
    await p.as('liu.yang');
    await p.go('dm');
    await p.advance('day', 8); // Tue 03-10 09:30
    await p.sees(`提醒：${N}`);
    await screenshot(p.page, '03-handler-reminder');

    await p.as('zhang.wei');
    await p.go('#quality');
    await p.advance('day'); // Wed 03-11 09:30: due
    await p.sees(`${N} 的 8D 报告期限已逾期`);

    await p.as('wang.jianguo');
    await p.go('dm');
    await p.advance('day'); // Thu 03-12 09:30: one working day of grace later
    await p.sees(`升级：${N}`);
    await screenshot(p.page, '04-gm-escalation');
    await p.go('#gm');
    await p.sees(`升级：${N}`);
    expect(await p.page.locator('#clock-label').innerText()).toContain('模拟时间');
  });

  it('the handler submits the 8D, the GM approves it, it is sent and resolved; a week later customer service records an unsatisfied revisit', async () => {
    await p.as('liu.yang');
    await p.go('#quality');
    await p.act(N, 'submit_8d', {
      d1Team: '质量部 张伟、刘洋；生产部 郑海涛',
      d3Containment: '隔离库存 300 件，逐件复检',
      d4RootCause: '第 3 批镗刀磨损未及时更换',
      rootCauseTags: '刀具, 点检',
      d5Corrective: '更换镗刀，全检库存',
      d6Verification: '抽检 200 件全部合格',
      d7Prevention: '刀具寿命纳入点检表',
    });
    // A replacement demand makes it grade B: the GM approves the solution before it goes to the customer.
    await expect.poll(() => p.card(N).getAttribute('data-status')).toBe('awaiting_approval');
    await p.as('wang.jianguo');
    await p.act(N, 'approve', { kind: 'solution', decision: 'approve' });
    await expect.poll(() => p.card(N).getAttribute('data-status')).toBe('replied');
    await p.as('liu.yang');
    await p.act(N, 'send_8d', { via: 'email' });
    await p.act(N, 'resolve', { kinds: ['replacement'], summary: '已为客户更换 50 件阀体。' });
    await expect.poll(() => p.card(N).getAttribute('data-status')).toBe('resolved');

    await p.advance('day', 7);
    await p.as('chen.jing');
    await p.go('#quality');
    await p.act(N, 'revisit', { outcome: 'unsatisfied', note: '客户认为交货太慢' });
    await expect.poll(() => p.card(N).getAttribute('data-status')).toBe('reopened');
  });

  it('handled again and unsatisfied a second time, the case goes to the GM', async () => {
    await p.as('zhang.wei');
    await p.go('tasks');
    await p.sees(N);
    await screenshot(p.page, '05-head-my-tasks');
    await p.go('#quality');
    await p.act(N, 'acknowledge', { handlerId: 'liu.yang', firstResponse: '再次致歉，安排加急发货。' });
    // Reopened grade B: a new 8D (the form keeps the last one's text), the GM's approval of it, then the reply.
    await p.as('liu.yang');
    await p.act(N, 'submit_8d', { d5Corrective: '加急重做，专人跟踪发货' });
    await expect.poll(() => p.card(N).getAttribute('data-status')).toBe('awaiting_approval');
    await p.as('wang.jianguo');
    await p.act(N, 'approve', { kind: 'solution', decision: 'approve' });
    await p.as('liu.yang');
    await p.act(N, 'send_8d', { via: 'email' });
    await p.act(N, 'resolve', { kinds: ['redo'], summary: '加急重做并发货。' });
    await expect.poll(() => p.card(N).getAttribute('data-status')).toBe('resolved');

    await p.advance('morning');
    await p.as('chen.jing');
    await p.go('#quality');
    await p.act(N, 'revisit', { outcome: 'unsatisfied', note: '客户仍不满意' });
    await expect.poll(() => p.card(N).getAttribute('data-status')).toBe('escalated');

    await p.as('wang.jianguo');
    await p.go('dm');
    await p.sees(`已升级至总经理：${N}`);
    await p.go('tasks');
    await p.sees(N);
    await p.go('#quality');
    expect(await p.card(N).locator('button[data-action="gm_decide"]').count()).toBe(1);
    await screenshot(p.page, '06-gm-gets-the-case');
  });

  it('the GM asks for the month’s statistics and sees the category chart', async () => {
    await p.command('/complaint stats 2026-03');
    await p.sees('2026-03 客诉统计（全公司）');
    const chart = p.messages().locator('figure.chart img').last();
    await chart.scrollIntoViewIfNeeded();
    // Chromium decoded the server-drawn SVG: it has its full size, and its alt text carries the figures.
    const decodedWidth = () => chart.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    await expect.poll(decodedWidth).toBe(960);
    expect(await chart.getAttribute('alt')).toContain('产品质量：1 件');
    await screenshot(p.page, '07-gm-monthly-stats');
  });

  it('needed nothing but this computer, and raised no script error', () => {
    const origin = new URL(c.url).origin;
    expect(p.requests.length).toBeGreaterThan(10);
    expect(p.requests.filter((u) => !u.startsWith(origin))).toEqual([]);
    expect(p.errors).toEqual([]);
  });
});
