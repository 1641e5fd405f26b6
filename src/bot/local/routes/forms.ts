/**
 * POST /api/forms/open { form, complaint? }: a form as a dialog (refused at once, with the reason, when
 * the viewer may not take that step now). POST /api/forms/submit { form, complaint?, values }: file or
 * act; a refusal returns the same form with each error beside its field and nothing written.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { translator } from '../../../notifiers/i18n/index.ts';
import { renderForm } from '../../../notifiers/render/html-form.ts';
import { escapeHtml, multiline, renderMessage } from '../../../notifiers/render/html.ts';
import { localChannels } from '../../../notifiers/targets.ts';
import type { Locale } from '../../../config/schema.ts';
import { FORM_IDS } from '../../../notifiers/views/types.ts';
import type { ConsoleContext } from '../context.ts';
import { newSourceKey } from '../render.ts';
import { viewerOf } from '../viewer.ts';
import { parseBody } from './body.ts';

const Open = z.object({ form: z.enum(FORM_IDS), complaint: z.string().max(100).optional() });
const Submit = Open.extend({
  values: z.record(z.string(), z.union([z.string().max(10_000), z.boolean(), z.array(z.string().max(200)).max(50)])),
});

/** A link to the complaint's card in its department's channel (the page scrolls to it and highlights it). */
function cardLink(ctx: ConsoleContext, number: string, department: string, locale: Locale): string {
  const channel = `#${department}`;
  if (!localChannels(ctx.io.config).some((ch) => ch.id === channel)) return '';
  const name = `#${ctx.io.directory.departmentName(department, locale)}`;
  const href = `#/c/${encodeURIComponent(channel)}?card=${encodeURIComponent(number)}`;
  return `<div class="actions"><a class="btn small" href="${escapeHtml(href)}" data-card-link="${escapeHtml(number)}">${escapeHtml(translator().t(locale, 'console.openCard', { channel: name }))}</a></div>`;
}

export function register(app: Hono, ctx: ConsoleContext): void {
  app.post('/api/forms/open', async (c) => {
    const viewer = viewerOf(c, ctx);
    const { form, complaint } = await parseBody(c, Open);
    const view = form === 'file' ? await ctx.io.filingForm(viewer) : await ctx.io.press(viewer, form, complaint ?? '');
    return c.json({ html: renderForm(view, form === 'file' ? { hidden: { sourceKey: newSourceKey() } } : {}) });
  });

  app.post('/api/forms/submit', async (c) => {
    const viewer = viewerOf(c, ctx);
    const { form, complaint, values } = await parseBody(c, Submit);
    const outcome = await ctx.io.submit(viewer, form, values, complaint ? { complaint } : {});
    if (!outcome.ok) {
      const hidden = form === 'file' && typeof values.sourceKey === 'string' ? { sourceKey: values.sourceKey } : undefined;
      return c.json({ ok: false, code: outcome.code, html: renderForm(outcome.form, { error: outcome.message, ...(hidden ? { hidden } : {}) }) }, 422);
    }
    const locale = viewer.locale!;
    const { number, department } = outcome.state.complaint;
    const body = `<div class="text">${multiline(outcome.message)}${cardLink(ctx, number, department, locale)}</div>`;
    const html = renderMessage({ text: outcome.message, tone: 'success' }, { sender: translator().t(locale, 'console.botDm'), note: translator().t(locale, 'console.onlyYou'), bodyHtml: body });
    return c.json({ ok: true, number: outcome.state.complaint.number, status: outcome.state.complaint.status, html });
  });
}
