/**
 * "My tasks" as HTML for the console: per complaint what is needed from the viewer with its due time,
 * its running deadlines, the step's button (the card buttons' `data-action`/`data-complaint`: the
 * console opens its form) and one to open the complaint (`data-show`). Every text is escaped.
 */
import type { TaskItem, TasksView } from '../views/types.ts';
import { deadline, escapeHtml } from './html.ts';

function item(i: TaskItem, showLabel: string): string {
  const needs = i.needs
    .map((n) => `<li class="need${n.overdue ? ' overdue' : ''}" data-need="${n.action}"><strong>${escapeHtml(n.text)}</strong>${n.dueText ? ` <span class="need-due">${escapeHtml(n.dueText)}</span>` : ''}</li>`)
    .join('');
  const b = i.button;
  return (
    `<li class="task${i.overdue ? ' overdue' : ''}" data-number="${escapeHtml(i.number)}" data-complaint="${escapeHtml(i.complaintId)}">` +
    `<button type="button" class="link" data-show="${escapeHtml(i.number)}">${escapeHtml(i.number)}</button>` +
    ` <span class="list-title">${escapeHtml(i.title)}</span> <span class="badge">${escapeHtml(i.statusLabel)}</span>` +
    ` <span class="list-dept">${escapeHtml(i.department)}</span>` +
    `<ul class="needs">${needs}</ul>` +
    (i.deadlines.length ? `<ul class="deadlines">${i.deadlines.map(deadline).join('')}</ul>` : '') +
    `<div class="actions">` +
    `<button type="button" class="btn primary" data-action="${b.action}" data-complaint="${escapeHtml(b.value)}">${escapeHtml(b.label)}</button>` +
    `<button type="button" class="btn default" data-show="${escapeHtml(i.number)}">${escapeHtml(showLabel)}</button>` +
    `</div></li>`
  );
}

export function renderTasks(view: TasksView): string {
  if (view.items.length === 0) return `<div class="list tasks empty"><h3>${escapeHtml(view.title)}</h3><p>${escapeHtml(view.emptyText ?? '')}</p></div>`;
  const rows = view.items.map((i) => item(i, view.showLabel)).join('');
  return `<div class="list tasks"><h3>${escapeHtml(view.title)}</h3><ul>${rows}</ul><p class="list-total">${escapeHtml(view.totalText)}</p></div>`;
}
