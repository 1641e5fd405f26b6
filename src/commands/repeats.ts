/** Repeat detection inside a filing's or an 8D's transaction: look up earlier complaints, add the suggestions to the decision. */
import type { Deps } from './deps.ts';
import type { Tx } from '../store/complaints.ts';
import { repeatCandidates } from '../store/repeats.ts';
import type { Decision } from '../workflows/lifecycle.ts';
import type { RepeatLink } from '../workflows/model.ts';
import { linkedIds, matchRepeats, subjectOf, suggestRepeats } from '../workflows/repeats.ts';

export async function withRepeatCheck(tx: Tx, deps: Deps, d: Decision, stage: RepeatLink['stage'], now: Date): Promise<Decision> {
  const policy = deps.config.repeats;
  if (!policy.enabled) return d;
  const subject = subjectOf(d.complaint);
  const matches = matchRepeats(subject, await repeatCandidates(tx, subject, policy.lookBackDays), policy, linkedIds(d.complaint));
  return matches.length ? suggestRepeats(d, { stage, candidates: matches }, now) : d;
}
