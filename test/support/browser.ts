/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser). Without Chromium the
 * browser suites are skipped with a warning — unless KESU_REQUIRE_BROWSER=1 (CI), which makes it an error.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const CANDIDATES = [process.env.KESU_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const chromiumPath = CANDIDATES.find((p): p is string => !!p && existsSync(p));

if (!chromiumPath) {
  if (process.env.KESU_REQUIRE_BROWSER === '1') throw new Error('KESU_REQUIRE_BROWSER=1 but Chromium is not installed (Debian: apt-get install chromium; see .ci/run)');
  console.warn('browser suites skipped: Chromium is not installed (apt-get install chromium)');
}

/** Screenshots of key screens, kept as test artefacts (gitignored). */
export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url));

export async function launch(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath!,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Any host but loopback fails to resolve: a page that needed the internet would break here.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}

/** Every URL the page requested, to check that nothing left this machine. */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // Taken once the page is still: a sidebar sliding away (the narrow layout) would otherwise cover part of it.
  // (Runs in the page: the test's tsconfig has no DOM types, so `document` is reached through globalThis.)
  await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { getAnimations(): Array<{ finished: Promise<unknown> }> } }).document;
    return Promise.all(doc.getAnimations().map((a) => a.finished.catch(() => undefined)));
  });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: false });
}
