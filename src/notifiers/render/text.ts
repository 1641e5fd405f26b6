/** Plain-text renderer of the neutral views, for the CLI and logs. */
import type { CardView, ListView, TimelineView } from '../views/types.ts';

const MARK: Record<string, string> = { pending: '○', met: '●', met_late: '◐', overdue: '✕', cancelled: '–' };

export function cardToText(card: CardView): string {
  const lines = [`${card.number}  ${card.title}  [${card.statusLabel}]${card.urgent ? ' !' : ''}`, card.summary];
  for (const f of card.fields) lines.push(`  ${f.label}: ${f.value}`);
  for (const d of card.deadlines) lines.push(`  ${MARK[d.state] ?? '·'} ${d.label}: ${d.dueText} (${d.timeLeftText})`);
  if (card.actions.length) lines.push(`  → ${card.actions.map((a) => a.label).join(' | ')}`);
  if (card.footer) lines.push(`  ${card.footer}`);
  return lines.join('\n');
}

export function timelineToText(view: TimelineView): string {
  return [view.title, ...view.items.map((i) => `  ${i.atText}  ${i.actor}: ${i.text}`)].join('\n');
}

export function listToText(view: ListView): string {
  if (view.items.length === 0) return view.emptyText ?? view.title;
  const rows = view.items.map(
    (i) => `${i.overdue ? '✕' : ' '} ${i.number}  ${i.statusLabel}  ${i.department}  ${i.title}${i.dueText ? '  ' + i.dueText : ''}`,
  );
  return [view.title, ...rows, view.totalText].join('\n');
}
