/** The console's session carries a notice for a year of the working calendar without a State Council notice, in the viewer's language. */
import { afterAll, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleRun } from '../support/console.ts';

describe('console: calendar notice', () => {
  const runs: ConsoleRun[] = [];
  afterAll(async () => {
    for (const r of runs) await r.cleanup();
  });

  it('in December 2026 names 2027 (statutory holidays only); in March 2026 says nothing', async () => {
    const december = await startConsole({ start: '2026-12-10T04:00:00Z' });
    runs.push(december);
    expect((await december.api('cs.li', '/api/session')).data.calendarNotice).toBe('2027 年日历仅含法定节假日，调休未知');
    expect((await december.api('cs.zhao', '/api/session')).data.calendarNotice).toBe('Calendar 2027: statutory holidays only, make-up days unknown');
    const march = await startConsole();
    runs.push(march);
    expect((await march.api('cs.li', '/api/session')).data.calendarNotice).toBeNull();
  });
});
