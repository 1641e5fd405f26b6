/** App Home: published when the user opens it, and again after changes (see the Slack platform's index.ts). */
import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.ts';
import { homeView } from '../../views.ts';

export async function publishHome(ctx: SlackContext, userId: string, client = ctx.client): Promise<void> {
  const actor = await ctx.identity.actor(userId);
  await client.views.publish({ user_id: userId, view: homeView(await ctx.io.home(actor)) });
}

export function register(app: App, ctx: SlackContext): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    ctx.homeViewers.add(event.user);
    await publishHome(ctx, event.user);
  });
}
