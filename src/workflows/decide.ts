/**
 * The one entry point for actions on an existing complaint: parse the input, check state and
 * permission, and hand it to the action's handler.
 */
import { APPROVAL_KINDS, type Action, type Actor, type ApprovalKind, type ComplaintState } from './model.ts';
import { actionSchemas, type ActionSchemas } from './inputs.ts';
import { assertAllowed, type Decision, type LifecycleEnv } from './lifecycle.ts';
import { parseOrThrow } from './validation.ts';
import type { Handler } from './transitions/shared.ts';
import { acknowledge, comment, contain, extend, reassign, reject } from './transitions/handling.ts';
import { claim } from './transitions/money.ts';
import { regrade } from './transitions/regrade.ts';
import { approve, resolve, send8d, submit8d } from './transitions/solution.ts';
import { gmDecide, reopen, revisit } from './transitions/aftercare.ts';
import { linkRepeat } from './transitions/repeat.ts';
import { decideRecall, reportRecall } from './transitions/recall.ts';
import { contact, customerUnreachable, settleDelayNotice } from './transitions/contact.ts';

const HANDLERS: { [A in Action]: Handler<ReturnType<ActionSchemas[A]['parse']>> } = {
  acknowledge,
  reassign,
  extend,
  submit_8d: submit8d,
  approve,
  resolve,
  revisit,
  gm_decide: gmDecide,
  reject,
  reopen,
  regrade,
  claim,
  contain,
  send_8d: send8d,
  comment,
  link_repeat: linkRepeat,
  recall: reportRecall,
  recall_decide: decideRecall,
  contact,
  customer_unreachable: customerUnreachable,
};

export function decide(state: ComplaintState, actor: Actor, action: Action, raw: unknown, env: LifecycleEnv): Decision {
  // State and permission come first: a late click on a finished case gets the reason, not a form error.
  const approvalKind = action === 'approve' ? approvalKindOf(raw) : undefined;
  assertAllowed(state, action, actor, env, approvalKind);
  const input = parseOrThrow(actionSchemas(env.input)[action], raw ?? {});
  const handler = HANDLERS[action] as Handler<typeof input>;
  const decision = handler(state, actor, input, env);
  // Whatever met, moved or cancelled a deadline towards the customer: a delay notice nothing needs any more is dropped.
  settleDelayNotice(decision, env.now);
  return { ...decision, record: { action, input: raw ?? {} } };
}

function approvalKindOf(raw: unknown): ApprovalKind | undefined {
  const kind = (raw as { kind?: unknown } | null)?.kind;
  return (APPROVAL_KINDS as readonly unknown[]).includes(kind) ? (kind as ApprovalKind) : undefined;
}
