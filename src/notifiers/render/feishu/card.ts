/**
 * Feishu card JSON 2.0 for messages: the complaint card (header with status tag, fields, deadlines,
 * buttons with callback values), plain notices and lists. User text goes in plain_text elements, so it
 * is never read as Feishu markdown. Every card fits Feishu's limits by construction: under the byte
 * budget and 200 components (a complaint card shrinks, lists come in pages), `update_multi: true`.
 */
import type { CardView, DeadlineLine, ListView, MessageView, Tone } from '../../views/types.ts';
import { bytes, components, fit, fits, FEISHU_LIMITS as L } from './limits.ts';

export type FeishuCard = Record<string, unknown>;

const TEMPLATE: Record<Tone, string> = { normal: 'blue', warning: 'orange', danger: 'red', success: 'green' };
const MARK: Record<DeadlineLine['state'], string> = { pending: '○', met: '●', met_late: '◐', overdue: '✕', cancelled: '–' };

const plain = (content: string) => ({ tag: 'plain_text', content });
const text = (content: string) => ({ tag: 'div', text: plain(content) });

/** A card button's callback value: which action, on which complaint. */
export interface ButtonValue {
  kesu: 'act';
  action: string;
  complaint: string;
}

/** How much of a complaint card is shown: long texts' length, fields in columns or as one text, buttons kept. */
interface Shape {
  longMax: number;
  /** Every field in one text element (few components) instead of columns. */
  compact: boolean;
  buttons: number;
}

function cardBody(card: CardView, shape: Shape): unknown[] {
  const { longMax } = shape;
  const elements: unknown[] = [text(fit(card.summary, longMax))];
  if (shape.compact) {
    if (card.fields.length) elements.push(text(card.fields.map((f) => `${f.label}：${fit(f.value, longMax)}`).join('\n')));
  } else {
    const short = card.fields.filter((f) => f.short);
    for (let i = 0; i < short.length; i += 2) {
      elements.push({
        tag: 'column_set',
        columns: short.slice(i, i + 2).map((f) => ({
          tag: 'column',
          width: 'weighted',
          weight: 1,
          elements: [{ tag: 'div', text: plain(`${f.label}：${fit(f.value, longMax)}`) }],
        })),
      });
    }
    for (const f of card.fields.filter((x) => !x.short)) elements.push(text(`${f.label}：${fit(f.value, longMax)}`));
  }
  if (card.deadlines.length) elements.push(text(card.deadlines.map((d) => `${MARK[d.state]} ${d.label} ${d.dueText} — ${d.timeLeftText}`).join('\n')));
  const actions = card.actions.slice(0, shape.buttons);
  if (actions.length) {
    elements.push({
      tag: 'column_set',
      flex_mode: 'flow',
      columns: actions.map((a) => ({
        tag: 'column',
        width: 'auto',
        elements: [
          {
            tag: 'button',
            text: plain(fit(a.label, L.buttonText)),
            type: a.style === 'primary' ? 'primary_filled' : a.style === 'danger' ? 'danger' : 'default',
            behaviors: [{ type: 'callback', value: { kesu: 'act', action: a.action, complaint: a.value } satisfies ButtonValue }],
          },
        ],
      })),
    });
  }
  if (card.footer) elements.push({ tag: 'div', text: { tag: 'plain_text', content: fit(card.footer, longMax), text_size: 'notation', text_color: 'grey' } });
  return elements;
}

/** Card JSON 2.0 supports shared cards only: `update_multi` must be true (updates are seen by everyone). */
const CONFIG = { update_multi: true } as const;

/**
 * The complaint card, shared in a group and updated in place. It is made to fit Feishu's limits: too
 * many components → the fields as one text; too many bytes → long texts halved; still too much → the
 * last buttons go (the complaint's form is one `show` away).
 */
export function complaintCard(card: CardView, opts: { /** A notice above the card (a DM about the complaint). */ notice?: string } = {}): FeishuCard {
  const top = opts.notice ? [text(fit(opts.notice, 4000)), { tag: 'hr' }] : [];
  if (card.movedTo) return movedCard(card, top);
  const build = (shape: Shape): FeishuCard => ({
    schema: '2.0',
    config: { ...CONFIG, width_mode: 'fill' },
    header: {
      title: plain(fit(`${card.number} ${card.title}`, L.headerTitle)),
      template: TEMPLATE[card.tone],
      text_tag_list: [{ tag: 'text_tag', text: plain(fit(card.statusLabel, 40)), color: card.tone === 'danger' ? 'red' : card.tone === 'success' ? 'green' : 'blue' }],
    },
    body: { elements: [...top, ...cardBody(card, shape)] },
  });
  const shape: Shape = { longMax: L.longText, compact: false, buttons: card.actions.length };
  let out = build(shape);
  while (!fits(out)) {
    if (components(out) > L.elements && !shape.compact) shape.compact = true;
    else if (bytes(out) > L.cardBudgetBytes && shape.longMax > 20) shape.longMax = Math.floor(shape.longMax / 2);
    else if (shape.buttons > 0) shape.buttons--;
    else break;
    out = build(shape);
  }
  return out;
}

