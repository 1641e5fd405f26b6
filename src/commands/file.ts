/** File a complaint: validate the form, number it, store it with its deadlines — once, even if the request repeats. */
import type { Deps } from './deps.ts';
import { lifecycleEnv } from './deps.ts';
import { runInTransaction } from '../store/client.ts';
import { notifyDecision } from './notify.ts';
import { withRepeatCheck } from './repeats.ts';
import { writeRepeatKey } from '../store/repeats.ts';
import { findBySourceKey, insertFiling, loadState, nextSequence } from '../store/complaints.ts';
import { buildFiling, formatNumber } from '../workflows/filing.ts';
import { filingSchema } from '../workflows/inputs.ts';
import type { Actor, ComplaintState } from '../workflows/model.ts';
import { parseOrThrow } from '../workflows/validation.ts';

export interface FileResult {
  state: ComplaintState;
  /** True when this request repeated an earlier one (same sourceKey) and nothing new was stored. */
  duplicate: boolean;
}

export async function fileComplaint(deps: Deps, actor: Actor, raw: Record<string, unknown>): Promise<FileResult> {
  const now = deps.clock.now();
  const env = lifecycleEnv(deps, now);
  const input = parseOrThrow(filingSchema(env.input), raw);
  const prefix = deps.config.organisation.numberPrefix;
  const year = Number(deps.calendar.localDate(now).slice(0, 4));

  if (input.sourceKey) {
    const existing = await findBySourceKey(deps.db.prisma, input.sourceKey);
    if (existing) return { state: existing, duplicate: true };
  }
  try {
    const state = await runInTransaction(deps.db, async (tx) => {
      const seq = await nextSequence(tx, `${prefix}-${year}`);
      const { sourceKey: _key, ...form } = raw;
      const built = { ...buildFiling(input, actor, { year, seq, number: formatNumber(prefix, year, seq) }, env), record: { action: 'file' as const, input: form } };
      // Earlier complaints that look like the same problem show on the card as possible repeats (issue 15 item 8).
      const decision = await withRepeatCheck(tx, deps, built, 'filing', now);
      await insertFiling(tx, decision, actor.id, input.sourceKey);
      await writeRepeatKey(tx, decision.complaint);
      const state = (await loadState(tx, decision.complaint.id))!;
      await notifyDecision(tx, deps, now, state, decision.events, actor.id);
      return state;
    });
    deps.afterCommit?.();
    return { state, duplicate: false };
  } catch (e) {
    // Two deliveries of one request raced past the check above: the loser rolled back (no number used).
    const existing = input.sourceKey ? await findBySourceKey(deps.db.prisma, input.sourceKey) : null;
    if (existing) return { state: existing, duplicate: true };
    throw e;
  }
}
