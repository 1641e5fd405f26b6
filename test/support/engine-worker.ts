/**
 * A real engine process for the replica and crash tests: boots the core against DATABASE_URL, runs
 * tick + dispatch at KESU_TICK_AT until there is nothing left, and appends each delivery to
 * KESU_DELIVERY_LOG ("start <key>" before the platform call, "done <key>" after it).
 */
import { appendFileSync } from 'node:fs';
import { boot } from '../../src/bot/boot.ts';
import { tick } from '../../src/commands/tick.ts';
import { createDispatcher } from '../../src/notifiers/dispatcher.ts';
import type { Deliverer, OutboundMessage } from '../../src/notifiers/deliverer.ts';

const log = process.env.KESU_DELIVERY_LOG!;
const now = new Date(process.env.KESU_TICK_AT!);
const delayMs = Number(process.env.KESU_DELIVERY_DELAY_MS ?? 0);

const deliverer: Deliverer = {
  platform: 'local',
  perTargetPerSecond: 100_000,
  async deliver(m: OutboundMessage) {
    appendFileSync(log, `start ${m.dedupeKey}\n`);
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs * Math.random()));
    appendFileSync(log, `done ${m.dedupeKey}\n`);
    return { messageId: `${process.pid}:${m.id}` };
  },
};

const core = await boot({ migrate: false });
const deps = { ...core.deps, platforms: ['local'] as const };
const dispatcher = createDispatcher(core.deps.db, [deliverer], { owner: `worker:${process.pid}`, leaseMs: 2_000, clock: () => new Date(Math.max(now.getTime(), Date.now())) });
// Run until nothing is due and nothing is pending; rows leased by a killed process come back when
// their lease ends, so wait for those rather than exit.
let idle = 0;
while (idle < 3) {
  const t = await tick(deps, now);
  const d = await dispatcher.dispatch(new Date(Math.max(now.getTime(), Date.now())));
  const pending = await core.deps.db.prisma.outbox.count({ where: { status: 'pending' } });
  if (t.steps === 0 && d.sent === 0 && d.retried === 0) {
    if (pending === 0) idle++;
    else await new Promise((r) => setTimeout(r, 250));
  } else idle = 0;
}
await core.close();