/** The card left behind after a reassignment: where the complaint went (the department's name), no buttons. */
function movedCard(card: CardView, top: unknown[]): FeishuCard {
  const moved = card.movedTo!;
  return {
    schema: '2.0',
    config: { ...CONFIG, width_mode: 'fill' },
    header: { title: plain(fit(`${card.number} ${card.title}`, L.headerTitle)), template: 'grey', text_tag_list: [{ tag: 'text_tag', text: plain(fit(card.statusLabel, 40)), color: 'neutral' }] },
    body: { elements: [...top, text(fit(`→ ${moved.label} ${moved.department}`, 300)), text(fit(card.summary, 1000))] },
  };
}

/**
 * A plain notice (reminder, overdue notice, escalation, an answer) as a small card with its tone; a
 * complaint card; or with `notice` (a DM about a complaint) the text on top of the complaint's card.
 */
export function messageCard(view: MessageView, opts: { /** The uploaded chart (im/v1/images). */ imageKey?: string; notice?: boolean } = {}): FeishuCard {
  if (view.card) return complaintCard(view.card, opts.notice ? { notice: view.text } : {});
  const image = opts.imageKey && view.chart ? [{ tag: 'img', img_key: opts.imageKey, alt: plain(fit(view.chart.alt, 1000)), scale_type: 'fit_horizontal', preview: true }] : [];
  return {
    schema: '2.0',
    config: CONFIG,
    header: { title: plain(fit(view.text.split('\n')[0] ?? '', L.headerTitle)), template: TEMPLATE[view.tone ?? 'normal'] },
    body: { elements: [text(fit(view.text, 8000)), ...image, ...(view.buttons ?? []).map((b) => ({ ...button(b.label, { kesu: 'msg', button: b.id, value: b.value }), type: b.style === 'primary' ? 'primary' : 'default' }))] },
  };
}

/**
 * Items per list page. Each item is 7 components (a column set, two columns, a text, a button, two
 * plain texts) and at most about 600 bytes; a page's frame (title, page buttons, total) is 13: 20 items
 * stay well under Feishu's 200 components and 30 KB.
 */
export const LIST_PAGE_SIZE = 20;

/** A page button's callback value for page `page` (0-based) of the same list. */
export type PageValue = (page: number) => Record<string, unknown>;

const button = (label: string, value: unknown) => ({ tag: 'button', text: plain(label), behaviors: [{ type: 'callback', value }] });

/** Page buttons: "‹ 1", "2 / 3", "3 ›" (numbers need no translation). */
export function pager(page: number, pages: number, value: PageValue): unknown {
  const column = (element: unknown) => ({ tag: 'column', width: 'auto', vertical_align: 'center', elements: [element] });
  return {
    tag: 'column_set',
    flex_mode: 'flow',
    columns: [
      ...(page > 0 ? [column(button(`‹ ${page}`, value(page - 1)))] : []),
      column(text(`${page + 1} / ${pages}`)),
      ...(page < pages - 1 ? [column(button(`${page + 2} ›`, value(page + 1)))] : []),
    ],
  };
}

/**
 * A list of complaints, one page of LIST_PAGE_SIZE at a time: `page` (0-based, clamped) with page
 * buttons carrying `pageValue`; without `pageValue` only the first page (the total still counts all).
 */
export function listCard(view: ListView, opts: { page?: number; pageValue?: PageValue } = {}): FeishuCard {
  const pages = Math.max(1, Math.ceil(view.items.length / LIST_PAGE_SIZE));
  const page = opts.pageValue ? Math.min(Math.max(0, Math.trunc(opts.page ?? 0)), pages - 1) : 0;
  const items = view.items.slice(page * LIST_PAGE_SIZE, (page + 1) * LIST_PAGE_SIZE).map((i) => ({
    tag: 'column_set',
    columns: [
      {
        tag: 'column',
        width: 'weighted',
        weight: 4,
        elements: [text(`${i.overdue ? '✕ ' : ''}${fit(i.number, 40)} ${fit(i.title, 60)} · ${fit(i.statusLabel, 30)} · ${fit(i.department, 40)}${i.dueText ? `\n${fit(i.dueText, 120)}` : ''}`)],
      },
      { tag: 'column', width: 'auto', elements: [button(fit(i.number, L.buttonText), { kesu: 'show', number: i.number })] },
    ],
  }));
  const nav = pages > 1 && opts.pageValue ? [pager(page, pages, opts.pageValue)] : [];
  return {
    schema: '2.0',
    config: CONFIG,
    header: { title: plain(fit(view.title, L.headerTitle)), template: 'blue' },
    body: { elements: view.items.length ? [...items, ...nav, text(fit(view.totalText, 300))] : [text(fit(view.emptyText ?? '', 1000))] },
  };
}
