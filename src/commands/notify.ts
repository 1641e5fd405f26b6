/** Writing notifications to the outbox inside the caller's transaction, for every running platform. */
import type { Deps } from './deps.ts';
import type { Notification } from '../notifiers/notifications.ts';
import { decisionNotifications } from '../notifiers/notifications.ts';
import { addressesOf } from '../notifiers/targets.ts';
import type { Tx } from '../store/complaints.ts';
import { enqueue } from '../store/outbox.ts';
import type { ComplaintState } from '../workflows/model.ts';
import type { TimelineEntry } from '../workflows/lifecycle.ts';

export async function notify(tx: Tx, deps: Deps, now: Date, notes: Notification[]): Promise<number> {
  const platforms = deps.platforms ?? [];
  if (platforms.length === 0 || notes.length === 0) return 0;
  const items = notes.flatMap((n) => addressesOf(n.target, platforms, deps.directory, deps.config).map((to) => ({ n, to })));
  return enqueue(tx, now, items);
}

/** The notices a state change causes (see decisionNotifications), written with it. */
export function notifyDecision(tx: Tx, deps: Deps, now: Date, after: ComplaintState, events: TimelineEntry[], actorId: string): Promise<number> {
  return notify(tx, deps, now, decisionNotifications(after, events, actorId, { now, config: deps.config, directory: deps.directory }));
}
