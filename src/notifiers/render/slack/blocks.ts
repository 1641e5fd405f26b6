/**
 * Block Kit for messages: the complaint card (header, summary, fields, deadlines, buttons), plain
 * notices, lists and the timeline. Every text is escaped for mrkdwn and cut to SLACK_LIMITS.
 */
import type { ActionsBlock, Button, KnownBlock, SectionBlock } from '@slack/types';
import type { CardView, DeadlineLine, ListView, MessageView, TimelineView } from '../../views/types.ts';
import { fit, mrkdwn, SLACK_LIMITS as L } from './limits.ts';

/** `kesu:act:<action>`: a card button; its value is the complaint id. */
export const ACTION_PREFIX = 'kesu:act:';
/** `kesu:show`: a list item's button; its value is the complaint number. */
export const SHOW_ACTION = 'kesu:show';

const MARK: Record<DeadlineLine['state'], string> = { pending: '○', met: '●', met_late: '◐', overdue: '✕', cancelled: '–' };
const TONE: Record<string, string> = { normal: '', warning: ':warning: ', danger: ':red_circle: ', success: ':white_check_mark: ' };

const section = (text: string): SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text: mrkdwn(text, L.sectionText) } });

function deadlineLine(d: DeadlineLine): string {
  const line = `${MARK[d.state]} *${mrkdwn(d.label, 200)}* ${mrkdwn(d.dueText, 100)} — ${mrkdwn(d.timeLeftText, 200)}`;
  return d.state === 'overdue' ? `${line} :rotating_light:` : line;
}

export function cardButtons(card: CardView): ActionsBlock | undefined {
  if (card.actions.length === 0) return undefined;
  return {
    type: 'actions',
    block_id: `kesu:card:${card.complaintId}`.slice(0, L.blockId),
    elements: card.actions.slice(0, L.actionsElements).map((a) => {
      const button: Button = {
        type: 'button',
        action_id: `${ACTION_PREFIX}${a.action}`,
        text: { type: 'plain_text', text: fit(a.label, L.buttonText), emoji: true },
        value: a.value.slice(0, L.buttonValue),
      };
      if (a.style !== 'default') button.style = a.style;
      return button;
    }),
  };
}

/** The characters of every text in some blocks (what Slack counts for msg_blocks_too_long). */
export function blocksTextLength(blocks: readonly unknown[]): number {
  let n = 0;
  JSON.stringify(blocks, (key, value: unknown) => {
    if (key === 'text' && typeof value === 'string') n += value.length;
    return value;
  });
  return n;
}

function cardBlocksWith(card: CardView, longMax: number): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: fit(`${card.number} ${card.title}`, L.headerText), emoji: true } },
  ];
  const status = `${TONE[card.tone] ?? ''}*${mrkdwn(card.statusLabel, 100)}*${card.urgent ? ' :exclamation:' : ''}`;
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `${status}\n${mrkdwn(fit(card.summary, longMax), L.sectionText - 200)}` } });
  // Short fields two by two (section fields); long ones as their own lines.
  const short = card.fields.filter((f) => f.short);
  for (let i = 0; i < short.length; i += L.sectionFields) {
    blocks.push({
      type: 'section',
      fields: short.slice(i, i + L.sectionFields).map((f) => ({ type: 'mrkdwn', text: `*${mrkdwn(f.label, 100)}*\n${mrkdwn(fit(f.value, longMax), L.fieldText - 110)}` })),
    });
  }
  for (const f of card.fields.filter((x) => !x.short)) blocks.push(section(`*${f.label}*\n${fit(f.value, longMax)}`));
  if (card.deadlines.length) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: card.deadlines.map(deadlineLine).join('\n') } });
  const buttons = cardButtons(card);
  if (buttons) blocks.push(buttons);
  if (card.footer) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: mrkdwn(card.footer, L.sectionText) }] });
  return blocks.slice(0, L.messageBlocks);
}

/** The card's blocks; long texts give way (halved until it fits) so the whole card stays under Slack's total. */
export function cardBlocks(card: CardView): KnownBlock[] {
  let longMax = 2_000;
  let blocks = cardBlocksWith(card, longMax);
  while (blocksTextLength(blocks) > L.blocksTextTotal && longMax > 40) blocks = cardBlocksWith(card, (longMax = Math.floor(longMax / 2)));
  return blocks;
}

/** A message: its fallback text (notifications, screen readers) and blocks. */
export function messagePayload(view: MessageView): { text: string; blocks: KnownBlock[] } {
  const text = fit(view.text, L.messageText);
  if (view.card) return { text, blocks: cardBlocks(view.card) };
  return { text, blocks: [section(`${TONE[view.tone ?? 'normal'] ?? ''}${view.text}`)] };
}

export function listBlocks(view: ListView, opts: { maxItems?: number } = {}): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: fit(view.title, L.headerText), emoji: true } }];
  if (view.items.length === 0) return [...blocks, section(view.emptyText ?? '')];
  const max = opts.maxItems ?? L.messageBlocks - 3;
  // Items are cut at the block count and at Slack's total text size; the total line still counts them all.
  let size = blocksTextLength(blocks) + view.totalText.length;
  for (const item of view.items.slice(0, max)) {
    const due = item.deadlines?.length ? item.deadlines.map(deadlineLine).join('\n') : item.dueText ? mrkdwn(item.dueText, 300) : '';
    const length = 500 + due.length + item.number.length * 2;
    if (size + length > L.blocksTextTotal) break;
    size += length;
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `${item.overdue ? ':red_circle: ' : ''}*${mrkdwn(item.number, 40)}* ${mrkdwn(item.title, 300)} · ${mrkdwn(item.statusLabel, 60)} · ${mrkdwn(item.department, 60)}${due ? `\n${due}` : ''}`,
      },
      accessory: { type: 'button', action_id: SHOW_ACTION, text: { type: 'plain_text', text: fit(item.number, L.buttonText) }, value: item.number },
    });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: mrkdwn(view.totalText, 300) }] });
  return blocks;
}

/** The timeline as thread text: one line per event, newest last; when too long for one section, the oldest go. */
export function timelineText(view: TimelineView): string {
  const title = `*${mrkdwn(view.title, 200)}*`;
  const kept: string[] = [];
  let size = title.length;
  for (const item of [...view.items].reverse()) {
    const line = `${mrkdwn(item.atText, 40)} *${mrkdwn(item.actor, 80)}* ${mrkdwn(item.text, 600)}`;
    if (size + line.length + 1 > L.sectionText) break;
    kept.unshift(line);
    size += line.length + 1;
  }
  return [title, ...kept].join('\n');
}
