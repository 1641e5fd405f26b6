/**
 * Every lifecycle action on an existing complaint (acknowledge, submit 8D, resolve, revisit, …) goes
 * through here: load, decide, write — in one transaction, retried when another action won the race,
 * so the loser gets the real reason ("already acknowledged by …") instead of a conflict.
 */
import type { Deps } from './deps.ts';
import { lifecycleEnv } from './deps.ts';
import { KesuError, isKesuError } from '../errors.ts';
import { runInTransaction } from '../store/client.ts';
import { notifyDecision } from './notify.ts';
import { applyDecision, loadState } from '../store/complaints.ts';
import { decide } from '../workflows/decide.ts';
import type { Decision } from '../workflows/lifecycle.ts';
import type { Action, Actor, ComplaintState } from '../workflows/model.ts';

const MAX_ATTEMPTS = 5;

export interface ActResult {
  before: ComplaintState;
  state: ComplaintState;
  decision: Decision;
}

export async function act(deps: Deps, actor: Actor, ref: string, action: Action, raw: unknown): Promise<ActResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await runInTransaction(deps.db, async (tx) => {
        const before = await loadState(tx, ref);
        if (!before) throw new KesuError('unknown_complaint', { ref });
        const now = deps.clock.now();
        const decision = decide(before, actor, action, raw, lifecycleEnv(deps, now));
        await applyDecision(tx, before, decision, actor.id);
        const state = (await loadState(tx, before.complaint.id))!;
        await notifyDecision(tx, deps, now, state, decision.events, actor.id);
        return { before, decision, state };
      });
      deps.afterCommit?.();
      return result;
    } catch (e) {
      if (!isKesuError(e, 'concurrent_update') || attempt >= MAX_ATTEMPTS) throw e;
    }
  }
}
