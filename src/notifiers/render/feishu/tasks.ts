/**
 * "My tasks" as a Feishu card (JSON 2.0), paged like the list card: per complaint a text naming what is
 * needed from the viewer with its due time and the running deadlines, the step's button (the complaint
 * card's callback value `{ kesu: 'act', action, complaint }`: its form comes by DM) and one to open the
 * complaint (`{ kesu: 'show', number }`). Within 200 components and the byte budget by construction.
 */
import type { TaskItem, TasksView } from '../../views/types.ts';
import { pager, type ButtonValue, type FeishuCard, type PageValue } from './card.ts';
import { fit, FEISHU_LIMITS as L } from './limits.ts';

/**
 * Items per page. An item is 9 components (a column set, two columns, a text and its plain text, two
 * buttons and their texts) and at most about 1,900 bytes (its text is cut to ITEM_TEXT characters of up
 * to 3 bytes); a page's frame (title, page buttons, total) is under 15: 10 items stay well under
 * Feishu's 200 components and 28 KB.
 */
export const TASK_PAGE_SIZE = 10;
/** Characters of an item's text at most. */
export const ITEM_TEXT = 400;

const plain = (content: string) => ({ tag: 'plain_text', content });
const text = (content: string) => ({ tag: 'div', text: plain(content) });
const callback = (label: string, value: unknown, type = 'default') => ({ tag: 'button', text: plain(fit(label, L.buttonText)), type, behaviors: [{ type: 'callback', value }] });

function itemText(i: TaskItem): string {
  const head = `${i.overdue ? '✕ ' : ''}${fit(i.number, 40)} ${fit(i.title, 60)} · ${fit(i.statusLabel, 30)} · ${fit(i.department, 40)}`;
  const needs = i.needs.slice(0, 4).map((n) => `➜ ${fit(n.line, 120)}`);
  const deadlines = i.deadlines.slice(0, 8).map((d) => `${d.state === 'overdue' ? '✕' : '○'} ${fit(d.label, 20)} ${fit(d.dueText, 20)} — ${fit(d.timeLeftText, 30)}`);
  return fit([head, ...needs, ...deadlines].join('\n'), ITEM_TEXT);
}

function item(i: TaskItem, showLabel: string): unknown {
  const act: ButtonValue = { kesu: 'act', action: i.button.action, complaint: i.button.value };
  return {
    tag: 'column_set',
    columns: [
      { tag: 'column', width: 'weighted', weight: 4, elements: [text(itemText(i))] },
      {
        tag: 'column',
        width: 'auto',
        vertical_align: 'center',
        elements: [callback(i.button.label, act, 'primary_filled'), callback(`${showLabel} ${i.number}`, { kesu: 'show', number: i.number })],
      },
    ],
  };
}

/**
 * The viewer's tasks, one page of TASK_PAGE_SIZE at a time: `page` (0-based, clamped) with page buttons
 * carrying `pageValue`; without `pageValue` only the first page (the total still counts all).
 */
export function tasksCard(view: TasksView, opts: { page?: number; pageValue?: PageValue } = {}): FeishuCard {
  const pages = Math.max(1, Math.ceil(view.items.length / TASK_PAGE_SIZE));
  const page = opts.pageValue ? Math.min(Math.max(0, Math.trunc(opts.page ?? 0)), pages - 1) : 0;
  const items = view.items.slice(page * TASK_PAGE_SIZE, (page + 1) * TASK_PAGE_SIZE).map((i) => item(i, view.showLabel));
  const nav = pages > 1 && opts.pageValue ? [pager(page, pages, opts.pageValue)] : [];
  return {
    schema: '2.0',
    config: { update_multi: true },
    header: { title: plain(fit(view.title, L.headerTitle)), template: view.items.some((i) => i.overdue) ? 'red' : 'blue' },
    body: { elements: view.items.length ? [...items, ...nav, text(fit(view.totalText, 300))] : [text(fit(view.emptyText ?? '', 1000))] },
  };
}
