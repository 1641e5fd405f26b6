/**
 * Feishu does not deduplicate: an event may arrive twice (a retry, a second long connection). Each
 * event_id is claimed once in the database (Marker), so a repeat is dropped, across restarts too. The
 * handlers answer the user's mistakes and their own failures themselves, so the claim stays; it is
 * given up only when the event could not be answered at all (Feishu's retry may then get through),
 * not for a malformed event (which would fail the same way again).
 */
import type { Core } from '../boot.ts';
import { claimOnce, deleteMarker } from '../../store/markers.ts';
import { MalformedEvent } from './parse.ts';

export function once<T>(core: Core, handler: (data: T & { event_id?: string }) => Promise<unknown>): (data: T & { event_id?: string }) => Promise<unknown> {
  return async (data) => {
    const id = data.event_id;
    if (!id) return handler(data);
    const now = core.deps.clock.now();
    if (!(await claimOnce(core.deps.db, `feishu:event:${id}`, { owner: 'feishu', at: now }))) return {}; // seen before
    try {
      return await handler(data);
    } catch (e) {
      if (!(e instanceof MalformedEvent)) await deleteMarker(core.deps.db.prisma, `feishu:event:${id}`).catch(() => undefined);
      throw e;
    }
  };
}
