/**
 * Who the browser plays: the console has no login (it listens on loopback only); each request names
 * a person from the config in the `x-kesu-as` header (or `?as=` for EventSource, which cannot set headers).
 */
import type { Context } from 'hono';
import { KesuError } from '../../errors.ts';
import type { Actor } from '../../workflows/model.ts';
import type { ConsoleContext } from './context.ts';

export function viewerId(c: Context): string | undefined {
  return c.req.header('x-kesu-as') ?? c.req.query('as') ?? undefined;
}

/** The person a page plays; `defaultToFirst` (the session call of a new page) falls back to the first customer-service member. */
export function viewerOf(c: Context, ctx: ConsoleContext, opts: { defaultToFirst?: boolean } = {}): Actor {
  const { directory } = ctx.core.deps;
  const fallback = opts.defaultToFirst ? (directory.customerServiceMembers()[0] ?? directory.people()[0]?.id) : undefined;
  const id = viewerId(c) || fallback;
  if (!id || !directory.person(id)) throw new KesuError('unknown_person', { id: id ?? '' });
  const locale = directory.localeOf(id);
  return { id, name: directory.displayName(id, locale), locale };
}

/** A person's DM is theirs alone; channels are open to everyone in the workspace. */
export function mayRead(viewer: Actor, conversation: string, ctx: ConsoleContext): boolean {
  if (conversation.startsWith('@')) return conversation === `@${viewer.id}`;
  return ctx.core.deps.config.departments.some((d) => `#${d.key}` === conversation) || conversation === '#customer_service' || conversation === '#gm';
}
