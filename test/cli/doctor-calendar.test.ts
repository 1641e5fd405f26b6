/** `kesu doctor` through the real binary: which years of the working calendar lack a State Council notice, at a given clock. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kesu, tempWorkspace } from '../support/cli.ts';
import { FIXTURE_CONFIG } from '../support/org.ts';

const DECEMBER_2026 = '2026-12-10T04:00:00Z';

describe('kesu doctor: the working calendar', () => {
  const ws = tempWorkspace();
  afterAll(() => ws.cleanup());

  const calendarLine = (stdout: string) => stdout.split('\n').find((l) => / calendar: /.test(l));

  it('in December 2026 names 2027 as statutory holidays only, as a warning', async () => {
    const run = await kesu(['doctor', '--now', DECEMBER_2026], ws.env);
    expect(calendarLine(run.stdout), run.stdout + run.stderr).toBe(
      '! calendar: China holiday notices 2024–2026; 2027: statutory holidays only, make-up days unknown — add the notice under calendar: in the config (calendar.years)',
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const json = JSON.parse((await kesu(['doctor', '--json', '--now', DECEMBER_2026], ws.env)).stdout);
    expect(json.checks.find((c: { name: string }) => c.name === 'calendar')).toMatchObject({ ok: true, warning: true });
  });

  it('in March 2027 without the notice the check fails', async () => {
    const run = await kesu(['doctor', '--now', '2027-03-01T04:00:00Z'], ws.env);
    expect(calendarLine(run.stdout)).toMatch(/^✗ calendar: China holiday notices 2024–2026; 2027: statutory holidays only, make-up days unknown/);
    expect(run.code).toBe(1);
  });

  it('is green once the config has the 2027 notice under calendar.years', async () => {
    const config = join(ws.dir, 'with-2027.yaml');
    const notice = '  years:\n    2027:\n      holidays: ["2027-01-01..2027-01-03", "2027-02-05..2027-02-12"]\n      workdays: ["2027-02-20"]\n';
    writeFileSync(config, `${readFileSync(FIXTURE_CONFIG, 'utf8').replace(/\n?$/, '\n')}calendar:\n${notice}`);
    const run = await kesu(['doctor', '--now', DECEMBER_2026], { ...ws.env, KESU_CONFIG: config });
    expect(calendarLine(run.stdout), run.stdout + run.stderr).toBe('✓ calendar: China holiday notices 2024–2027');
    expect(run.code).toBe(0);
  });

  it('says that plain calendar.holidays dates do not cover the year', async () => {
    const config = join(ws.dir, 'loose-2027.yaml');
    writeFileSync(config, `${readFileSync(FIXTURE_CONFIG, 'utf8').replace(/\n?$/, '\n')}calendar:\n  holidays: ["2027-01-01", "2027-02-05"]\n`);
    const run = await kesu(['doctor', '--now', DECEMBER_2026], { ...ws.env, KESU_CONFIG: config });
    expect(calendarLine(run.stdout)).toContain('the 2027 dates under calendar.holidays/workdays count as company days; put the notice under calendar.years.2027 to cover the year');
  });

  it('refuses a --now that is not a time', async () => {
    const run = await kesu(['doctor', '--now', 'soon'], ws.env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--now');
  });
});
