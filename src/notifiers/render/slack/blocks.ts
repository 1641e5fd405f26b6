/**
 * Block Kit for messages: the complaint card (header, summary, fields, deadlines, buttons; a moved
 * card says where it went), plain notices, a notice with its complaint's card under it, lists and the
 * timeline. Every mrkdwn text — the top-level `text` too — is built as
 * `Mrkdwn` (user text escaped, see mrkdwn.ts) and cut to SLACK_LIMITS; plain_text is shown literally
 * by Slack (no mentions, no links) and goes unescaped.
 */
import type { ActionsBlock, Button, KnownBlock, SectionBlock } from '@slack/types';
import type { CardView, DeadlineLine, ListView, MessageView, TimelineView } from '../../views/types.ts';
import { fit, SLACK_LIMITS as L } from './limits.ts';
import { joinMd, md, mrkdwn, mrkdwnText, type Mrkdwn } from './mrkdwn.ts';

/** `kesu:act:<action>`: a card button; its value is the complaint id. */
export const ACTION_PREFIX = 'kesu:act:';
/** `kesu:show`: a list item's button; its value is the complaint number. */
export const SHOW_ACTION = 'kesu:show';
/** `kesu:msg:<button>`: a button on a message not about a complaint (MessageButton); its value is the button's. */
export const MESSAGE_ACTION_PREFIX = 'kesu:msg:';

const MARK: Record<DeadlineLine['state'], Mrkdwn> = { pending: md`○`, met: md`●`, met_late: md`◐`, overdue: md`✕`, cancelled: md`–` };
const TONE: Record<string, Mrkdwn> = { normal: md``, warning: md`:warning: `, danger: md`:red_circle: `, success: md`:white_check_mark: ` };
const tone = (t: string | undefined): Mrkdwn => TONE[t ?? 'normal'] ?? md``;

const section = (text: Mrkdwn): SectionBlock => ({ type: 'section', text: mrkdwnText(text) });

function deadlineLine(d: DeadlineLine): Mrkdwn {
  const line = md`${MARK[d.state]} *${mrkdwn(d.label, 200)}* ${mrkdwn(d.dueText, 100)} — ${mrkdwn(d.timeLeftText, 200)}`;
  return d.state === 'overdue' ? md`${line} :rotating_light:` : line;
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

function messageButtons(view: MessageView): ActionsBlock[] {
  if (!view.buttons?.length) return [];
  const elements = view.buttons.slice(0, L.actionsElements).map((b) => {
    const button: Button = { type: 'button', action_id: `${MESSAGE_ACTION_PREFIX}${b.id}`, text: { type: 'plain_text', text: fit(b.label, L.buttonText), emoji: true }, value: b.value.slice(0, L.buttonValue) };
    if (b.style !== 'default') button.style = b.style;
    return button;
  });
  return [{ type: 'actions', block_id: 'kesu:msg', elements }];
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

/** A Slack channel mention (`<#C…>`) when the ID looks like one, else the name as text. */
function channelMention(channel: string | undefined, name: string): Mrkdwn {
  return channel && /^[CG][A-Z0-9]{2,30}$/.test(channel) ? (`<#${channel}>` as Mrkdwn) : mrkdwn(name, 200);
}

/** The card left behind after a reassignment: where the complaint went, no buttons. */
function movedBlocks(card: CardView): KnownBlock[] {
  const moved = card.movedTo!;
  return [
    { type: 'header', text: { type: 'plain_text', text: fit(`${card.number} ${card.title}`, L.headerText), emoji: true } },
    section(md`:arrow_right: *${mrkdwn(moved.label, 100)}* ${channelMention(moved.channel, moved.department)}\n${mrkdwn(card.summary, 1_000)}`),
  ];
}

function cardBlocksWith(card: CardView, longMax: number, reserve: { blocks: number; text: number }): KnownBlock[] {
  if (card.movedTo) return movedBlocks(card);
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: fit(`${card.number} ${card.title}`, L.headerText), emoji: true } },
  ];
  const status = md`${tone(card.tone)}*${mrkdwn(card.statusLabel, 100)}*${card.urgent ? md` :exclamation:` : md``}`;
  blocks.push(section(md`${status}\n${mrkdwn(fit(card.summary, longMax), L.sectionText - 200)}`));
  // Short fields two by two (section fields); long ones as their own lines.
  const short = card.fields.filter((f) => f.short);
  for (let i = 0; i < short.length; i += L.sectionFields) {
    blocks.push({
      type: 'section',
      fields: short.slice(i, i + L.sectionFields).map((f) => mrkdwnText(md`*${mrkdwn(f.label, 100)}*\n${mrkdwn(fit(f.value, longMax), L.fieldText - 110)}`)),
    });
  }
  for (const f of card.fields.filter((x) => !x.short)) blocks.push(section(md`*${mrkdwn(f.label, 200)}*\n${mrkdwn(fit(f.value, longMax), L.sectionText - 210)}`));
  if (card.deadlines.length) blocks.push(section(joinMd(card.deadlines.map(deadlineLine), '\n')));
  const buttons = cardButtons(card);
  if (buttons) blocks.push(buttons);
  if (card.footer) blocks.push({ type: 'context', elements: [mrkdwnText(mrkdwn(card.footer, L.sectionText))] });
  return blocks.slice(0, L.messageBlocks - reserve.blocks);
}

