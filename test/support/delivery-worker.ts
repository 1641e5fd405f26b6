/**
 * A real delivery process for the replica tests: boots the core from its environment (Slack set up,
 * SLACK_API_URL at the test's fake), and delivers the outbox through the real Slack deliverer until
 * nothing is pending. KESU_PACE (messages per second per channel) and KESU_LEASE_MS scale Slack's
 * 1/s and the 60 s lease down together, so that rows wait longer than a lease as they do in production.
 */
import { boot } from '../../src/bot/boot.ts';
import { outboundDeliverers } from '../../src/bot/outbound.ts';
import { cardRenderer } from '../../src/commands/cards.ts';
import { RecordingDeliverer, type Deliverer } from '../../src/notifiers/deliverer.ts';
import { createDispatcher } from '../../src/notifiers/dispatcher.ts';

const core = await boot({ migrate: false });
const [slack] = outboundDeliverers(core, new RecordingDeliverer('local')) as [Deliverer];
const paced: Deliverer = {
  platform: slack.platform,
  perTargetPerSecond: Number(process.env.KESU_PACE ?? 1),
  deliver: (m) => slack.deliver(m),
  resolvePerson: (id) => slack.resolvePerson!(id),
};
const dispatcher = createDispatcher(core.deps.db, [paced], {
  owner: `replica:${process.pid}`,
  leaseMs: Number(process.env.KESU_LEASE_MS ?? 60_000),
  clock: () => new Date(),
  renderCard: cardRenderer(core.deps),
});
let idle = 0;
while (idle < 3) {
  const d = await dispatcher.dispatch(new Date());
  const pending = await core.deps.db.prisma.outbox.count({ where: { status: 'pending' } });
  if (pending === 0 && d.sent === 0) idle++;
  else if (d.sent === 0) await new Promise((r) => setTimeout(r, 100));
}
await core.close();
