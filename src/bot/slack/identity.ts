/**
 * Slack users as Kesu actors: a person from the config (by Slack ID, or matched by email — at start-up
 * for everyone in the config, and on first sight for anyone else), otherwise `slack:U…` staff. The
 * language is the person's configured locale, else the user's Slack locale, else the organisation's.
 */
import type { WebClient } from '@slack/web-api';
import type { Directory } from '../../config/directory.ts';
import type { Locale } from '../../config/schema.ts';
import type { Logger } from '../../logger.ts';
import type { Actor } from '../../workflows/model.ts';

const TTL_MS = 60 * 60_000;
const LOOKUP_TIMEOUT_MS = 800;

interface Seen {
  locale?: Locale;
  at: number;
}

export const slackLocale = (raw: string | undefined): Locale | undefined =>
  raw ? (raw.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en') : undefined;

export class SlackIdentity {
  readonly #seen = new Map<string, Seen>();

  constructor(
    private readonly client: WebClient,
    private readonly directory: Directory,
    private readonly logger: Logger,
    private readonly wallClock: () => number = () => performance.now(),
  ) {}

  /** Bind config people without a Slack ID to their Slack user, by email (users:read.email). */
  async linkByEmail(): Promise<{ linked: number; missing: string[] }> {
    let linked = 0;
    const missing: string[] = [];
    for (const person of this.directory.people()) {
      if (person.slack || !person.email) continue;
      try {
        const res = await this.client.users.lookupByEmail({ email: person.email });
        if (res.user?.id && this.directory.link(person.id, 'slack', res.user.id)) linked++;
      } catch {
        missing.push(person.id);
      }
    }
    if (missing.length) this.logger.warn({ people: missing }, 'slack: no Slack user found by email for these people; set their slack: ID in the config');
    return { linked, missing };
  }

  /**
   * A configured person's Slack user ID for delivery: from the config or linked, else looked up by
   * email now (and linked). Undefined when Slack has no such user.
   */
  async userIdOf(personId: string): Promise<string | undefined> {
    const known = this.directory.platformId(personId, 'slack');
    if (known) return known;
    const email = this.directory.person(personId)?.email;
    if (!email) return undefined;
    try {
      const res = await this.client.users.lookupByEmail({ email });
      if (res.user?.id) this.directory.link(personId, 'slack', res.user.id);
      return res.user?.id;
    } catch (e) {
      if ((e as { data?: { error?: string } }).data?.error === 'users_not_found') return undefined;
      throw e; // rate limited, network: the dispatcher retries
    }
  }

  /**
   * A Slack user's language for what Kesu sends them (DMs, reminders, escalations), as `actor()`
   * picks it for modals: a locale in the config wins, else their Slack locale (users.info, cached an
   * hour), else undefined (the deliverer uses the configured default).
   */
  async localeOf(userId: string): Promise<Locale | undefined> {
    const seen = await this.#lookup(userId);
    return this.directory.person(this.directory.actorId('slack', userId))?.locale ?? seen.locale;
  }

  /** The actor for a Slack user; looks the user up once an hour (locale, and email for unknown users). */
  async actor(userId: string, hintLocale?: string): Promise<Actor> {
    const seen = await this.#lookup(userId, hintLocale);
    const id = this.directory.actorId('slack', userId);
    const person = this.directory.person(id);
    const locale = person?.locale ?? seen.locale ?? this.directory.localeOf(id);
    return { id, name: this.directory.displayName(id, locale), locale };
  }

  async #lookup(userId: string, hintLocale?: string): Promise<Seen> {
    const cached = this.#seen.get(userId);
    const now = this.wallClock();
    if (cached && now - cached.at < TTL_MS) return cached;
    const seen: Seen = { at: now, ...(slackLocale(hintLocale) ? { locale: slackLocale(hintLocale)! } : {}) };
    try {
      // Time-boxed: the caller may be inside a trigger's 3 seconds; without an answer the configured language is used.
      const res = await Promise.race([
        this.client.users.info({ user: userId, include_locale: true }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('users.info took too long')), LOOKUP_TIMEOUT_MS).unref()),
      ]);
      const locale = slackLocale(res.user?.locale);
      if (locale) seen.locale = locale;
      const email = res.user?.profile?.email;
      const person = email ? this.directory.personByEmail(email) : undefined;
      // A pinned `slack:` ID in the config wins: another account with the same email gets no one's roles.
      if (person && !person.slack && !this.directory.personBySlackId(userId)) this.directory.link(person.id, 'slack', userId);
    } catch (e) {
      this.logger.warn({ user: userId, err: (e as Error).message }, 'slack: users.info failed; using the configured language');
    }
    this.#seen.set(userId, seen);
    return seen;
  }
}
