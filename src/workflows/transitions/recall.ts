/** Recalls (seed 001 §6.9): other shipped batches with the same defect are reported, and the GM decides. */
import { addDuration } from '../durations.ts';
import { startDeadline } from '../deadlines.ts';
import type { ActionInput } from '../inputs.ts';
import type { Decision, LifecycleEnv } from '../lifecycle.ts';
import type { Actor, Recall, RecallSeverity } from '../model.ts';
import { draft, event, meet, replaceDeadline, type Handler } from './shared.ts';

export interface RecallReport {
  batches: string;
  orders?: string;
  quantity?: number;
  severity: RecallSeverity;
  note?: string;
}

/** Record a recall report on the decision and start the GM's decision deadline (a new round after an earlier decision). */
export function recordRecall(d: Decision, actor: Pick<Actor, 'id'>, report: RecallReport, env: LifecycleEnv): void {
  const recall: Recall = {
    reportedBy: actor.id,
    reportedAt: env.now.toISOString(),
    batches: report.batches,
    severity: report.severity,
    ...(report.orders !== undefined ? { orders: report.orders } : {}),
    ...(report.quantity !== undefined ? { quantity: report.quantity } : {}),
    ...(report.note !== undefined ? { note: report.note } : {}),
  };
  d.complaint.recall = recall;
  const due = addDuration(env.now, env.policy.recallDecision, env.calendar);
  replaceDeadline(d, startDeadline('recall_decision', env.now, due, env, d.complaint), env.now);
  event(d, 'recall_reported', { ...report, dueAt: due.toISOString() });
}

export const reportRecall: Handler<ActionInput<'recall'>> = (state, actor, input, env) => {
  const d = draft(state, env);
  recordRecall(d, actor, input, env);
  return d;
};

export const decideRecall: Handler<ActionInput<'recall_decide'>> = (state, actor, input, env) => {
  const d = draft(state, env);
  const decision =
    input.outcome === 'recall'
      ? { outcome: input.outcome, scope: input.scope, ...(input.quantity !== undefined ? { quantity: input.quantity } : {}), ...(input.customers ? { customers: input.customers } : {}) }
      : { outcome: input.outcome, reason: input.reason };
  d.complaint.recall = { ...state.complaint.recall!, decision: { by: actor.id, at: env.now.toISOString(), ...decision } };
  event(d, 'recall_decided', { ...decision, reportedBy: state.complaint.recall!.reportedBy });
  meet(d, 'recall_decision', env.now);
  return d;
};
