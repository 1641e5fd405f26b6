/**
 * POST /api/clock/advance { by: hour | day | morning }: the demo clock moves forward and the deadline
 * engine runs at the new time at once, so reminders, overdue notices and escalations arrive where they
 * would. The new time is kept (Marker) so a restart carries on from it.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { ConsoleContext } from '../context.ts';
import { viewerOf } from '../viewer.ts';
import { parseBody } from './body.ts';
import { clockInfo } from './session.ts';

const Body = z.object({ by: z.enum(['hour', 'day', 'morning']) });
const HOUR = 3_600_000;

export function register(app: Hono, ctx: ConsoleContext): void {
  // One move at a time: each runs the engine at its own new time, after what was running has finished.
  let queue: Promise<unknown> = Promise.resolve();

  async function advance(by: z.infer<typeof Body>['by']) {
    const { clock, engine } = ctx;
    await engine?.idle();
    if (by === 'hour') clock.advance(HOUR);
    else if (by === 'day') clock.advance(24 * HOUR);
    else clock.advanceTo(ctx.io.calendar.nextWorkingMorning(clock.now()));
    const now = clock.now();
    await ctx.io.saveClock(now, clock.offsetMs);
    const step = await engine?.runOnce();
    await engine?.idle();
    ctx.hub.publish({ type: 'clock', now: now.toISOString(), offsetMs: clock.offsetMs });
    return step;
  }

  app.post('/api/clock/advance', async (c) => {
    const viewer = viewerOf(c, ctx);
    const { by } = await parseBody(c, Body);
    const run = queue.then(() => advance(by));
    queue = run.catch(() => undefined);
    const step = await run;
    return c.json({ clock: clockInfo(ctx, viewer.locale!), steps: step?.tick.steps ?? 0, delivered: step?.delivered.sent ?? 0 });
  });
}
