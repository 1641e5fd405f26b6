/**
 * Card callbacks (card.action.trigger), answered within 3 seconds with a toast and, for forms, the card:
 * - a button on a shared complaint card: its form goes to the clicker by DM (the shared card stays);
 * - a form's submit: refused → the same form with each error under its field; done → a confirmation;
 * - a list item: the complaint, by DM; a list's page button: the same card at that page.
 * Whatever goes wrong is answered with a toast (refusal.ts), a button that is not Kesu's too.
 */
import { isAction, openForm, submitForm } from '../../../commands/forms.ts';
import { cardFor, myTasks } from '../../../commands/present.ts';
import { show } from '../../../commands/query.ts';
import { runCommand } from '../../../commands/run-command.ts';
import { translator } from '../../../notifiers/i18n/index.ts';
import { complaintCard, messageCard } from '../../../notifiers/render/feishu/card.ts';
import { formCard } from '../../../notifiers/render/feishu/form.ts';
import { tasksCard } from '../../../notifiers/render/feishu/tasks.ts';
import { FORM_IDS, type FormId } from '../../../notifiers/views/types.ts';
import type { Actor } from '../../../workflows/model.ts';
import type { FeishuContext, Handlers } from '../context.ts';
import { CardAction, formValues, KesuValue, parseEvent } from '../parse.ts';
import { listPage, sendCard } from '../reply.ts';
import { foreignCardToast, refusalToast, toast } from './refusal.ts';

type Value<K extends KesuValue['kesu']> = Extract<KesuValue, { kesu: K }>;

export function register(handlers: Handlers, ctx: FeishuContext): void {
  handlers['card.action.trigger'] = async (data) => {
    const e = parseEvent('card.action.trigger', CardAction, data);
    const actor = ctx.identity.actor(e.operator.open_id);
    const locale = actor.locale!;
    const parsed = KesuValue.safeParse(e.action.value);
    if (!parsed.success) return foreignCardToast(ctx, e.action.value, e.operator.open_id, locale);
    const value = parsed.data;
    try {
      switch (value.kesu) {
        case 'act':
          return await act(ctx, actor, e, value);
        case 'show': {
          const { state } = await show(ctx.core.deps, actor, value.number);
          await sendCard(ctx, { openId: e.operator.open_id }, complaintCard(cardFor(ctx.core.deps, state, actor)));
          return {};
        }
        case 'page':
          return await page(ctx, actor, value);
        case 'form':
          return await submit(ctx, actor, e, value);
      }
    } catch (err) {
      return refusalToast(ctx, err, e.operator.open_id, locale);
    }
  };
}

async function act(ctx: FeishuContext, actor: Actor, e: CardAction, value: Value<'act'>) {
  if (!isAction(value.action)) return foreignCardToast(ctx, value, e.operator.open_id, actor.locale!);
  const form = await openForm(ctx.core.deps, actor, value.action, { complaint: value.complaint });
  await sendCard(ctx, { openId: e.operator.open_id }, formCard(form, { value: { complaint: value.complaint } }));
  return toast('info', translator().t(actor.locale!, 'commands.formSent'));
}

/** A list's page button: the list made again (it may have changed) and the card turned to that page. */
async function page(ctx: FeishuContext, actor: Actor, value: Value<'page'>) {
  if (value.list.kind === 'tasks') {
    const { tasks } = await myTasks(ctx.core.deps, actor);
    return { card: { type: 'raw', data: tasksCard(tasks, { page: value.page, pageValue: (page) => ({ kesu: 'page', list: value.list, page }) }) } };
  }
  const view = await commandList(ctx, actor, value.list.text);
  if (!view) return {};
  return { card: { type: 'raw', data: listPage(view, value.list, value.page) } };
}

async function commandList(ctx: FeishuContext, actor: Actor, text: string) {
  const reply = await runCommand(ctx.core.deps, actor, text, { command: '/complaint' });
  return reply.type === 'list' ? reply.list : undefined;
}

async function submit(ctx: FeishuContext, actor: Actor, e: CardAction, value: Value<'form'>) {
  if (!(FORM_IDS as readonly string[]).includes(value.form)) return foreignCardToast(ctx, value, e.operator.open_id, actor.locale!);
  const form = value.form as FormId;
  const values = { ...formValues(e.action.form_value), ...(value.sourceKey ? { sourceKey: value.sourceKey } : {}) };
  // One form card, one change: a repeated callback for the same card acts once.
  const requestKey = form === 'file' ? undefined : `feishu:form:${e.context?.open_message_id ?? e.event_id}`;
  const outcome = await submitForm(ctx.core.deps, actor, form, values, { ...(value.complaint ? { complaint: value.complaint } : {}), ...(requestKey ? { requestKey } : {}) });
  if (!outcome.ok) {
    return { ...toast('error', outcome.message), card: { type: 'raw', data: formCard(outcome.form, { value: { complaint: value.complaint, sourceKey: value.sourceKey }, error: outcome.message }) } };
  }
  return { ...toast('success', outcome.message), card: { type: 'raw', data: messageCard({ text: outcome.message, tone: 'success' }) } };
}
