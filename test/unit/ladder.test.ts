import { describe, expect, it } from 'vitest';
import { filed, step, testConfig, testOrg } from '../support/org.ts';
import { nextStep, stepTime, stepsDue } from '../../src/workflows/ladder.ts';

const sh = (local: string) => new Date(`${local}+08:00`);

describe('the ladder', () => {
  const org = testOrg();
  const env = org.env('2026-03-02T02:00:00Z');
  const d = { kind: 'response' as const, startsAt: sh('2026-03-02T10:00:00'), dueAt: sh('2026-03-03T10:00:00') };

  it('reminder 4h before (held to working hours), notice at due, GM after 2 working hours', () => {
    expect(stepTime(d, 1, env)).toEqual(sh('2026-03-03T09:00:00')); // 06:00 held to 09:00
    expect(stepTime(d, 2, env)).toEqual(sh('2026-03-03T10:00:00'));
    expect(stepTime(d, 3, env)).toEqual(sh('2026-03-03T12:00:00'));
    expect(nextStep(d, 0, env)).toEqual({ step: 1, at: sh('2026-03-03T09:00:00') });
    expect(nextStep(d, 3, env)).toBeUndefined();
  });

  it('a late tick sends the notice and the escalation but not the stale reminder', () => {
    expect(stepsDue(d, 0, sh('2026-03-04T09:00:00'), env)).toEqual({ send: [2, 3], ladderStep: 3, nextStepAt: undefined });
    expect(stepsDue(d, 0, sh('2026-03-03T09:30:00'), env)).toEqual({ send: [1], ladderStep: 1, nextStepAt: sh('2026-03-03T10:00:00') });
  });

  it('ladders are configurable per grade, and a re-grade restarts the ladder on the new grade', () => {
    const config = testConfig();
    config.deadlines.laddersByGrade = { C: { response: { remindBefore: { hours: 8 }, graceBeforeGm: { hours: 1 } } } };
    const graded = testOrg(config);
    const cEnv = graded.env('2026-03-02T02:00:00Z');
    expect(stepTime(d, 1, cEnv, { grade: 'C' })).toEqual(sh('2026-03-03T09:00:00')); // 02:00 held
    expect(stepTime(d, 3, cEnv, { grade: 'C' })).toEqual(sh('2026-03-03T11:00:00'));
    expect(stepTime(d, 3, cEnv, { grade: 'A' })).toEqual(sh('2026-03-03T12:00:00'));

    const s = step(graded, filed(graded, '2026-03-02T02:00:00Z'), 'cs.li', 'regrade', { grade: 'C' }, '2026-03-02T03:00:00Z');
    const response = s.deadlines.find((x) => x.kind === 'response')!;
    // Grade C: response due 12h after receipt (Mon 22:00); its reminder 8h before, at 14:00.
    expect(response.dueAt).toEqual(sh('2026-03-02T22:00:00'));
    expect(response.nextStepAt).toEqual(sh('2026-03-02T14:00:00'));
    expect(response.ladderStep).toBe(0);
  });
});
