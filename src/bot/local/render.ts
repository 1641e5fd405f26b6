/** Console messages as HTML for one viewer (complaint cards drawn from the current state, with their timeline), and the console's replier. */
import type { Locale } from '../../config/schema.ts';
import type { ExportRange, Replier, ShownReply } from '../../interaction/index.ts';
import { translator } from '../../notifiers/i18n/index.ts';
import { renderForm } from '../../notifiers/render/html-form.ts';
import { escapeHtml, multiline, renderCard, renderList, renderMessage } from '../../notifiers/render/html.ts';
import { formatDateTime } from '../../notifiers/views/index.ts';
import type { Actor } from '../../workflows/model.ts';
import type { ConsoleContext } from './context.ts';
import type { ChatMessage } from './conversations.ts';

const bot = (locale: Locale) => translator().t(locale, 'console.botDm');

export async function renderChatMessage(ctx: ConsoleContext, viewer: Actor, m: ChatMessage): Promise<string> {
  const { io } = ctx;
  const locale = io.localeOf(viewer);
  const opts = { id: m.id, sender: bot(locale), atText: formatDateTime(m.at, io.config.organisation.timeZone) };
  const direct = m.conversation.startsWith('@');
  // Channels show a complaint's card once (its own message); a DM about a complaint shows it under the text.
  // A card left behind by a reassignment stays as delivered: where the complaint went, no buttons.
  const drawn = m.complaintId && (m.kind === 'card' || direct) && !m.view.card?.movedTo ? await io.draw(m.complaintId, viewer, { inChannel: !direct }) : undefined;
  // A message with a file (a signed statement to finance): its text and the file's download (fetched from /api/export).
  if (m.view.attachment) return renderMessage(m.view, { ...opts, bodyHtml: `<div class="text">${multiline(m.view.text)}${statementButton(m.view.attachment.statement, locale)}</div>` });
  if (!drawn) return renderMessage(m.view, opts);
  // Drawn now, for this viewer: their buttons, current deadlines; contact masked in channels.
  const { card, timeline } = drawn;
  // A notice about a complaint (an assignment, an approval request, a reminder) says what is new, then shows the card.
  if (m.kind !== 'card') return renderMessage(m.view, { ...opts, bodyHtml: `<div class="text">${multiline(m.view.text)}</div>${renderCard(card)}` });
  return renderMessage({ ...m.view, card }, { ...opts, timeline });
}

export async function renderConversation(ctx: ConsoleContext, viewer: Actor, conversation: string): Promise<string> {
  const parts = await Promise.all(ctx.conversations.list(conversation).map((m) => renderChatMessage(ctx, viewer, m)));
  return parts.join('');
}

export interface ConsoleAnswer {
  html: string;
  /** The answer is a form: the page opens it as a dialog. */
  form?: boolean;
}

/**
 * The console's replier: a command's answer, which only the asker sees (like Slack's ephemeral
 * messages), as the JSON the page shows; a form opens as a dialog, the tracking table as downloads.
 */
export function consoleReplier(ctx: ConsoleContext, viewer: Actor): { replier: Replier; answer(): ConsoleAnswer } {
  const locale = ctx.io.localeOf(viewer);
  const opts = { sender: bot(locale), note: translator().t(locale, 'console.onlyYou') };
  let answer: ConsoleAnswer = { html: '' };
  const shown = (reply: ShownReply): string => {
    switch (reply.type) {
      case 'list':
        return renderMessage({ text: reply.list.title }, { ...opts, bodyHtml: renderList(reply.list) });
      case 'complaint':
        return renderMessage({ text: reply.card.title }, { ...opts, bodyHtml: renderCard(reply.card, { timeline: reply.timeline, timelineOpen: true }) });
      case 'message':
        return renderMessage(reply.message, opts);
    }
  };
  const replier: Replier = {
    async form(form) {
      answer = { html: renderForm(form, form.id === 'file' ? { hidden: { sourceKey: newSourceKey() } } : {}), form: true };
    },
    async reply(reply) {
      answer = { html: shown(reply) };
    },
    async chart(message) {
      answer = { html: renderMessage(message, opts) }; // drawn inline as SVG
    },
    async export({ range, statement }) {
      answer = { html: renderMessage({ text: '' }, { ...opts, bodyHtml: statement ? statementDownload(statement, locale) : downloads(range, locale) }) };
    },
  };
  return { replier, answer: () => answer };
}

/** The tracking table offered as two downloads (the page fetches them from /api/export). */
function downloads(range: ExportRange, locale: Locale): string {
  const tr = translator();
  const { from, to, department } = range;
  const data = `data-from="${escapeHtml(from)}" data-to="${escapeHtml(to)}"${department ? ` data-dept="${escapeHtml(department)}"` : ''}`;
  return (
    `<div class="text">${escapeHtml(tr.t(locale, 'console.exportReady', { from, to }))}<div class="actions">` +
    `<button type="button" class="btn primary" data-export="xlsx" ${data}>${escapeHtml(tr.t(locale, 'console.downloadXlsx'))}</button>` +
    `<button type="button" class="btn" data-export="csv" ${data}>${escapeHtml(tr.t(locale, 'console.downloadCsv'))}</button></div></div>`
  );
}

/** The month's accountability statement offered as a download (the page fetches it from /api/export). */
function statementDownload(period: string, locale: Locale): string {
  const tr = translator();
  return (
    `<div class="text">${escapeHtml(tr.t(locale, 'accountability.ready', { period }))}${statementButton(period, locale)}</div>`
  );
}

function statementButton(period: string, locale: Locale): string {
  return `<div class="actions"><button type="button" class="btn primary" data-export="xlsx" data-statement="${escapeHtml(period)}">${escapeHtml(translator().t(locale, 'console.downloadXlsx'))}</button></div>`;
}

/** One filing form, one key: submitting it twice (a double click, a retry) files one complaint. */
export function newSourceKey(): string {
  return `local:${crypto.randomUUID()}`;
}
