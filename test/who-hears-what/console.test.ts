/** README's who-hears-what table on the local console: every row played, and what each person receives read in headless Chromium (KESU_REQUIRE_BROWSER=1 makes a missing Chromium an error). */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumPath, launch } from '../support/browser.ts';
import { EXAMPLE_CONFIG, startConsole, type ConsoleRun } from '../support/console.ts';
import { ConsolePage } from '../e2e/console-page.ts';
import { playRow, type Platform } from './check.ts';
import { consolePlatform } from './console-platform.ts';
import { ROWS } from './rows.ts';

describe.skipIf(!chromiumPath)('who hears what on the console', () => {
  // One Kesu for the rows that leave the clock alone (each files its own complaint), one per row that moves it.
  let browser: Browser;
  let shared: ConsoleRun;
  let platform: Platform;
  beforeAll(async () => {
    browser = await launch();
    shared = await startConsole({ config: EXAMPLE_CONFIG });
    platform = consolePlatform(shared, await ConsolePage.open(browser, shared.url, 'chen.jing'));
  });
  afterAll(async () => {
    await browser?.close();
    await shared?.cleanup();
  });

  for (const row of ROWS.filter((r) => !r.movesClock)) {
    it(row.name, async () => {
      await playRow(row, platform);
    });
  }

  for (const row of ROWS.filter((r) => r.movesClock)) {
    it(row.name, async () => {
      const own = await startConsole({ config: EXAMPLE_CONFIG });
      const page = await ConsolePage.open(browser, own.url, 'chen.jing');
      try {
        await playRow(row, consolePlatform(own, page));
      } finally {
        await page.page.context().close();
        await own.cleanup();
      }
    });
  }
});
