/**
 * Feishu does not deduplicate: an event may arrive twice (a retry, a second long connection). Each
 * event_id is claimed once in the database, so a repeat is dropped, across restarts too. The boundary
 * (events/index.ts) answers the user's mistakes and our own failures, so the claim stays; it is given up
 * only when the event could not be answered at all (Feishu's retry may then get through), not for a
 * malformed event (which would fail the same way again).
 */
import type { Interactions } from '../../interaction/index.ts';
import { MalformedEvent } from './parse.ts';

export function once<T>(io: Interactions, handler: (data: T & { event_id?: string }) => Promise<unknown>): (data: T & { event_id?: string }) => Promise<unknown> {
  return async (data) => {
    const id = data.event_id;
    if (!id) return handler(data);
    const key = `feishu:event:${id}`;
    if (!(await io.claimEvent(key))) return {}; // seen before
    try {
      return await handler(data);
    } catch (e) {
      if (!(e instanceof MalformedEvent)) await io.releaseEvent(key).catch(() => undefined);
      throw e;
    }
  };
}
