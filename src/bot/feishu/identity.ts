/**
 * Feishu users as Kesu actors: a person from the config (by open_id, or matched by email at start-up
 * through contact.v3.user.batchGetId), otherwise `feishu:ou_…` staff. Language: the person's
 * configured locale, else the organisation's.
 */
import type { Client } from '@larksuiteoapi/node-sdk';
import type { Directory } from '../../config/directory.ts';
import type { Logger } from '../../logger.ts';
import type { Actor } from '../../workflows/model.ts';

export class FeishuIdentity {
  constructor(
    private readonly client: Client,
    private readonly directory: Directory,
    private readonly logger: Logger,
  ) {}

  /** Bind config people without an open_id to their Feishu user, by email (contact:user.id:readonly). */
  async linkByEmail(): Promise<{ linked: number; missing: string[] }> {
    const wanted = this.directory.people().filter((p) => !p.feishu && p.email);
    const missing: string[] = [];
    let linked = 0;
    for (let i = 0; i < wanted.length; i += 50) {
      const batch = wanted.slice(i, i + 50);
      const res = await this.client.contact.v3.user.batchGetId({ params: { user_id_type: 'open_id' }, data: { emails: batch.map((p) => p.email!) } }).catch((e: unknown) => ({ code: -1, msg: String(e), data: undefined }));
      const found = new Map((res.data?.user_list ?? []).filter((u) => u.user_id).map((u) => [u.email?.toLowerCase(), u.user_id!]));
      for (const p of batch) {
        const id = found.get(p.email!.toLowerCase());
        if (id && this.directory.link(p.id, 'feishu', id)) linked++;
        else missing.push(p.id);
      }
    }
    if (missing.length) this.logger.warn({ people: missing }, 'feishu: no Feishu user found by email for these people; set their feishu: open_id in the config');
    return { linked, missing };
  }

  /** A configured person's open_id for delivery: from the config or linked, else looked up by email now (and linked). */
  async openIdOf(personId: string): Promise<string | undefined> {
    const known = this.directory.platformId(personId, 'feishu');
    if (known) return known;
    const email = this.directory.person(personId)?.email;
    if (!email) return undefined;
    const res = await this.client.contact.v3.user.batchGetId({ params: { user_id_type: 'open_id' }, data: { emails: [email] } });
    if (res.code) throw new Error(`feishu: looking up ${personId} by email failed: ${res.code} ${res.msg ?? ''}`);
    const id = res.data?.user_list?.find((u) => u.email?.toLowerCase() === email.toLowerCase())?.user_id;
    if (id) this.directory.link(personId, 'feishu', id);
    return id;
  }

  actor(openId: string): Actor {
    const id = this.directory.actorId('feishu', openId);
    const locale = this.directory.localeOf(id);
    return { id, name: this.directory.displayName(id, locale), locale };
  }
}
