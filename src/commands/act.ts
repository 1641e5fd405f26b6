/**
 * Every lifecycle action on an existing complaint (acknowledge, submit 8D, resolve, revisit, …) goes
 * through here: load, decide, write — in one transaction, retried when another action won the race,
 * so the loser gets the real reason ("already acknowledged by …") instead of a conflict.
 * A `requestKey` (a platform's delivery id: a Slack view id, a Feishu event id) makes a repeated
 * delivery of the same request a no-op that answers with the current state.
 */
import type { Deps } from './deps.ts';
import { lifecycleEnv } from './deps.ts';
import { KesuError, isKesuError } from '../errors.ts';
import { runInTransaction } from '../store/client.ts';
import { createMarker, isUniqueViolation, readMarker } from '../store/markers.ts';
import { notifyDecision } from './notify.ts';
import { withRepeatCheck } from './repeats.ts';
import { applyDecision, loadState } from '../store/complaints.ts';
import { decide } from '../workflows/decide.ts';
import type { Decision } from '../workflows/lifecycle.ts';
import type { Action, Actor, ComplaintState } from '../workflows/model.ts';

const MAX_ATTEMPTS = 5;

export type ActResult =
  | { duplicate: false; before: ComplaintState; state: ComplaintState; decision: Decision }
  /** The same request was carried out before: nothing new was written. */
  | { duplicate: true; state: ComplaintState };

export interface ActOptions {
  /** Unique per request across deliveries and restarts; kept with the change in the same transaction. */
  requestKey?: string;
}

export async function act(deps: Deps, actor: Actor, ref: string, action: Action, raw: unknown, opts: ActOptions = {}): Promise<ActResult> {
  const key = opts.requestKey ? `request:${opts.requestKey}` : undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await runInTransaction(deps.db, async (tx): Promise<ActResult> => {
        const before = await loadState(tx, ref);
        if (!before) throw new KesuError('unknown_complaint', { ref });
        if (key && (await readMarker(tx, key))) return { duplicate: true, state: before };
        const now = deps.clock.now();
        const decided = decide(before, actor, action, raw, lifecycleEnv(deps, now));
        // The root cause (D4) may show the earlier complaints with the same problem (issue 15 item 8).
        const decision = action === 'submit_8d' ? await withRepeatCheck(tx, deps, decided, 'd4', now) : decided;
        await applyDecision(tx, before, decision, actor.id);
        if (key) await createMarker(tx, key, { owner: actor.id, until: now, createdAt: now });
        const state = (await loadState(tx, before.complaint.id))!;
        await notifyDecision(tx, deps, now, state, decision.events, actor.id);
        return { duplicate: false, before, decision, state };
      });
      if (!result.duplicate) deps.afterCommit?.();
      return result;
    } catch (e) {
      // A concurrent delivery of the same request wrote its key first: the next attempt answers "duplicate".
      const retry = isKesuError(e, 'concurrent_update') || (key !== undefined && isUniqueViolation(e));
      if (!retry || attempt >= MAX_ATTEMPTS) throw e;
    }
  }
}
