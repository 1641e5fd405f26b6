/**
 * Feishu card JSON 2.0 for messages: the complaint card (header with status tag, fields, deadlines,
 * buttons with callback values), plain notices and lists. User text goes in plain_text elements, so it
 * is never read as Feishu markdown; the card is shrunk until it fits FEISHU_LIMITS.cardBudgetBytes.
 */
import type { CardView, DeadlineLine, ListView, MessageView, Tone } from '../../views/types.ts';
import { bytes, fit, FEISHU_LIMITS as L } from './limits.ts';

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

function cardBody(card: CardView, longMax: number): unknown[] {
  const elements: unknown[] = [text(fit(card.summary, longMax))];
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
  if (card.deadlines.length) elements.push(text(card.deadlines.map((d) => `${MARK[d.state]} ${d.label} ${d.dueText} — ${d.timeLeftText}`).join('\n')));
  if (card.actions.length) {
    elements.push({
      tag: 'column_set',
      flex_mode: 'flow',
      columns: card.actions.map((a) => ({
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
  if (card.footer) elements.push({ tag: 'div', text: { tag: 'plain_text', content: card.footer, text_size: 'notation', text_color: 'grey' } });
  return elements;
}

/** The complaint card, shared in a group and updated in place (`update_multi`). */
export function complaintCard(card: CardView): FeishuCard {
  const build = (longMax: number): FeishuCard => ({
    schema: '2.0',
    config: { update_multi: true, width_mode: 'fill' },
    header: {
      title: plain(fit(`${card.number} ${card.title}`, L.headerTitle)),
      template: TEMPLATE[card.tone],
      text_tag_list: [{ tag: 'text_tag', text: plain(card.statusLabel), color: card.tone === 'danger' ? 'red' : card.tone === 'success' ? 'green' : 'blue' }],
    },
    body: { elements: cardBody(card, longMax) },
  });
  // Long texts give way first: halve them until the card fits Feishu's size limit.
  let longMax: number = L.longText;
  let out = build(longMax);
  while (bytes(out) > L.cardBudgetBytes && longMax > 20) out = build((longMax = Math.floor(longMax / 2)));
  return out;
}

/** A plain notice (reminder, overdue notice, escalation) as a small card with its tone. */
export function messageCard(view: MessageView, opts: { /** The uploaded chart (im/v1/images). */ imageKey?: string } = {}): FeishuCard {
  if (view.card) return complaintCard(view.card);
  const image = opts.imageKey && view.chart ? [{ tag: 'img', img_key: opts.imageKey, alt: plain(fit(view.chart.alt, 1000)), scale_type: 'fit_horizontal', preview: true }] : [];
  return { schema: '2.0', config: { update_multi: false }, body: { elements: [text(fit(view.text, 8000)), ...image] }, header: { title: plain(fit(view.text.split('\n')[0] ?? '', L.headerTitle)), template: TEMPLATE[view.tone ?? 'normal'] } };
}

export function listCard(view: ListView): FeishuCard {
  const items = view.items.slice(0, 50).map((i) => ({
    tag: 'column_set',
    columns: [
      { tag: 'column', width: 'weighted', weight: 4, elements: [text(`${i.overdue ? '✕ ' : ''}${i.number} ${fit(i.title, 60)} · ${i.statusLabel} · ${i.department}${i.dueText ? `\n${i.dueText}` : ''}`)] },
      { tag: 'column', width: 'auto', elements: [{ tag: 'button', text: plain(i.number), behaviors: [{ type: 'callback', value: { kesu: 'show', number: i.number } }] }] },
    ],
  }));
  return {
    schema: '2.0',
    header: { title: plain(fit(view.title, L.headerTitle)), template: 'blue' },
    body: { elements: view.items.length ? [...items, text(view.totalText)] : [text(view.emptyText ?? '')] },
  };
}
