/**
 * Who the browser plays: the console has no login (it listens on loopback only); each request names
 * a person from the config in the `x-kesu-as` header (or `?as=` for EventSource, which cannot set headers).
 */
import type { Context } from 'hono';
import { KesuError } from '../../errors.ts';
import type { Actor } from '../../workflows/model.ts';
import { localChannels } from '../../notifiers/targets.ts';
import type { ConsoleContext } from './context.ts';

/**
 * The header, never a cookie or a query parameter (but for EventSource, `fromQuery`): another site can
 * make a browser send a plain request, but not one with a custom header without a CORS check.
 */
export function viewerId(c: Context, opts: { fromQuery?: boolean } = {}): string | undefined {
  return c.req.header('x-kesu-as') || (opts.fromQuery ? c.req.query('as') : undefined) || undefined;
}

export interface ViewerOptions {
  /** The session call of a page: an unknown or missing person (a stale tab, another config) becomes the first customer-service member. */
  defaultToFirst?: boolean;
  fromQuery?: boolean;
}

export function viewerOf(c: Context, ctx: ConsoleContext, opts: ViewerOptions = {}): Actor {
  const { directory } = ctx.io;
  const asked = viewerId(c, opts);
  const fallback = directory.customerServiceMembers()[0] ?? directory.people()[0]?.id;
  const id = asked && directory.person(asked) ? asked : opts.defaultToFirst ? fallback : asked;
  if (!id || !directory.person(id)) throw new KesuError('unknown_person', { id: id ?? '' });
  const locale = directory.localeOf(id);
  return { id, name: directory.displayName(id, locale), locale };
}

/**
 * A person's DM is theirs alone; channels are open to everyone in the workspace, like public channels
 * in a chat workspace (customer contact data is masked there).
 */
export function mayRead(viewer: Actor, conversation: string, ctx: ConsoleContext): boolean {
  if (conversation.startsWith('@')) return conversation === `@${viewer.id}`;
  return localChannels(ctx.io.config).some((ch) => ch.id === conversation);
}
