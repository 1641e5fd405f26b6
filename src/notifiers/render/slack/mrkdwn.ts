/**
 * Slack mrkdwn by construction: a `Mrkdwn` string is either text escaped here (`mrkdwn()`) or Kesu's
 * own markup written literally in the source (`md`), so user text can never become a mention, a
 * broadcast (`<!channel>`) or a link. Escaping happens once, on the way in; composing never re-escapes.
 */
import type { MrkdwnElement } from '@slack/types';

declare const safe: unique symbol;
/** Text ready for a mrkdwn field (a message's top-level `text`, section/context/field text objects). */
export type Mrkdwn = string & { readonly [safe]: true };

/** Slack's three control characters as entities (api.slack.com/reference/surfaces/formatting#escaping). */
export function mrkdwnEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Any text Kesu did not write as markup, escaped; cut to `max` characters of *escaped* text without splitting an entity. */
export function mrkdwn(text: string, max: number): Mrkdwn {
  const escaped = mrkdwnEscape(text);
  return (escaped.length <= max ? escaped : fitEscaped(text, max)) as Mrkdwn;
}

function fitEscaped(text: string, max: number): string {
  let out = '';
  let n = 0;
  for (const ch of text) {
    const e = mrkdwnEscape(ch);
    if (n + e.length > max - 1) break;
    out += e;
    n += e.length;
  }
  return `${out}…`;
}

/**
 * Kesu's markup around safe parts: md`*${mrkdwn(label, 100)}*`. The literal parts are source code
 * (trusted: bold, emoji codes, line breaks); every interpolated part must already be `Mrkdwn`.
 */
export function md(literals: TemplateStringsArray, ...parts: Mrkdwn[]): Mrkdwn {
  return literals.reduce((out, literal, i) => out + literal + (i < parts.length ? parts[i] : ''), '') as Mrkdwn;
}

/** Safe parts joined by a separator Kesu chose (a line break, a middle dot). */
export function joinMd(parts: readonly Mrkdwn[], separator: '\n' | ' · ' | ' '): Mrkdwn {
  return parts.join(separator) as Mrkdwn;
}

/** A mrkdwn text object: the only way the renderers make one. */
export function mrkdwnText(text: Mrkdwn): MrkdwnElement {
  return { type: 'mrkdwn', text };
}
