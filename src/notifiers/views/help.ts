/** Help for `/complaint` (Slack) or the `/complaint` / `投诉` message (Feishu, local console). */
import type { Locale } from '../../config/schema.ts';
import { translator } from '../i18n/index.ts';
import type { MessageView } from './types.ts';

export const HELP_TOPICS = ['file', 'list', 'show', 'stats', 'export', 'improvement', 'help'] as const;

export function buildHelp(ctx: { locale: Locale; command?: string }): MessageView {
  const tr = translator();
  const command = ctx.command ?? '/complaint';
  const lines = [
    tr.t(ctx.locale, 'help.title'),
    tr.t(ctx.locale, 'help.intro', { command }),
    ...HELP_TOPICS.map((topic) => `• ${tr.t(ctx.locale, `help.${topic}`, { command })}`),
    `• ${tr.t(ctx.locale, 'accountability.help', { command })}`,
    tr.t(ctx.locale, 'help.footer'),
  ];
  return { text: lines.join('\n'), tone: 'normal' };
}
