/** Console messages as HTML for one viewer: complaint cards drawn from the current state, with their timeline. */
import type { Locale } from '../../config/schema.ts';
import { cardFor, localeOf, timelineFor } from '../../commands/present.ts';
import type { CommandReply } from '../../commands/run-command.ts';
import { translator } from '../../notifiers/i18n/index.ts';
import { renderForm } from '../../notifiers/render/html-form.ts';
import { escapeHtml, multiline, renderCard, renderList, renderMessage } from '../../notifiers/render/html.ts';
import { formatDateTime } from '../../notifiers/views/index.ts';
import { loadState } from '../../store/complaints.ts';
import type { Actor } from '../../workflows/model.ts';
import type { ConsoleContext } from './context.ts';
import type { ChatMessage } from './conversations.ts';

const bot = (locale: Locale) => translator().t(locale, 'console.botDm');

export async function renderChatMessage(ctx: ConsoleContext, viewer: Actor, m: ChatMessage): Promise<string> {
  const { deps, config } = ctx.core;
  const locale = localeOf(ctx.core.deps, viewer);
  const opts = { id: m.id, sender: bot(locale), atText: formatDateTime(m.at, config.organisation.timeZone) };
  const direct = m.conversation.startsWith('@');
  // Channels show a complaint's card once (its own message); a DM about a complaint shows it under the text.
  const state = m.complaintId && (m.kind === 'card' || direct) ? await loadState(deps.db.prisma, m.complaintId) : null;
  if (!state) return renderMessage(m.view, opts);
  // Drawn now, for this viewer: their buttons, current deadlines; contact masked in channels.
  const card = cardFor(deps, state, viewer, { inChannel: !direct });
  // A notice about a complaint (an assignment, an approval request, a reminder) says what is new, then shows the card.
  if (m.kind !== 'card') return renderMessage(m.view, { ...opts, bodyHtml: `<div class="text">${multiline(m.view.text)}</div>${renderCard(card)}` });
  return renderMessage({ ...m.view, card }, { ...opts, timeline: await timelineFor(deps, state, locale) });
}

export async function renderConversation(ctx: ConsoleContext, viewer: Actor, conversation: string): Promise<string> {
  const parts = await Promise.all(ctx.conversations.list(conversation).map((m) => renderChatMessage(ctx, viewer, m)));
  return parts.join('');
}

/** A command's answer, which only the asker sees (like Slack's ephemeral messages); a form opens as a dialog. */
export function renderReply(ctx: ConsoleContext, viewer: Actor, reply: CommandReply): { html: string; form?: boolean } {
  const locale = localeOf(ctx.core.deps, viewer);
  const opts = { sender: bot(locale), note: translator().t(locale, 'console.onlyYou') };
  switch (reply.type) {
    case 'form':
      return { html: renderForm(reply.form, reply.form.id === 'file' ? { hidden: { sourceKey: newSourceKey() } } : {}), form: true };
    case 'list':
      return { html: renderMessage({ text: reply.list.title }, { ...opts, bodyHtml: renderList(reply.list) }) };
    case 'complaint':
      return { html: renderMessage({ text: reply.card.title }, { ...opts, bodyHtml: renderCard(reply.card, { timeline: reply.timeline, timelineOpen: true }) }) };
    case 'message':
      return { html: renderMessage(reply.message, opts) };
    case 'export': {
      const tr = translator();
      const { from, to, department } = reply.range;
      const data = `data-from="${escapeHtml(from)}" data-to="${escapeHtml(to)}"${department ? ` data-dept="${escapeHtml(department)}"` : ''}`;
      const body =
        `<div class="text">${escapeHtml(tr.t(locale, 'console.exportReady', { from, to }))}<div class="actions">` +
        `<button type="button" class="btn primary" data-export="xlsx" ${data}>${escapeHtml(tr.t(locale, 'console.downloadXlsx'))}</button>` +
        `<button type="button" class="btn" data-export="csv" ${data}>${escapeHtml(tr.t(locale, 'console.downloadCsv'))}</button></div></div>`;
      return { html: renderMessage({ text: '' }, { ...opts, bodyHtml: body }) };
    }
  }
}

/** One filing form, one key: submitting it twice (a double click, a retry) files one complaint. */
export function newSourceKey(): string {
  return `local:${crypto.randomUUID()}`;
}
