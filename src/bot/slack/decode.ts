/** Slack's encoded message text (entities, `<@U…>`, `<#C…|name>`, `<!channel>`, `<url|label>`) as the plain text a person reads. */
import type { Directory } from '../../config/directory.ts';
import type { Actor } from '../../workflows/model.ts';

/** A user's name by Slack user ID, when Kesu knows the person. */
export type NameOf = (slackUserId: string) => string | undefined;

/** Names of the people in the config (by Slack ID, configured or linked) in the reader's language. */
export function namesIn(directory: Pick<Directory, 'personBySlackId' | 'displayName' | 'localeOf'>, reader: Actor): NameOf {
  return (userId) => {
    const person = directory.personBySlackId(userId);
    return person ? directory.displayName(person.id, reader.locale ?? directory.localeOf(reader.id)) : undefined;
  };
}

/** `<…>` sequences: Slack encodes `<` and `>` in the text itself, so every raw pair is markup. */
const MARKUP = /<([^<>]*)>/g;

/** The three entities Slack encodes (`&amp;` last, so `&amp;lt;` stays `&lt;`). */
export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Message text as shown in Slack: mentions as `@name` (the person's name when known, else the
 * label Slack sent, else `@U…`), channels as `#name`, broadcasts as `@channel`, links as
 * `label (url)` or the bare URL, dates as their fallback text, and entities decoded.
 */
export function decodeSlackText(text: string, nameOf: NameOf = () => undefined): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(MARKUP)) {
    out += decodeEntities(text.slice(last, match.index)) + markup(match[1]!, nameOf);
    last = match.index + match[0].length;
  }
  return out + decodeEntities(text.slice(last));
}

function markup(inner: string, nameOf: NameOf): string {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : decodeEntities(inner.slice(bar + 1)) || undefined;
  switch (target[0]) {
    case '@': {
      const id = target.slice(1);
      return `@${nameOf(id) ?? label?.replace(/^@/, '') ?? id}`;
    }
    case '#':
      return `#${label?.replace(/^#/, '') ?? target.slice(1)}`;
    case '!': {
      // <!here>, <!channel>, <!everyone>, <!subteam^S123|@team>, <!date^1700000000^{date}|fallback>
      const [command = '', id] = target.slice(1).split('^');
      if (command === 'date') return label ?? '';
      if (label) return label.startsWith('@') ? label : `@${label}`;
      return `@${command === 'subteam' && id ? id : command}`;
    }
    default: {
      const url = decodeEntities(target);
      if (!label || label === url || label === url.replace(/^(?:https?:\/\/|mailto:|tel:)/, '')) return label ?? url;
      return `${label} (${url})`;
    }
  }
}
