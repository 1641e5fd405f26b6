/**
 * The bot menu (application.bot.menu_v6): "file a complaint" sends the filing form, "my tasks" the task
 * list (with page buttons) — both by DM, as is any refusal or failure (refusal.ts).
 */
import { openForm } from '../../../commands/forms.ts';
import { myTasks } from '../../../commands/present.ts';
import { tasksCard } from '../../../notifiers/render/feishu/tasks.ts';
import type { FeishuContext, Handlers } from '../context.ts';
import { MenuEvent, parseEvent } from '../parse.ts';
import { replyCard, sendCard } from '../reply.ts';
import { tellRefusal } from './refusal.ts';

export const MENU_KEYS = { file: 'kesu_file_complaint', tasks: 'kesu_my_tasks' } as const;

export function register(handlers: Handlers, ctx: FeishuContext): void {
  handlers['application.bot.menu_v6'] = async (data) => {
    const e = parseEvent('application.bot.menu_v6', MenuEvent, data);
    const openId = e.operator.operator_id.open_id;
    const actor = ctx.identity.actor(openId);
    try {
      if (e.event_key === MENU_KEYS.file) await sendCard(ctx, { openId }, replyCard({ type: 'form', form: await openForm(ctx.core.deps, actor, 'file') }));
      else if (e.event_key === MENU_KEYS.tasks) await sendCard(ctx, { openId }, tasksCard((await myTasks(ctx.core.deps, actor)).tasks, { pageValue: (page) => ({ kesu: 'page', list: { kind: 'tasks' }, page }) }));
    } catch (err) {
      await tellRefusal(ctx, err, openId, actor.locale!, 'application.bot.menu_v6');
    }
    return {};
  };
}
