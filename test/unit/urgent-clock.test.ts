/**
 * Urgent runs on the clock, not the calendar (issue 12 point 5, seed 001 §5.1: 24 hours, not 24
 * working hours). The response and containment ladders of an urgent complaint count calendar hours and
 * send through nights, weekends and holidays, held only out of the night window; everything else keeps
 * the working calendar. Pure functions at injected times; nothing sleeps.
 */
import { describe, expect, it } from 'vitest';
import { filed, testConfig, testOrg, type TestOrg } from '../support/org.ts';
import { nextStep, STEP_NAMES, stepsDue, stepTime, type LadderOptions } from '../../src/workflows/ladder.ts';
import { createCalendar } from '../../src/workflows/calendar.ts';
import type { DeadlineEnv } from '../../src/workflows/durations.ts';
import type { ComplaintState, Deadline } from '../../src/workflows/model.ts';

const sh = (local: string) => new Date(`${local}+08:00`);
/** 'MM-DD HH:mm' in Asia/Shanghai. */
const local = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(5, 16).replace('T', ' ');

/** Wednesday 30 September 2026, 17:00 in Shanghai; National Day (1–7 October) follows, 8 October is a working day. */
const EVE_OF_NATIONAL_DAY = '2026-09-30T09:00:00Z';

type Timed = Pick<Deadline, 'kind' | 'startsAt' | 'dueAt'>;

/**
 * The ladder as the engine walks it: one tick at each `nextStepAt`, logging what it sends, and
 * checking at every stop that `nextStepAt` is `nextStep(...).at`.
 */
function walk(d: Timed, env: DeadlineEnv, opts: LadderOptions): string[] {
  const log: string[] = [];
  let done = 0;
  for (let at = nextStep(d, 0, env, opts)?.at; at; ) {
    const r = stepsDue(d, done, at, env, opts);
    expect(r.nextStepAt).toEqual(nextStep(d, r.ladderStep, env, opts)?.at);
    for (const s of r.send) log.push(`${local(at)} ${STEP_NAMES[s]}`);
    done = r.ladderStep;
    at = r.nextStepAt;
  }
  return log;
}

const deadline = (s: ComplaintState, kind: Deadline['kind']) => s.deadlines.find((x) => x.kind === kind)!;

/** File at `at` and walk one of its ladders. */
function fileAndWalk(org: TestOrg, at: string, over: Record<string, unknown>, kind: Deadline['kind']) {
  const s = filed(org, at, { demand: 'apology', grade: 'A', ...over });
  const d = deadline(s, kind);
  const env = org.env(at);
  // The stored first step is the ladder's first step (the row invariant).
  expect(d.nextStepAt).toEqual(nextStep(d, 0, env, s.complaint)?.at);
  return { d, s, env, log: walk(d, env, s.complaint) };
}

