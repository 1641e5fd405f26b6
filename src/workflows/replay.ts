/**
 * Replaying a complaint's timeline: every stored entry holds the request that caused it (action, input,
 * actor, time), so folding the lifecycle over the entries must give the stored state again. Pure.
 */
import { decide } from './decide.ts';
import { asState, buildFiling, type ComplaintNumber } from './filing.ts';
import { filingSchema } from './inputs.ts';
import type { LifecycleEnv } from './lifecycle.ts';
import type { Action, ComplaintState, TimelineEvent } from './model.ts';
import { parseOrThrow } from './validation.ts';
import { replaySuggestions } from './repeats.ts';
import { breachDecision } from './transitions/contact.ts';
import type { DeadlineKind } from '../config/schema.ts';

interface Recorded {
  action?: Action | 'file' | 'breach';
  input?: unknown;
  effects?: unknown;
}

/** The state the timeline's entries (one per accepted action, oldest first) lead to. Ids of new records come from `env.newId`. */
export function replay(entries: readonly TimelineEvent[], num: ComplaintNumber, envAt: (at: Date) => LifecycleEnv): ComplaintState {
  let state: ComplaintState | undefined;
  for (const entry of entries) {
    const { action, input, effects } = entry.data as Recorded;
    const env = envAt(entry.at);
    const actor = { id: entry.actorId, name: entry.actorId };
    if (action === 'file') {
      const filed = asState(buildFiling(parseOrThrow(filingSchema(env.input), input), actor, num, env));
      state = { ...filed, complaint: replaySuggestions(filed.complaint, effects, entry.at) };
      continue;
    }
    if (!state || !action) throw new Error(`timeline entry ${entry.seq} (${entry.type}) records no action`);
    const d =
      action === 'breach'
        ? breachDecision(state, (input as { deadline: DeadlineKind }).deadline, env)
        : decide(state, actor, action, input, env);
    if (!d) throw new Error(`timeline entry ${entry.seq} (${entry.type}) does not replay`);
    // Repeat suggestions came from the database at the time; the entry recorded them.
    const complaint = replaySuggestions(d.complaint, effects, entry.at);
    state = { complaint: { ...complaint, version: state.complaint.version + 1 }, deadlines: d.deadlines, approvals: d.approvals };
  }
  if (!state) throw new Error('empty timeline');
  return state;
}

/**
 * What replaying must reproduce: the record, its approvals (without ids) and its deadlines (without the
 * engine's ladder progress and breach marks, which the deadline engine writes between actions).
 */
export function replayable(s: ComplaintState): unknown {
  const { id: _id, order, ...rest } = s.complaint;
  // An order with no field set is stored as none.
  const complaint = order && Object.values(order).some((v) => v !== undefined) ? { ...rest, order } : rest;
  return JSON.parse(
    JSON.stringify({
      complaint,
      // In request order; requests of the same instant in a fixed order (stored ids differ from replayed ones).
      approvals: s.approvals
        .map(({ id: _a, ...a }) => a)
        .sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime() || JSON.stringify(a).localeCompare(JSON.stringify(b))),
      deadlines: [...s.deadlines]
        .sort((a, b) => a.kind.localeCompare(b.kind))
        .map(({ ladderStep: _l, nextStepAt: _n, breachedAt: _b, ...d }) => d),
    }),
  );
}
