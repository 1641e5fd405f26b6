/**
 * A submitted Kesu modal (filing or an action). Validation problems go back beside their fields
 * (`response_action: errors`); a refusal no field explains (an illegal or lost race) re-renders the
 * modal with the reason on top. The view id is the request key, so a repeated delivery files or acts once.
 */
import type { App } from '@slack/bolt';
import { submitForm } from '../../../../commands/forms.ts';
import { textPayload } from '../../../../notifiers/render/slack/blocks.ts';
import { modalErrors } from '../../../../notifiers/render/slack/modal.ts';
import type { SlackContext } from '../../context.ts';
import { formIdOf, formValues, modalMetadata } from '../../parse.ts';
import { modalFor } from '../../views.ts';

export function register(app: App, ctx: SlackContext): void {
  app.view({ callback_id: /^kesu:form:/, type: 'view_submission' }, async ({ ack, body, view, client }) => {
    const form = formIdOf(view.callback_id);
    if (!form) return ack();
    const meta = modalMetadata(view.private_metadata);
    const actor = await ctx.identity.actor(body.user.id);
    const outcome = await submitForm(ctx.core.deps, actor, form, formValues(view.state.values), {
      requestKey: `slack:view:${view.id}`,
      ...(meta.complaint ? { complaint: meta.complaint } : {}),
    });
    if (!outcome.ok) {
      const errors = modalErrors(outcome.form);
      if (Object.keys(errors).length) return ack({ response_action: 'errors', errors });
      return ack({ response_action: 'update', view: modalFor(ctx, outcome.form, meta, outcome.message) });
    }
    await ack();
    if (outcome.duplicate && form !== 'file') return; // a repeated delivery: confirmed the first time
    const { text } = textPayload(outcome.message);
    // Where the command was typed, if the app may post there; otherwise (not in that channel, a DM between people) by DM.
    const ephemeral = meta.channel ? await client.chat.postEphemeral({ channel: meta.channel, user: body.user.id, text }).catch(() => undefined) : undefined;
    if (!ephemeral?.ok) await client.chat.postMessage({ channel: body.user.id, text });
  });
}
