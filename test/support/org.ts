/** A real organisation for tests (config fixture → directory, calendar), and pure lifecycle steps at chosen times. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../../src/config/load.ts';
import { createDirectory } from '../../src/config/directory.ts';
import type { OrgConfig } from '../../src/config/schema.ts';
import { createCalendar } from '../../src/workflows/calendar.ts';
import { lifecycleEnv, type Deps } from '../../src/commands/deps.ts';
import { decide } from '../../src/workflows/decide.ts';
import { asState, buildFiling, formatNumber } from '../../src/workflows/filing.ts';
import { filingSchema } from '../../src/workflows/inputs.ts';
import type { LifecycleEnv } from '../../src/workflows/lifecycle.ts';
import type { Action, ComplaintState } from '../../src/workflows/model.ts';
import { parseOrThrow } from '../../src/workflows/validation.ts';
import { ManualClock } from '../../src/clock.ts';
import type { Database } from '../../src/store/client.ts';

export const FIXTURE_CONFIG = fileURLToPath(new URL('../fixtures/config/org.yaml', import.meta.url));

export function testConfig(): OrgConfig {
  return parseConfig(readFileSync(FIXTURE_CONFIG, 'utf8'), 'org.yaml');
}

export interface TestOrg {
  config: OrgConfig;
  deps(db: Database, clock?: ManualClock): Deps;
  env(at: string | Date): LifecycleEnv;
}

export function testOrg(config = testConfig()): TestOrg {
  const directory = createDirectory(config);
  const calendar = createCalendar({
    timeZone: config.organisation.timeZone,
    workingHours: config.organisation.workingHours,
    overrides: config.calendar,
  });
  let ids = 0;
  const base = { config, directory, calendar, newId: () => `id-${++ids}` };
  return {
    config,
    deps: (db, clock = new ManualClock('2026-03-02T02:00:00Z')) => ({ ...base, db, clock }),
    env: (at) => lifecycleEnv({ ...base, db: undefined as never, clock: new ManualClock(at) }, new Date(at)),
  };
}

export const actor = (id: string) => ({ id, name: id });

/** A valid filing form, overridable field by field. */
export function filingForm(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '阀体尺寸超差',
    description: '客户反馈第 3 批阀体内径超出公差 0.05 mm，影响装配。',
    // An apology is grade A by the demand (seed 002); tests of B/C and of returns say so.
    demand: 'apology',
    customerName: '张伟',
    customerCompany: '宁波东方阀门有限公司',
    customerContact: '13812345678',
    intakeChannel: 'phone',
    category: 'product_quality',
    ...over,
  };
}

/** File a complaint purely (no database) at `at`. */
export function filed(org: TestOrg, at: string, over: Record<string, unknown> = {}, by = 'cs.li', seq = 1): ComplaintState {
  const env = org.env(at);
  const input = parseOrThrow(filingSchema(env.input), filingForm(over));
  const year = Number(env.calendar.localDate(env.now).slice(0, 4));
  return asState(buildFiling(input, actor(by), { year, seq, number: formatNumber('KS', year, seq) }, env));
}

/** Take one action purely at `at` and return the next state. */
export function step(org: TestOrg, state: ComplaintState, by: string, action: Action, input: unknown, at: string): ComplaintState {
  const d = decide(state, actor(by), action, input, org.env(at));
  return { complaint: { ...d.complaint, version: d.complaint.version + 1 }, deadlines: d.deadlines, approvals: d.approvals };
}