describe('urgent response and containment ladders run on the clock', () => {
  const org = testOrg();

  it('issue 12: urgent, received 30 Sep 17:00 before National Day — reminder, notice and escalation all on 1 October', () => {
    const response = fileAndWalk(org, EVE_OF_NATIONAL_DAY, { urgent: true }, 'response');
    expect(response.d.dueAt).toEqual(sh('2026-10-01T17:00:00')); // 24 hours
    // Reminder 4 h before; notice at the due time; GM after the 2 working hours of grace, counted as 2 hours.
    expect(response.log).toEqual(['10-01 13:00 remind', '10-01 17:00 overdue', '10-01 19:00 escalate']);

    const containment = fileAndWalk(org, EVE_OF_NATIONAL_DAY, { urgent: true }, 'containment');
    expect(containment.d.dueAt).toEqual(sh('2026-10-01T17:00:00'));
    expect(containment.log).toEqual(['10-01 13:00 remind', '10-01 17:00 overdue', '10-01 19:00 escalate']);
  });

  it('issue 12: the same complaint, not urgent, still waits for the first working morning (8 October)', () => {
    const { d, log } = fileAndWalk(org, EVE_OF_NATIONAL_DAY, { urgent: false }, 'response');
    expect(d.dueAt).toEqual(sh('2026-10-01T17:00:00'));
    // The reminder, held to 8 Oct 09:00, would only go with the notice: dropped. Grace: 2 working hours.
    expect(log).toEqual(['10-08 09:00 overdue', '10-08 11:00 escalate']);
  });

  it('grade C (fixture: response in 12 hours) is due at 05:00, inside the night window: held to 07:00, not to 8 October', () => {
    const { d, log } = fileAndWalk(org, EVE_OF_NATIONAL_DAY, { urgent: true, demand: 'refund', grade: 'C' }, 'response');
    expect(d.dueAt).toEqual(sh('2026-10-01T05:00:00'));
    // Reminder 01:00 → held to 07:00, no earlier than the notice: dropped. Escalation 05:00 + 2 h = 07:00.
    expect(log).toEqual(['10-01 07:00 overdue', '10-01 07:00 escalate']);
  });

  it('with urgentIgnoresQuietHours the notice and the GM escalation go at once, in calendar time', () => {
    const config = testConfig();
    config.deadlines.urgentIgnoresQuietHours = true;
    const quiet = testOrg(config);
    expect(fileAndWalk(quiet, EVE_OF_NATIONAL_DAY, { urgent: true }, 'response').log).toEqual([
      '10-01 13:00 remind',
      '10-01 17:00 overdue',
      '10-01 19:00 escalate',
    ]);
    // Grade C: the notice at 05:00 itself (not held by the night window), the GM 2 hours later; the
    // reminder (01:00) is still held by the night window, so it is dropped.
    expect(fileAndWalk(quiet, EVE_OF_NATIONAL_DAY, { urgent: true, demand: 'refund', grade: 'C' }, 'response').log).toEqual([
      '10-01 05:00 overdue',
      '10-01 07:00 escalate',
    ]);
  });

  it('a grace in working days becomes 24 hours a day; an escalation in the night waits for 07:00 unless urgentIgnoresQuietHours', () => {
    const config = testConfig();
    config.deadlines.ladders.response = { remindBefore: { workingHours: 3 }, graceBeforeGm: { workdays: 1 } };
    const days = testOrg(config);
    expect(fileAndWalk(days, EVE_OF_NATIONAL_DAY, { urgent: true }, 'response').log).toEqual([
      '10-01 14:00 remind', // 3 working hours before → 3 hours
      '10-01 17:00 overdue',
      '10-02 17:00 escalate', // 1 working day → 24 hours (a working day later would be 8 October)
    ]);

    config.deadlines.ladders.response = { remindBefore: { hours: 4 }, graceBeforeGm: { hours: 6 } };
    expect(fileAndWalk(testOrg(config), EVE_OF_NATIONAL_DAY, { urgent: true }, 'response').log).toEqual([
      '10-01 13:00 remind',
      '10-01 17:00 overdue',
      '10-02 07:00 escalate', // 23:00 is in the night window
    ]);
    config.deadlines.urgentIgnoresQuietHours = true;
    expect(fileAndWalk(testOrg(config), EVE_OF_NATIONAL_DAY, { urgent: true }, 'response').log).toEqual([
      '10-01 13:00 remind',
      '10-01 17:00 overdue',
      '10-01 23:00 escalate',
    ]);
  });
});

describe('the night window', () => {
  const org = testOrg();
  const env = org.env(EVE_OF_NATIONAL_DAY);
  const urgent = { urgent: true, grade: 'A' } as const;
  /** Due 23:30 on Friday 2 October 2026, a National Day holiday. */
  const onHoliday: Timed = { kind: 'response', startsAt: sh('2026-10-01T23:30:00'), dueAt: sh('2026-10-02T23:30:00') };
  /** Due 23:30 on Tuesday 3 March 2026, a working day. */
  const onWorkday: Timed = { kind: 'containment', startsAt: sh('2026-03-02T23:30:00'), dueAt: sh('2026-03-03T23:30:00') };

  it('a step inside it goes at its end, 07:00 the next day — a holiday or not — not at 09:00 of the next working day', () => {
    expect(stepTime(onHoliday, 2, env, urgent)).toEqual(sh('2026-10-03T07:00:00'));
    expect(walk(onHoliday, env, urgent)).toEqual(['10-02 19:30 remind', '10-03 07:00 overdue', '10-03 07:00 escalate']);
    expect(stepTime(onWorkday, 2, env, urgent)).toEqual(sh('2026-03-04T07:00:00'));
    expect(walk(onWorkday, env, urgent)).toEqual(['03-03 19:30 remind', '03-04 07:00 overdue', '03-04 07:00 escalate']);
    // Not urgent: the working calendar.
    expect(walk(onHoliday, env, { grade: 'A' })).toEqual(['10-08 09:00 overdue', '10-08 11:00 escalate']);
    expect(walk(onWorkday, env, { grade: 'A' })).toEqual(['03-04 09:00 overdue', '03-04 11:00 escalate']);
  });

  it('`nightWindow: null` sends at any hour', () => {
    const config = testConfig();
    config.deadlines.urgent.nightWindow = null;
    const always = testOrg(config).env(EVE_OF_NATIONAL_DAY);
    expect(stepTime(onHoliday, 2, always, urgent)).toEqual(sh('2026-10-02T23:30:00'));
    expect(walk(onHoliday, always, urgent)).toEqual(['10-02 19:30 remind', '10-02 23:30 overdue', '10-03 01:30 escalate']);
  });

  it('is configurable, and need not wrap midnight', () => {
    const config = testConfig();
    config.deadlines.urgent.nightWindow = { start: '00:00', end: '06:00' };
    const short = testOrg(config).env(EVE_OF_NATIONAL_DAY);
    expect(walk(onHoliday, short, urgent)).toEqual(['10-02 19:30 remind', '10-02 23:30 overdue', '10-03 06:00 escalate']);
  });

  it('holdOutOfWindow: edges, wrapping, and daylight saving time in the org time zone', () => {
    const cal = createCalendar({ timeZone: 'Asia/Shanghai' });
    const night = { start: '22:00', end: '07:00' };
    expect(cal.holdOutOfWindow(sh('2026-10-02T21:59:59'), night)).toEqual(sh('2026-10-02T21:59:59'));
    expect(cal.holdOutOfWindow(sh('2026-10-02T22:00:00'), night)).toEqual(sh('2026-10-03T07:00:00'));
    expect(cal.holdOutOfWindow(sh('2026-10-03T00:00:00'), night)).toEqual(sh('2026-10-03T07:00:00'));
    expect(cal.holdOutOfWindow(sh('2026-10-03T06:59:59'), night)).toEqual(sh('2026-10-03T07:00:00'));
    expect(cal.holdOutOfWindow(sh('2026-10-03T07:00:00'), night)).toEqual(sh('2026-10-03T07:00:00'));
    expect(cal.holdOutOfWindow(sh('2026-10-03T12:00:00'), night)).toEqual(sh('2026-10-03T12:00:00'));
    expect(cal.holdOutOfWindow(sh('2026-10-03T23:00:00'), null)).toEqual(sh('2026-10-03T23:00:00'));
    expect(cal.holdOutOfWindow(sh('2026-10-03T23:00:00'), { start: '07:00', end: '07:00' })).toEqual(sh('2026-10-03T23:00:00'));

    // Berlin: summer time starts 29 March 2026 (02:00 → 03:00) and ends 25 October (03:00 → 02:00).
    const berlin = createCalendar({ timeZone: 'Europe/Berlin' });
    expect(berlin.holdOutOfWindow(new Date('2026-03-28T22:30:00+01:00'), night)).toEqual(new Date('2026-03-29T07:00:00+02:00'));
    expect(berlin.holdOutOfWindow(new Date('2026-03-29T01:30:00+01:00'), night)).toEqual(new Date('2026-03-29T07:00:00+02:00'));
    expect(berlin.holdOutOfWindow(new Date('2026-10-24T23:00:00+02:00'), night)).toEqual(new Date('2026-10-25T07:00:00+01:00'));
    expect(berlin.holdOutOfWindow(new Date('2026-10-25T02:30:00+01:00'), night)).toEqual(new Date('2026-10-25T07:00:00+01:00'));
  });
});

