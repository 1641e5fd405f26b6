/** Preflight plumbing both platforms use: bounded concurrency, timeouts, the channels and people to check, the admins check. */
import type { OrgConfig, Person } from '../../config/schema.ts';
import type { ChatPlatform } from '../platforms.ts';
import type { PreflightCheck } from './types.ts';

export const PLATFORM_NAME: Record<ChatPlatform, string> = { slack: 'Slack', feishu: 'Feishu' };

/** The people alerted about unreachable targets: config `admins`, or the GMs when it is empty. */
export function alertedPeople(config: Pick<OrgConfig, 'admins' | 'gm'>): { ids: string[]; gms: boolean } {
  return config.admins.length ? { ids: [...config.admins], gms: false } : { ids: [...config.gm], gms: true };
}

export class Timeout extends Error {}

export function within<T>(ms: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([Promise.resolve().then(work), late]).finally(() => clearTimeout(timer));
}

/** Runs the tasks with at most `limit` at a time; results in the tasks' order. */
export async function pooled<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** A platform's checks, or one failed check if something unforeseen throws: preflight never does. */
export async function safely(platform: ChatPlatform, run: () => Promise<PreflightCheck[]>): Promise<PreflightCheck[]> {
  try {
    return await run();
  } catch (e) {
    return [{ platform, kind: 'auth', name: 'preflight', id: '', ok: false, problem: 'error', detail: `the checks stopped: ${(e as Error).message ?? String(e)}`, fix: 'run `kesu doctor` again; if it keeps failing, report it with the log' }];
  }
}

export const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** A configured channel and every use it has in the config (one channel may serve several). */
interface ChannelUse {
  names: string[];
  id: string;
  /** For a missing address: what happens meanwhile, and where to set it. */
  missing?: { detail: string; fix: string };
}

/** Channels to check on a platform, in config order, uses of one channel ID merged; missing ones each on their own. */
export function channelsOf(config: OrgConfig, platform: ChatPlatform): ChannelUse[] {
  const P = PLATFORM_NAME[platform];
  const example = platform === 'slack' ? 'C…' : 'oc_…';
  const noun = platform === 'slack' ? 'channel' : 'group';
  const out: ChannelUse[] = [];
  const byId = new Map<string, ChannelUse>();
  const add = (name: string, id: string | undefined, missing?: ChannelUse['missing']) => {
    if (!id) {
      if (missing) out.push({ names: [name], id: '', missing });
      return;
    }
    const seen = byId.get(id);
    if (seen) return void seen.names.push(name);
    const use = { names: [name], id };
    byId.set(id, use);
    out.push(use);
  };
  for (const d of config.departments) {
    add(`${d.name.en} department channel`, d.channel[platform], {
      detail: `no ${P} ${noun} configured: its cards go to the heads by DM`,
      fix: `set channel: { ${platform}: ${example} } for department ${d.key} in the config`,
    });
  }
  add('customer service channel', config.customerService.channel[platform], {
    detail: `no ${P} ${noun} configured: new complaints are not posted for customer service`,
    fix: `set customerService.channel: { ${platform}: ${example} } in the config`,
  });
  // The GM's and management's channels are optional: checked only where configured.
  add('GM channel', config.gmChannel?.[platform]);
  add('management channel', config.managementChannel?.[platform]);
  return out;
}

/** The admins check, from the person checks just made. */
export function adminsCheck(config: OrgConfig, platform: ChatPlatform, people: readonly PreflightCheck[]): PreflightCheck {
  const { ids, gms } = alertedPeople(config);
  const names = ids.map((id) => {
    const p = config.people.find((q) => q.id === id);
    return p ? `${p.name.en} (${id})` : id;
  });
  const label = `${gms ? 'the general managers (no admins: in the config): ' : ''}${names.join(', ')}`;
  const reachable = ids.some((id) => people.some((c) => c.name === id && c.ok));
  return {
    platform,
    kind: 'admins',
    name: 'admins',
    id: '',
    ok: reachable,
    label,
    ...(reachable
      ? {}
      : { problem: 'none_reachable', detail: `none of them can be reached on ${PLATFORM_NAME[platform]}`, fix: `fix their entries above, or list people who can be reached under admins: in the config` }),
  };
}

export function noAddress(platform: ChatPlatform, p: Person): PreflightCheck {
  const P = PLATFORM_NAME[platform];
  const example = platform === 'slack' ? 'slack: U…' : 'feishu: ou_…';
  return { platform, kind: 'person', name: p.id, id: '', ok: false, label: p.name.en, problem: 'no_address', detail: `no ${P} ID and no email configured: Kesu cannot reach them on ${P}`, fix: `set ${example} or email: for ${p.id} in the config` };
}
