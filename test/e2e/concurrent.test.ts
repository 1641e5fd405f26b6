/**
 * Two people in two browsers click Acknowledge on the same complaint at the same moment: exactly one
 * acknowledgement is recorded, and the other person is told who won, in their own form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumPath, launch, screenshot } from '../support/browser.ts';
import { EXAMPLE_CONFIG, startConsole, type ConsoleRun } from '../support/console.ts';
import { ConsolePage } from './console-page.ts';

const NAMES: Record<string, string> = { 'liu.yang': '刘洋', 'zhao.lei': '赵磊' };

describe.skipIf(!chromiumPath)('two browsers, one complaint', () => {
  let c: ConsoleRun;
  let browser: Browser;
  beforeAll(async () => {
    c = await startConsole({ config: EXAMPLE_CONFIG });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await c?.cleanup();
  });

  it('both click Acknowledge at once: one succeeds, the other sees who won', async () => {
    const filed = await c.api('lin.xiaoyan', '/api/forms/submit', {
      form: 'file',
      values: { title: '发货延迟两周', description: '订单 PO-7781 承诺 3 月 1 日交货，至今未到。', demand: 'compensation', customerName: '李明', intakeChannel: 'email', category: 'product_quality' },
    });
    const number: string = filed.data.number;
    const people = ['liu.yang', 'zhao.lei'];
    const pages = await Promise.all(people.map((person) => ConsolePage.open(browser, c.url, person)));
    for (const [i, p] of pages.entries()) {
      await p.go('#quality');
      await p.click(number, 'acknowledge');
      await p.fill({ firstResponse: `${people[i]} 已联系客户` });
    }

    const statuses = await Promise.all(pages.map((p) => p.submit()));
    expect([...statuses].sort()).toEqual([200, 422]);
    const winner = people[statuses.indexOf(200)]!;
    const loser = pages[statuses.indexOf(422)]!;
    const reason = await loser.page.locator('#modal .form-error').innerText();
    expect(reason).toContain(`${number} 已由 ${NAMES[winner]} 于`);
    expect(reason).toContain('受理');
    await screenshot(loser.page, '07-lost-the-race');

    const events = await c.running.core.deps.db.prisma.complaintEvent.findMany({ where: { type: 'acknowledged' } });
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).toBe(winner);
    for (const p of pages) await expect.poll(() => p.card(number).getAttribute('data-status')).toBe('acknowledged');
  });
});
