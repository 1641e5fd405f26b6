/**
 * A submitted Kesu modal (filing or an action). Validation problems go back beside their fields
 * (`response_action: errors`); a refusal no field explains (an illegal or lost race) re-renders the
 * modal with the reason on top. Done, the modal turns into the confirmation in place — no message is
 * sent, so a repeated delivery (the view id is the request key: it files or acts once) adds nothing.
 */
import type { App } from '@slack/bolt';
import { translator } from '../../../../notifiers/i18n/index.ts';
import { doneModal, modalErrors } from '../../../../notifiers/render/slack/modal.ts';
import type { SlackContext } from '../../context.ts';
import { formIdOf, formValues, modalMetadata } from '../../parse.ts';
import { modalFor } from '../../views.ts';

export function register(app: App, ctx: SlackContext): void {
  app.view({ callback_id: /^kesu:form:/, type: 'view_submission' }, async ({ ack, body, view }) => {
    const form = formIdOf(view.callback_id);
    if (!form) return ack();
    const meta = modalMetadata(view.private_metadata);
    const actor = await ctx.identity.actor(body.user.id);
    const outcome = await ctx.io.submit(actor, form, formValues(view.state.values), {
      requestKey: `slack:view:${view.id}`,
      ...(meta.complaint ? { complaint: meta.complaint } : {}),
    });
    if (!outcome.ok) {
      const errors = modalErrors(outcome.form);
      if (Object.keys(errors).length) return ack({ response_action: 'errors', errors });
      return ack({ response_action: 'update', view: modalFor(ctx.io.config.organisation.timeZone, outcome.form, meta, outcome.message) });
    }
    const close = translator().t(actor.locale!, 'forms.common.done');
    return ack({ response_action: 'update', view: doneModal(outcome.state.complaint.number, outcome.message, close) });
  });
}
