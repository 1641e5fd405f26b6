/**
 * Feishu does not deduplicate: an event may arrive twice (a retry, a second long connection). Each
 * event_id is claimed once in the database (Marker), so a repeat is dropped, across restarts too.
 */
import type { Core } from '../boot.ts';

export function once<T>(core: Core, handler: (data: T & { event_id?: string }) => Promise<unknown>): (data: T & { event_id?: string }) => Promise<unknown> {
  return async (data) => {
    const id = data.event_id;
    if (!id) return handler(data);
    const now = core.deps.clock.now();
    try {
      await core.deps.db.prisma.marker.create({ data: { key: `feishu:event:${id}`, owner: 'feishu', until: now, createdAt: now } });
    } catch (e) {
      if ((e as { code?: string }).code === 'P2002') return {}; // seen before
      throw e;
    }
    try {
      return await handler(data);
    } catch (e) {
      // Not handled after all: let Feishu's retry through.
      await core.deps.db.prisma.marker.deleteMany({ where: { key: `feishu:event:${id}` } }).catch(() => undefined);
      throw e;
    }
  };
}
