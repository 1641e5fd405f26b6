/** Who a notification goes to, and where that is on each running platform. */
import type { Directory } from '../config/directory.ts';
import type { OrgConfig } from '../config/schema.ts';
import { personAddress, type PlatformName } from './deliverer.ts';

export type Target = { type: 'person'; id: string } | { type: 'department'; key: string } | { type: 'gm_channel' } | { type: 'cs_channel' } | { type: 'mgmt_channel' };

export interface Address {
  platform: PlatformName;
  address: string;
  direct: boolean;
}

/**
 * Every address of a target on the given platforms. A configured person whose ID on a platform is not
 * known here (a CLI process, someone matched by email) gets `@person`, resolved at delivery — and if
 * nobody is found then, the admins hear of it. A department or customer service without a channel on
 * a chat platform is reached through its heads (customer service: its managers) by DM. Staff known
 * only by another platform's ID, and an optional GM or management channel not set, are skipped there.
 */
export function addressesOf(target: Target, platforms: readonly PlatformName[], dir: Directory, config: OrgConfig): Address[] {
  const out: Address[] = [];
  for (const platform of platforms) {
    if (target.type === 'person') {
      const id =
        platform === 'local'
          ? target.id
          : (dir.platformId(target.id, platform) ??
            (target.id.startsWith(`${platform}:`) ? target.id.slice(platform.length + 1) : dir.person(target.id) ? personAddress(target.id) : undefined));
      if (id) out.push({ platform, address: id, direct: true });
    } else {
      const channels =
        target.type === 'department'
          ? dir.department(target.key)?.channel
          : target.type === 'cs_channel'
            ? config.customerService.channel
            : target.type === 'mgmt_channel'
              ? config.managementChannel
              : config.gmChannel;
      const local =
        target.type === 'department' ? `#${target.key}` : target.type === 'cs_channel' ? CS_LOCAL : !channels ? undefined : target.type === 'mgmt_channel' ? MGMT_LOCAL : GM_LOCAL;
      const id = platform === 'local' ? local : channels?.[platform];
      if (id) out.push({ platform, address: id, direct: false });
      else if (platform !== 'local' && (target.type === 'department' || target.type === 'cs_channel')) {
        // No channel on this platform: the people behind it hear by DM rather than nobody.
        for (const p of peopleBehind(target, dir, config)) out.push(...addressesOf({ type: 'person', id: p }, [platform], dir, config));
      }
    }
  }
  return out;
}

/**
 * The people who stand behind a target: a department's heads, customer service's managers (else its
 * members), the GMs for the GM and management channels. They hear by DM when its channel is missing
 * or cannot be reached.
 */
export function peopleBehind(target: Target, dir: Directory, config: OrgConfig): string[] {
  if (target.type === 'person') return [target.id];
  if (target.type === 'department') return dir.headsOf(target.key);
  if (target.type === 'cs_channel') return config.customerService.managers.length ? config.customerService.managers : config.customerService.members;
  return dir.gms();
}

const CS_LOCAL = '#customer_service';
const GM_LOCAL = '#gm';
const MGMT_LOCAL = '#management';

export interface LocalChannel {
  /** The address notifications use on the local platform, e.g. `#quality`. */
  id: string;
  kind: 'department' | 'customer_service' | 'gm' | 'management';
  /** Department key, for department channels. */
  department?: string;
}

/** The local console's channels: one per department, customer service's, and the GM's and management's when configured. */
export function localChannels(config: OrgConfig): LocalChannel[] {
  const out: LocalChannel[] = config.departments.map((d) => ({ id: `#${d.key}`, kind: 'department', department: d.key }));
  if (!out.some((c) => c.id === CS_LOCAL)) out.push({ id: CS_LOCAL, kind: 'customer_service' });
  if (config.gmChannel) out.push({ id: GM_LOCAL, kind: 'gm' });
  if (config.managementChannel) out.push({ id: MGMT_LOCAL, kind: 'management' });
  return out;
}

export function targetKey(t: Target): string {
  return t.type === 'person' ? `person:${t.id}` : t.type === 'department' ? `dept:${t.key}` : t.type;
}