describe('everything else keeps the working calendar', () => {
  const org = testOrg();
  const env = org.env(EVE_OF_NATIONAL_DAY);

  it('the 8D ladder of an urgent complaint is the same as a non-urgent one', () => {
    const urgent = fileAndWalk(org, EVE_OF_NATIONAL_DAY, { urgent: true }, 'eightD');
    const plain = fileAndWalk(org, EVE_OF_NATIONAL_DAY, { urgent: false }, 'eightD');
    expect(urgent.d.dueAt).toEqual(sh('2026-10-15T17:00:00')); // 7 working days: Oct 8, 9, 10, 12, 13, 14, 15
    expect(urgent.d.nextStepAt).toEqual(plain.d.nextStepAt);
    expect(urgent.log).toEqual(plain.log);
    expect(urgent.log).toEqual(['10-14 17:00 remind', '10-15 17:00 overdue', '10-16 17:00 escalate']);
  });

  it('approval and revisit deadlines of an urgent complaint are held to working hours', () => {
    const approval: Timed = { kind: 'approval_claim', startsAt: sh('2026-09-30T17:00:00'), dueAt: sh('2026-10-01T17:00:00') };
    const revisit: Timed = { kind: 'revisit', startsAt: sh('2026-09-30T17:00:00'), dueAt: sh('2026-10-02T10:00:00') };
    for (const d of [approval, revisit]) {
      for (const step of [1, 2, 3] as const) {
        expect(stepTime(d, step, env, { urgent: true, grade: 'A' })).toEqual(stepTime(d, step, env, { grade: 'A' }));
      }
      expect(walk(d, env, { urgent: true, grade: 'A' })[0]).toMatch(/^10-08 09:00 /);
    }
  });

  it('a non-urgent response ladder on a working day is unchanged (reminder held to 09:00, GM after 2 working hours)', () => {
    const d: Timed = { kind: 'response', startsAt: sh('2026-03-02T10:00:00'), dueAt: sh('2026-03-03T10:00:00') };
    expect(walk(d, env, {})).toEqual(['03-03 09:00 remind', '03-03 10:00 overdue', '03-03 12:00 escalate']);
    const evening: Timed = { kind: 'response', startsAt: sh('2026-03-02T17:00:00'), dueAt: sh('2026-03-03T17:00:00') };
    expect(walk(evening, env, {})).toEqual(['03-03 13:00 remind', '03-03 17:00 overdue', '03-04 10:00 escalate']);
  });
});