/**
 * The card's blocks; long texts give way (halved until it fits) so the whole card stays under Slack's
 * total — less `reserve`, the blocks and text that go with it in the same message (a notice above it).
 */
export function cardBlocks(card: CardView, reserve = { blocks: 0, text: 0 }): KnownBlock[] {
  let longMax = 2_000;
  let blocks = cardBlocksWith(card, longMax, reserve);
  while (blocksTextLength(blocks) > L.blocksTextTotal - reserve.text && longMax > 40) blocks = cardBlocksWith(card, (longMax = Math.floor(longMax / 2)), reserve);
  return blocks;
}

/** A message's top-level text alone (what push notifications show): escaped, within Slack's 40k. */
export function textPayload(text: string): { text: Mrkdwn } {
  return { text: mrkdwn(text, L.messageText) };
}

/**
 * A message: its fallback text (notifications, screen readers) and blocks. A complaint card alone, or
 * with `notice` (a DM about a complaint) the text first and the complaint's card under it.
 */
export function messagePayload(view: MessageView, opts: { notice?: boolean } = {}): { text: Mrkdwn; blocks: KnownBlock[] } {
  const { text } = textPayload(view.text);
  const line = section(md`${tone(view.tone)}${mrkdwn(view.text, L.sectionText - 30)}`);
  if (view.card && opts.notice) return { text, blocks: [line, { type: 'divider' }, ...cardBlocks(view.card, { blocks: 2, text: blocksTextLength([line]) })] };
  if (view.card) return { text, blocks: cardBlocks(view.card) };
  return { text, blocks: [line, ...messageButtons(view)] };
}

export function listBlocks(view: ListView, opts: { maxItems?: number } = {}): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: fit(view.title, L.headerText), emoji: true } }];
  if (view.items.length === 0) return [...blocks, section(mrkdwn(view.emptyText ?? '', L.sectionText))];
  const max = opts.maxItems ?? L.messageBlocks - 3;
  // Items are cut at the block count and at Slack's total text size; the total line still counts them all.
  let size = blocksTextLength(blocks) + view.totalText.length;
  for (const item of view.items.slice(0, max)) {
    const due = item.deadlines?.length ? joinMd(item.deadlines.map(deadlineLine), '\n') : item.dueText ? mrkdwn(item.dueText, 300) : md``;
    const length = 500 + due.length + item.number.length * 2;
    if (size + length > L.blocksTextTotal) break;
    size += length;
    blocks.push({
      type: 'section',
      text: mrkdwnText(
        md`${item.overdue ? md`:red_circle: ` : md``}*${mrkdwn(item.number, 40)}* ${mrkdwn(item.title, 300)} · ${mrkdwn(item.statusLabel, 60)} · ${mrkdwn(item.department, 60)}${due ? md`\n${due}` : md``}`,
      ),
      accessory: { type: 'button', action_id: SHOW_ACTION, text: { type: 'plain_text', text: fit(item.number, L.buttonText) }, value: item.number },
    });
  }
  blocks.push({ type: 'context', elements: [mrkdwnText(mrkdwn(view.totalText, 300))] });
  return blocks;
}

/** The timeline as thread text: one line per event, newest last; when too long for one section, the oldest go. */
export function timelineText(view: TimelineView): Mrkdwn {
  const title = md`*${mrkdwn(view.title, 200)}*`;
  const kept: Mrkdwn[] = [];
  let size = title.length;
  for (const item of [...view.items].reverse()) {
    const line = md`${mrkdwn(item.atText, 40)} *${mrkdwn(item.actor, 80)}* ${mrkdwn(item.text, 600)}`;
    if (size + line.length + 1 > L.sectionText) break;
    kept.unshift(line);
    size += line.length + 1;
  }
  return joinMd([title, ...kept], '\n');
}

/** The timeline as the card's thread reply: escaped fallback text and one section. */
export function timelinePayload(view: TimelineView): { text: Mrkdwn; blocks: KnownBlock[] } {
  return { ...textPayload(view.title), blocks: [section(timelineText(view))] };
}
