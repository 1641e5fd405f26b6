/** What a person does in the console, as steps a test reads like a script. Selectors live here only. */
import { expect } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { recordRequests } from '../support/browser.ts';

export type FormValues = Record<string, string | boolean | string[]>;

export class ConsolePage {
  readonly requests: string[];
  readonly errors: string[] = [];

  private constructor(readonly page: Page) {
    this.requests = recordRequests(page);
    page.on('pageerror', (e) => this.errors.push(e.message));
  }

  static async open(browser: Browser, url: string, person: string, viewport = { width: 1280, height: 900 }): Promise<ConsolePage> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    context.setDefaultTimeout(10_000);
    const page = new ConsolePage(await context.newPage());
    await page.page.goto(url);
    await page.page.waitForSelector('body[data-ready="true"]');
    await page.as(person);
    return page;
  }

  /** On a narrow screen the sidebar is folded away: open it with the menu button (a no-op on a wide one). */
  async openSidebar(): Promise<void> {
    if (!(await this.page.isVisible('#menu-button'))) return;
    if (!(await this.page.locator('body.nav-open').count())) await this.page.click('#menu-button');
    await this.page.waitForSelector('body.nav-open');
  }

  async closeSidebar(): Promise<void> {
    if (!(await this.page.locator('body.nav-open').count())) return;
    await this.page.keyboard.press('Escape');
    await this.page.waitForSelector('body:not(.nav-open)');
  }

  /** Switch who this page plays. */
  async as(person: string): Promise<void> {
    if ((await this.page.getAttribute('body', 'data-viewer')) === person) return;
    await this.openSidebar();
    await this.page.selectOption('#whoami', person);
    await this.page.waitForSelector(`body[data-viewer="${person}"]`);
    await this.page.waitForSelector('#messages[data-view]');
  }

  /** Open a channel (`#quality`), the bot's DM (`dm`) or "my tasks" (`tasks`), and wait until it is drawn. */
  async go(where: string): Promise<void> {
    const link = where === 'dm' ? '#dm-link' : where === 'tasks' ? '#tasks-link' : `a[data-conversation="${where}"]`;
    const view = where === 'dm' ? `@${await this.page.getAttribute('body', 'data-viewer')}` : where;
    await this.openSidebar();
    await this.page.click(link);
    await this.page.waitForSelector(`#messages[data-view="${view}"]`);
  }

  messages(): Locator {
    return this.page.locator('#messages');
  }

  card(number: string): Locator {
    return this.page.locator(`#messages article.card[data-number="${number}"]`).first();
  }

  async command(text: string): Promise<void> {
    await this.page.fill('#composer-input', text);
    await this.page.press('#composer-input', 'Enter');
  }

  async click(number: string, action: string): Promise<void> {
    await this.card(number).locator(`button[data-action="${action}"]`).click();
    await this.page.waitForSelector(`#modal[open] form[data-form="${action}"]`);
  }

  async fill(values: FormValues): Promise<void> {
    const form = this.page.locator('#modal form');
    for (const [name, value] of Object.entries(values)) {
      if (Array.isArray(value)) {
        for (const v of value) await form.locator(`input[name="${name}"][value="${v}"]`).check();
        continue;
      }
      const control = form.locator(`[name="${name}"]`).first();
      const tag = await control.evaluate((el) => `${el.tagName}:${(el as { type?: string }).type}`);
      if (tag.startsWith('SELECT')) await control.selectOption(String(value));
      else if (tag === 'INPUT:checkbox') await control.setChecked(Boolean(value));
      else await control.fill(String(value));
    }
  }

  /** Submit the open form; resolves with the server's answer (200 or 422). */
  async submit(): Promise<number> {
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => r.url().endsWith('/api/forms/submit')),
      this.page.click('#modal button[type="submit"]'),
    ]);
    return response.status();
  }

  async act(number: string, action: string, values: FormValues): Promise<void> {
    await this.click(number, action);
    await this.fill(values);
    const status = await this.submit();
    const why = status === 200 ? '' : await this.page.locator('#modal .form-error, #modal .field-error').allInnerTexts();
    expect(status, `${action} on ${number}: ${why}`).toBe(200);
    await this.page.waitForSelector('#modal[open]', { state: 'detached' });
  }

  /** The "New complaint" button: the filing form opens. */
  async newComplaint(): Promise<void> {
    await this.page.click('#new-complaint');
    await this.page.waitForSelector('#modal[open] form[data-form="file"]');
  }

  async advance(by: 'hour' | 'day' | 'morning', times = 1): Promise<void> {
    await this.openSidebar();
    for (let i = 0; i < times; i++) {
      await Promise.all([
        this.page.waitForResponse((r) => r.url().endsWith('/api/clock/advance') && r.ok()),
        this.page.click(`button[data-advance="${by}"]`),
      ]);
    }
    await this.closeSidebar();
  }

  /** Wait until the current view shows `text` (live updates arrive without a reload). */
  async sees(text: string | RegExp): Promise<void> {
    await expect.poll(() => this.messages().innerText(), { timeout: 10_000 }).toMatch(text);
  }
}
