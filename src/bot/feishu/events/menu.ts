/** The bot menu (application.bot.menu_v6): "file a complaint" sends the filing form, "my tasks" the task list (with page buttons) — both by DM. */
import type { FeishuContext, Handlers } from '../context.ts';
import { MenuEvent, parseEvent } from '../parse.ts';
import { tasksCard } from '../../../notifiers/render/feishu/tasks.ts';
import { replyCard, sendCard } from '../reply.ts';

export const MENU_KEYS = { file: 'kesu_file_complaint', tasks: 'kesu_my_tasks' } as const;

export function register(handlers: Handlers, ctx: FeishuContext): void {
  handlers['application.bot.menu_v6'] = async (data) => {
    const e = parseEvent('application.bot.menu_v6', MenuEvent, data);
    const openId = e.operator.operator_id.open_id;
    const actor = ctx.identity.actor(openId);
    if (e.event_key === MENU_KEYS.file) await sendCard(ctx, { openId }, replyCard({ type: 'form', form: await ctx.io.filingForm(actor) }));
    else if (e.event_key === MENU_KEYS.tasks) {
      await sendCard(ctx, { openId }, tasksCard(await ctx.io.tasks(actor), { pageValue: (page) => ({ kesu: 'page', list: { kind: 'tasks' }, page }) }));
    }
    return {};
  };
}
