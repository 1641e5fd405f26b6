/** Writing notifications to the outbox inside the caller's transaction, for every running platform. */
import type { Deps } from './deps.ts';
import type { Notification } from '../notifiers/notifications.ts';
import { decisionNotifications } from '../notifiers/notifications.ts';
import { addressesOf, targetKey, type Address } from '../notifiers/targets.ts';
import type { Tx } from '../store/complaints.ts';
import { enqueue, type OutboxItem } from '../store/outbox.ts';
import type { ComplaintState } from '../workflows/model.ts';
import type { TimelineEntry } from '../workflows/lifecycle.ts';

export async function notify(tx: Tx, deps: Deps, now: Date, notes: Notification[]): Promise<number> {
  const platforms = deps.platforms ?? [];
  if (platforms.length === 0 || notes.length === 0) return 0;
  // One message per notification and address: a head told in person is not told again for a channel
  // without one; an address that gets a complaint's card gets no line about it besides.
  const seen = new Set<string>();
  const carded = new Set<string>();
  const place = (n: Notification, to: Address) => `${n.complaintId}|${to.platform}|${to.address}`;
  for (const n of notes) if (n.kind === 'card') for (const to of addressesOf(n.target, platforms, deps.directory, deps.config)) carded.add(place(n, to));
  const items = notes.flatMap((n) =>
    addressesOf(n.target, platforms, deps.directory, deps.config)
      .filter((to) => {
        const key = `${n.key}|${to.platform}|${to.address}`;
        if (n.kind === 'notice' && carded.has(place(n, to))) return false;
        return !seen.has(key) && seen.add(key);
      })
      .map((to) => outboxItem(n, to)),
  );
  return enqueue(tx, now, items);
}

/** A notification for one address as an outbox row: its dedupe key is the notification's key per recipient and place. */
export function outboxItem(n: Notification, to: Address): OutboxItem {
  const t = n.target;
  return {
    dedupeKey: `${n.key}:${targetKey(t)}:${to.platform}:${to.address}`,
    ...(n.complaintId ? { complaintId: n.complaintId } : {}),
    kind: n.kind,
    platform: to.platform,
    targetType: to.direct ? 'dm' : 'channel',
    targetId: t.type === 'person' ? t.id : t.type === 'department' ? t.key : t.type,
    address: to.address,
    payload: JSON.stringify(n.view),
  };
}

/** The notices a state change causes (see decisionNotifications), written with it. */
export function notifyDecision(tx: Tx, deps: Deps, now: Date, after: ComplaintState, events: TimelineEntry[], actorId: string): Promise<number> {
  return notify(tx, deps, now, decisionNotifications(after, events, actorId, { now, config: deps.config, directory: deps.directory }));
}
