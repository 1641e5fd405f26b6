/**
 * "My tasks" in Block Kit (App Home): per complaint a section naming what is needed from the viewer
 * with its due time and the complaint's running deadlines, and an actions block with the step's button
 * (the card's `kesu:act:<action>`, value = complaint id: its form opens) and one to open the complaint.
 * Items stop at the block count and the text budget given; the total line still counts them all.
 */
import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { DeadlineLine, TaskItem, TasksView } from '../../views/types.ts';
import { ACTION_PREFIX, blocksTextLength, SHOW_ACTION } from './blocks.ts';
import { fit, SLACK_LIMITS as L } from './limits.ts';
import { joinMd, md, mrkdwn, mrkdwnText, type Mrkdwn } from './mrkdwn.ts';

/** Blocks an item takes: its section and its buttons. */
export const TASK_BLOCKS = 2;

const MARK: Record<DeadlineLine['state'], Mrkdwn> = { pending: md`○`, met: md`●`, met_late: md`◐`, overdue: md`✕`, cancelled: md`–` };

const deadlineLine = (d: DeadlineLine): Mrkdwn => md`${MARK[d.state]} ${mrkdwn(d.label, 40)} ${mrkdwn(d.dueText, 20)} — ${mrkdwn(d.timeLeftText, 40)}`;

/** An item's text: the complaint, each need in bold (overdue marked), the running deadlines — under 3,000 by construction. */
function itemText(item: TaskItem): Mrkdwn {
  const head = md`${item.overdue ? md`:red_circle: ` : md``}*${mrkdwn(item.number, 40)}* ${mrkdwn(item.title, 300)} · ${mrkdwn(item.statusLabel, 60)} · ${mrkdwn(item.department, 60)}`;
  const needs = item.needs.slice(0, 4).map((n) => md`➜ *${mrkdwn(n.line, 300)}*${n.overdue ? md` :rotating_light:` : md``}`);
  const deadlines = item.deadlines.slice(0, 8).map(deadlineLine);
  return joinMd([head, ...needs, ...deadlines], '\n');
}

function itemButtons(item: TaskItem, showLabel: string): ActionsBlock {
  const step: Button = {
    type: 'button',
    action_id: `${ACTION_PREFIX}${item.button.action}`,
    text: { type: 'plain_text', text: fit(item.button.label, L.buttonText), emoji: true },
    value: item.button.value.slice(0, L.buttonValue),
    style: 'primary',
  };
  const show: Button = { type: 'button', action_id: SHOW_ACTION, text: { type: 'plain_text', text: fit(`${showLabel} ${item.number}`, L.buttonText) }, value: item.number.slice(0, L.buttonValue) };
  return { type: 'actions', block_id: `kesu:task:${item.complaintId}`.slice(0, L.blockId), elements: [step, show] };
}

export function taskItemBlocks(item: TaskItem, showLabel: string): KnownBlock[] {
  return [{ type: 'section', text: mrkdwnText(itemText(item)) }, itemButtons(item, showLabel)];
}

export interface TaskBlocksOptions {
  /** Items at most (default: what fits in a message's blocks). */
  maxItems?: number;
  /** Characters of block text at most (default: Slack's message total). */
  maxText?: number;
}

/** The tasks view: header, items (each within the limits), the total. */
export function tasksBlocks(view: TasksView, opts: TaskBlocksOptions = {}): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: fit(view.title, L.headerText), emoji: true } }];
  const total: KnownBlock = { type: 'context', elements: [mrkdwnText(mrkdwn(view.totalText, 300))] };
  if (view.items.length === 0) return [...blocks, { type: 'section', text: mrkdwnText(mrkdwn(view.emptyText ?? '', L.sectionText)) }];
  const max = Math.min(opts.maxItems ?? Infinity, Math.floor((L.messageBlocks - 2) / TASK_BLOCKS));
  const budget = opts.maxText ?? L.blocksTextTotal;
  let size = blocksTextLength([...blocks, total]);
  for (const item of view.items.slice(0, max)) {
    const more = taskItemBlocks(item, view.showLabel);
    const length = blocksTextLength(more);
    if (size + length > budget) break;
    size += length;
    blocks.push(...more);
  }
  blocks.push(total);
  return blocks;
}
