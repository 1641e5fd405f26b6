/**
 * The console people enjoy (issue 14.7), in a real headless Chromium at 1440×900 and at 390×844: the
 * "New complaint" button, a confirmation that stays and links to the card, DMs that carry the card
 * with the reader's buttons, field errors that clear when fixed, Enter that does not submit a form,
 * a character counter instead of silent cutting, and the narrow layout with its folded sidebar.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumPath, launch, screenshot } from '../support/browser.ts';
import { EXAMPLE_CONFIG, startConsole, type ConsoleRun } from '../support/console.ts';
import { ConsolePage } from './console-page.ts';

const FILING = {
  title: '阀体内径尺寸超差',
  description: '第 3 批阀体内径超差 0.05 mm，影响装配。',
  demand: 'replacement',
  customerName: '张伟',
  customerCompany: '宁波东方阀门有限公司',
  customerContact: '13812345678',
  intakeChannel: 'phone',
  category: 'product_quality',
};
const WIDE = { width: 1440, height: 900 };
const NARROW = { width: 390, height: 844 };

describe.skipIf(!chromiumPath)('the local console, pleasant to use', () => {
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

  describe('at 1440×900', () => {
    let p: ConsolePage;
    beforeAll(async () => {
      p = await ConsolePage.open(browser, c.url, 'chen.jing', WIDE);
    });

    it('files from the New complaint button: errors clear when fixed, Enter does not submit, long text is counted, not cut', async () => {
      await p.newComplaint();
      expect(await p.page.innerText('#new-complaint')).toBe('新建客诉');
      await p.fill({ ...FILING, customerContact: '打电话给我' });

      // Enter in a one-line field leaves the form open and sends nothing.
      let submitted = 0;
      p.page.on('request', (r) => void (r.url().endsWith('/api/forms/submit') && submitted++));
      await p.page.press('#f-title', 'Enter');
      await p.page.fill('#f-customerName', '张伟');
      expect(submitted).toBe(0);
      expect(await p.page.isVisible('#modal[open] form[data-form="file"]')).toBe(true);

      // A description longer than its limit: all of it stays, the counter says by how much, the server refuses beside it.
      const long = '超差'.repeat(2_250); // 4,500 characters; the limit is 4,000
      await p.page.fill('#f-description', long);
      expect(await p.page.inputValue('#f-description')).toHaveLength(4_500);
      const counter = p.page.locator('#count-description');
      await expect.poll(() => counter.innerText()).toBe('4500 / 4000');
      expect(await counter.getAttribute('class')).toContain('over');
      expect(await p.submit()).toBe(422);
      const description = p.page.locator('#modal .form-field[data-field="description"]');
      await expect.poll(() => description.locator('.field-error').innerText()).toContain('4000');
      expect(await p.page.inputValue('#f-description')).toHaveLength(4_500);
      const contact = p.page.locator('#modal .form-field[data-field="customerContact"]');
      expect(await contact.locator('.field-error').count()).toBe(1);
      await screenshot(p.page, '10-wide-filing-form-errors');

      // Fixing a field takes its error away at once, and only that one.
      await p.page.fill('#f-customerContact', '13812345678');
      expect(await contact.locator('.field-error').count()).toBe(0);
      expect(await p.page.getAttribute('#f-customerContact', 'aria-invalid')).toBeNull();
      expect(await description.locator('.field-error').count()).toBe(1);
      await p.page.fill('#f-description', FILING.description);
      expect(await description.locator('.field-error').count()).toBe(0);
      expect(await counter.isHidden()).toBe(true);
      await screenshot(p.page, '11-wide-filing-form');

      // The confirmation stays after the live refresh that follows the filing, and links to the card.
      // (The tasks list is drawn anew when the filing's notifications go out: mark the old one to see that happen.)
      await p.page.locator('#messages .list').evaluate((el) => el.setAttribute('data-old', ''));
      expect(await p.submit()).toBe(200);
      await p.sees('已登记 KS-2026-0001');
      await expect.poll(() => p.page.locator('#messages .list:not([data-old])').count()).toBe(1);
      expect(await p.messages().innerText()).toContain('已登记 KS-2026-0001');

      await p.page.click('#messages a[data-card-link="KS-2026-0001"]');
      await p.page.waitForSelector('#messages[data-view="#quality"]');
      await p.page.waitForSelector('#messages article.card.highlight[data-number="KS-2026-0001"]');
      await screenshot(p.page, '12-wide-channel');
    });

    it('a DM about a complaint shows its card with the reader’s buttons, and acting from it works', async () => {
      await p.as('zhang.wei');
      await p.go('#quality');
      await p.act('KS-2026-0001', 'acknowledge', { handlerId: 'liu.yang', firstResponse: '已致电客户致歉。' });

      await p.as('liu.yang');
      await p.go('dm');
      await p.sees('您已被指定为 KS-2026-0001 的责任人');
      const assigned = p.page.locator('#messages .message', { hasText: '您已被指定为' });
      await expect.poll(() => assigned.locator('article.card button[data-action="submit_8d"]').count()).toBe(1);
      await screenshot(p.page, '13-wide-dm-card');
      await p.act('KS-2026-0001', 'submit_8d', {
        d1Team: '质量部 张伟、刘洋',
        d3Containment: '隔离库存 300 件',
        d4RootCause: '镗刀磨损',
        rootCauseTags: '刀具',
        d5Corrective: '更换镗刀',
        d6Verification: '抽检合格',
        d7Prevention: '刀具寿命纳入点检表',
      });

      // A replacement is grade B: the GM is asked to approve, by DM, with the card and its approve button.
      await p.as('wang.jianguo');
      await p.go('dm');
      await p.sees('KS-2026-0001 需要您审批');
      const approval = p.page.locator('#messages .message', { hasText: '需要您审批' });
      await expect.poll(() => approval.locator('article.card button[data-action="approve"]').count()).toBe(1);
      await screenshot(p.page, '14-wide-dm-approval-card');
      await p.act('KS-2026-0001', 'approve', { kind: 'solution', decision: 'approve' });
      // The DM's card is drawn again: the approve button is gone.
      await expect.poll(() => approval.locator('article.card').getAttribute('data-status')).toBe('replied');
      expect(await approval.locator('button[data-action="approve"]').count()).toBe(0);
    });

    it('my tasks', async () => {
      await p.as('liu.yang');
      await p.go('tasks');
      await p.sees('KS-2026-0001');
      await screenshot(p.page, '15-wide-my-tasks');
    });
  });

  describe('at 390×844', () => {
    let p: ConsolePage;
    beforeAll(async () => {
      p = await ConsolePage.open(browser, c.url, 'chen.jing', NARROW);
    });

    it('folds the sidebar away behind the menu button', async () => {
      const sidebar = p.page.locator('#sidebar');
      const rightEdge = async () => ((b) => b!.x + b!.width)(await sidebar.boundingBox());
      await expect.poll(rightEdge).toBeLessThanOrEqual(0); // (it slides: wait for the end of the move)
      expect(await p.page.isVisible('#new-complaint')).toBe(true);
      await p.openSidebar();
      await expect.poll(async () => (await sidebar.boundingBox())!.x).toBe(0);
      await screenshot(p.page, '20-narrow-menu');
      await p.closeSidebar();
    });

    it('files a complaint in a full-screen form, and follows the link to its card', async () => {
      await p.newComplaint();
      const modal = await p.page.locator('#modal').boundingBox();
      expect(modal).toMatchObject({ x: 0, y: 0, width: NARROW.width, height: NARROW.height });
      await p.fill({ ...FILING, title: '法兰密封面划伤' });
      await screenshot(p.page, '21-narrow-filing-form');
      expect(await p.submit()).toBe(200);
      await p.sees('已登记 KS-2026-0002');
      await p.page.click('#messages a[data-card-link="KS-2026-0002"]');
      await p.page.waitForSelector('#messages article.card.highlight[data-number="KS-2026-0002"]');
      await screenshot(p.page, '22-narrow-channel');
    });

    it('acts on it on the narrow layout: the head acknowledges, the handler sees the card in a DM', async () => {
      await p.as('zhang.wei');
      await p.go('#quality');
      await p.act('KS-2026-0002', 'acknowledge', { handlerId: 'liu.yang', firstResponse: '已联系客户。' });
      await expect.poll(() => p.card('KS-2026-0002').getAttribute('data-status')).toBe('acknowledged');

      await p.as('liu.yang');
      await p.go('dm');
      const assigned = p.page.locator('#messages .message', { hasText: '您已被指定为 KS-2026-0002' });
      await expect.poll(() => assigned.locator('article.card button[data-action="submit_8d"]').count()).toBe(1);
      await assigned.scrollIntoViewIfNeeded();
      await screenshot(p.page, '23-narrow-dm-card');
      await p.go('tasks');
      await p.sees('KS-2026-0002');
      await screenshot(p.page, '24-narrow-my-tasks');
    });

    it('needed nothing but this computer, and raised no script error', () => {
      const origin = new URL(c.url).origin;
      expect(p.requests.filter((u) => !u.startsWith(origin))).toEqual([]);
      expect(p.errors).toEqual([]);
    });
  });
});
