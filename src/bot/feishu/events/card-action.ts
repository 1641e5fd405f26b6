/**
 * Card callbacks (card.action.trigger), answered within 3 seconds with a toast and, for forms, the card:
 * - a button on a shared complaint card: its form goes to the clicker by DM (the shared card stays);
 * - a form's submit: refused → the same form with each error under its field; done → a confirmation;
 * - a list item: the complaint, by DM.
 */
import { isAction, openForm, submitForm } from '../../../commands/forms.ts';
import { cardFor } from '../../../commands/present.ts';
import { show } from '../../../commands/query.ts';
import { isKesuError } from '../../../errors.ts';
import { formatError, translator } from '../../../notifiers/i18n/index.ts';
import { complaintCard, messageCard } from '../../../notifiers/render/feishu/card.ts';
import { formCard } from '../../../notifiers/render/feishu/form.ts';
import { FORM_IDS, type FormId } from '../../../notifiers/views/types.ts';
import type { Actor } from '../../../workflows/model.ts';
import type { FeishuContext, Handlers } from '../context.ts';
import { CardAction, formValues } from '../parse.ts';
import { sendCard } from '../reply.ts';

const toast = (type: 'info' | 'success' | 'error', content: string) => ({ toast: { type, content } });

export function register(handlers: Handlers, ctx: FeishuContext): void {
  handlers['card.action.trigger'] = async (data) => {
    const e = CardAction.parse(data);
    const actor = ctx.identity.actor(e.operator.open_id);
    const tr = translator();
    const locale = actor.locale!;
    const value = e.action.value;
    try {
      if (value.kesu === 'act') {
        if (!isAction(value.action)) return {};
        const form = await openForm(ctx.core.deps, actor, value.action, { complaint: value.complaint });
        await sendCard(ctx, { openId: e.operator.open_id }, formCard(form, { value: { complaint: value.complaint } }));
        return toast('info', tr.t(locale, 'commands.formSent'));
      }
      if (value.kesu === 'show') {
        const { state } = await show(ctx.core.deps, actor, value.number);
        const card = cardFor(ctx.core.deps, state, actor);
        await sendCard(ctx, { openId: e.operator.open_id }, complaintCard(card));
        return {};
      }
      return await submit(ctx, actor, e, value);
    } catch (err) {
      if (!isKesuError(err)) throw err;
      return toast('error', formatError(err, locale, { timeZone: ctx.core.config.organisation.timeZone }).message);
    }
  };
}

async function submit(ctx: FeishuContext, actor: Actor, e: CardAction, value: Extract<CardAction['action']['value'], { kesu: 'form' }>) {
  if (!(FORM_IDS as readonly string[]).includes(value.form)) return {};
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
