/**
 * HTML renderer of the neutral views, for the local web console. Pure string building; every text
 * from a view is escaped here, so user input can never become markup. The console's script finds
 * buttons and cards by their data- attributes.
 */
import type { CardView, ChartView, DeadlineLine, ListView, MessageView, TimelineView } from '../views/types.ts';
import { CHART_HEIGHT, CHART_WIDTH, chartSvg } from './chart.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Escaped text with its line breaks kept. */
export function multiline(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

const attr = (name: string, value: string | undefined) => (value === undefined ? '' : ` ${name}="${escapeHtml(value)}"`);

/** A running deadline, marked up as the card, the list and the task list show it. */
export function deadline(d: DeadlineLine): string {
  return (
    `<li class="deadline state-${d.state}" data-deadline="${d.kind}">` +
    `<span class="deadline-label">${escapeHtml(d.label)}</span>` +
    `<span class="deadline-due">${escapeHtml(d.dueText)}</span>` +
    `<span class="deadline-left">${escapeHtml(d.timeLeftText)}</span></li>`
  );
}

export interface CardOptions {
  /** Shown folded under the card (the console's stand-in for a message thread). */
  timeline?: TimelineView;
  /** Open the timeline by default. */
  timelineOpen?: boolean;
}

export function renderCard(card: CardView, opts: CardOptions = {}): string {
  const fields = card.fields
    .map((f) => `<div class="field-row${f.short ? ' short' : ''}"><dt>${escapeHtml(f.label)}</dt><dd>${multiline(f.value)}</dd></div>`)
    .join('');
  const buttons = card.actions
    .map((a) => `<button type="button" class="btn ${a.style}" data-action="${a.action}" data-complaint="${escapeHtml(a.value)}">${escapeHtml(a.label)}</button>`)
    .join('');
  return (
    `<article class="card tone-${card.tone}" data-complaint="${escapeHtml(card.complaintId)}" data-number="${escapeHtml(card.number)}" data-status="${card.status}">` +
    `<header><span class="card-number">${escapeHtml(card.number)}</span> <strong class="card-title">${escapeHtml(card.title)}</strong>` +
    ` <span class="badge status-${card.status}">${escapeHtml(card.statusLabel)}</span>${card.urgent ? ' <span class="badge urgent">!</span>' : ''}</header>` +
    `<p class="card-summary">${multiline(card.summary)}</p>` +
    (fields ? `<dl class="card-fields">${fields}</dl>` : '') +
    (card.deadlines.length ? `<ul class="deadlines">${card.deadlines.map(deadline).join('')}</ul>` : '') +
    (buttons ? `<div class="actions">${buttons}</div>` : '') +
    (card.footer ? `<footer>${escapeHtml(card.footer)}</footer>` : '') +
    (opts.timeline ? renderTimeline(opts.timeline, opts.timelineOpen) : '') +
    `</article>`
  );
}

export function renderTimeline(view: TimelineView, open = false): string {
  const items = view.items
    .map((i) => `<li><time>${escapeHtml(i.atText)}</time> <span class="who">${escapeHtml(i.actor)}</span> <span class="what">${multiline(i.text)}</span></li>`)
    .join('');
  return `<details class="timeline"${open ? ' open' : ''}><summary>${escapeHtml(view.title)} (${view.items.length})</summary><ol>${items}</ol></details>`;
}

export function renderList(view: ListView): string {
  if (view.items.length === 0) return `<div class="list empty"><h3>${escapeHtml(view.title)}</h3><p>${escapeHtml(view.emptyText ?? '')}</p></div>`;
  const rows = view.items
    .map(
      (i) =>
        `<li class="${i.overdue ? 'overdue' : ''}" data-number="${escapeHtml(i.number)}">` +
        `<button type="button" class="link" data-show="${escapeHtml(i.number)}">${escapeHtml(i.number)}</button>` +
        ` <span class="list-title">${escapeHtml(i.title)}</span> <span class="badge">${escapeHtml(i.statusLabel)}</span>` +
        ` <span class="list-dept">${escapeHtml(i.department)}</span>` +
        (i.deadlines?.length
          ? `<ul class="deadlines">${i.deadlines.map(deadline).join('')}</ul>`
          : i.dueText
            ? ` <span class="list-due">${escapeHtml(i.dueText)}</span>`
            : '') +
        `</li>`,
    )
    .join('');
  return `<div class="list"><h3>${escapeHtml(view.title)}</h3><ul>${rows}</ul><p class="list-total">${escapeHtml(view.totalText)}</p></div>`;
}

export interface MessageOptions extends CardOptions {
  id?: string;
  /** Who sent it (the bot's name). */
  sender: string;
  /** Local time text of the message. */
  atText?: string;
  /** A note such as "only visible to you". */
  note?: string;
  /** Already rendered body (a list, a card with its timeline) instead of the view's text. */
  bodyHtml?: string;
}

/** A chat message: sender, time, text (unless a card says it all) and card. */
export function renderMessage(view: MessageView, opts: MessageOptions): string {
  const body = opts.bodyHtml ?? (view.card ? renderCard(view.card, opts) : `<div class="text">${multiline(view.text)}</div>`);
  return (
    `<div class="message tone-${view.tone ?? 'normal'}"${attr('id', opts.id ? `msg-${opts.id}` : undefined)}${attr('data-message', opts.id)}>` +
    `<div class="meta"><span class="sender">${escapeHtml(opts.sender)}</span>` +
    (opts.atText ? ` <time>${escapeHtml(opts.atText)}</time>` : '') +
    (opts.note ? ` <span class="note">${escapeHtml(opts.note)}</span>` : '') +
    `</div>${body}${view.chart ? renderChart(view.chart) : ''}${messageButtons(view)}</div>`
  );
}

/** A message's own buttons (not a complaint's): the page posts them to /api/buttons. */
function messageButtons(view: MessageView): string {
  if (!view.buttons?.length || view.card) return '';
  const one = (b: NonNullable<MessageView['buttons']>[number]) =>
    `<button type="button" class="btn${b.style === 'primary' ? ' primary' : ''}"${attr('data-button', b.id)}${attr('data-value', b.value)}>${escapeHtml(b.label)}</button>`;
  return `<div class="actions">${view.buttons.map(one).join('')}</div>`;
}

/** A chart as an image (SVG in a data: URL: no script runs in it, and the page's CSP allows it). */
export function renderChart(chart: ChartView): string {
  const src = `data:image/svg+xml;base64,${Buffer.from(chartSvg(chart)).toString('base64')}`;
  return `<figure class="chart"><img${attr('src', src)}${attr('alt', chart.alt)} width="${CHART_WIDTH}" height="${CHART_HEIGHT}"></figure>`;
}
