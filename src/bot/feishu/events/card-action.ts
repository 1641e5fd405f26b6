/**
 * Card callbacks (card.action.trigger), answered within 3 seconds with a toast and, for forms, the card:
 * - a button on a shared complaint card: its form goes to the clicker by DM (the shared card stays);
 * - a form's submit: refused → the same form with each error under its field; done → the card turns
 *   into the confirmation in place;
 * - a list item: the complaint, by DM; a list's page button: the same card at that page;
 * - a message's own button (the GM's Sign on a monthly statement): done, with a toast.
 * A refusal or failure is answered with a toast by the boundary (refusal.ts), a button that is not Kesu's too.
 */
import { KesuError } from '../../../errors.ts';
import { translator } from '../../../notifiers/i18n/index.ts';
import { complaintCard, messageCard } from '../../../notifiers/render/feishu/card.ts';
import { formCard } from '../../../notifiers/render/feishu/form.ts';
import { FORM_IDS, type FormId } from '../../../notifiers/views/types.ts';
import type { Actor } from '../../../workflows/model.ts';
import type { FeishuContext, Handlers } from '../context.ts';
import { CardAction, formValues, KesuValue, parseEvent } from '../parse.ts';
import { tasksCard } from '../../../notifiers/render/feishu/tasks.ts';
import { listPage, sendCard } from '../reply.ts';
import { toast } from './refusal.ts';

type Value<K extends KesuValue['kesu']> = Extract<KesuValue, { kesu: K }>;

/** Another app's card, or a value Kesu no longer knows: refused, and the value (not ours) is not logged. */
const foreign = (value: unknown) => new KesuError('foreign_button', { kind: typeof value === 'object' && value !== null ? String((value as { kesu?: unknown }).kesu ?? 'none') : typeof value });

export function register(handlers: Handlers, ctx: FeishuContext): void {
  handlers['card.action.trigger'] = async (data) => {
    const e = parseEvent('card.action.trigger', CardAction, data);
    const actor = ctx.identity.actor(e.operator.open_id);
    const parsed = KesuValue.safeParse(e.action.value);
    if (!parsed.success) throw foreign(e.action.value);
    const value = parsed.data;
    switch (value.kesu) {
      case 'act':
        return act(ctx, actor, e, value);
      case 'show':
        await sendCard(ctx, { openId: e.operator.open_id }, complaintCard((await ctx.io.show(actor, value.number)).card));
        return {};
      case 'page':
        return page(ctx, actor, value);
      case 'form':
        return submit(ctx, actor, e, value);
      case 'msg':
        // A message's own button (the GM's Sign): the answer as a toast; a refusal goes to the boundary.
        return toast('success', (await ctx.io.messageButton(actor, value.button, value.value)).text);
    }
  };
}

async function act(ctx: FeishuContext, actor: Actor, e: CardAction, value: Value<'act'>) {
  const form = await ctx.io.press(actor, value.action, value.complaint);
  await sendCard(ctx, { openId: e.operator.open_id }, formCard(form, { value: { complaint: value.complaint } }));
  return toast('info', translator().t(actor.locale!, 'commands.formSent'));
}

/** A list's page button: the list made again (it may have changed) and the card turned to that page. */
async function page(ctx: FeishuContext, actor: Actor, value: Value<'page'>) {
  if (value.list.kind === 'tasks') {
    const card = tasksCard(await ctx.io.tasks(actor), { page: value.page, pageValue: (page) => ({ kesu: 'page', list: value.list, page }) });
    return { card: { type: 'raw', data: card } };
  }
  const view = await ctx.io.listFor(actor, value.list.text);
  if (!view) return {};
  return { card: { type: 'raw', data: listPage(view, value.list, value.page) } };
}

async function submit(ctx: FeishuContext, actor: Actor, e: CardAction, value: Value<'form'>) {
  if (!(FORM_IDS as readonly string[]).includes(value.form)) throw foreign(value);
  const form = value.form as FormId;
  const values = { ...formValues(e.action.form_value), ...(value.sourceKey ? { sourceKey: value.sourceKey } : {}) };
  // One form card, one change: a repeated callback for the same card acts once.
  const requestKey = form === 'file' ? undefined : `feishu:form:${e.context?.open_message_id ?? e.event_id}`;
  const outcome = await ctx.io.submit(actor, form, values, { ...(value.complaint ? { complaint: value.complaint } : {}), ...(requestKey ? { requestKey } : {}) });
  if (!outcome.ok) {
    return { ...toast('error', outcome.message), card: { type: 'raw', data: formCard(outcome.form, { value: { complaint: value.complaint, sourceKey: value.sourceKey }, error: outcome.message }) } };
  }
  return { ...toast('success', outcome.message), card: { type: 'raw', data: messageCard({ text: outcome.message, tone: 'success' }) } };
}
