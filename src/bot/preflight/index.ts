/**
 * Preflight: can Kesu reach every channel and person it is configured to reach? Run at start-up (the
 * checklist is printed once the platforms are up) and by `kesu doctor`. For each chat platform with a
 * client it checks:
 *   - the app's credentials (Slack auth.test; Feishu bot/v3/info) — when they fail, that platform's
 *     other checks are skipped, since every one of them would fail the same way;
 *   - every configured channel: each department's, customer service's, and the GM's and management's
 *     when set — that it exists, is not archived or disbanded, and has the app in it (Slack
 *     conversations.info; Feishu im/v1/chats/:chat_id and …/members/is_in_chat). A department or
 *     customer service without a channel on the platform is a failed check too;
 *   - every person in the config: the configured user ID (Slack users.info; Feishu contact user by
 *     open_id), else a look-up by email (users.lookupByEmail; contact users/batch_get_id), else a
 *     failed check for having no address at all; deactivated and resigned accounts fail;
 *   - who is alerted about unreachable targets (config `admins`, else the GMs), and whether at least
 *     one of them can be reached on the platform.
 * Each failed check carries the platform's code and a one-line fix.
 *
 * Bounded and safe to call anywhere: at most `concurrency` calls in flight per platform, each given
 * `timeoutMs`, and nothing throws — an error, a refusal or a timeout is a failed check.
 *
 * Scopes it needs: Slack channels:read, groups:read (private channels), users:read, users:read.email;
 * Feishu im:chat:readonly (or im:chat), contact:user.base:readonly, contact:user.id:readonly.
 *
 * The SDK clients are built in src/bot/<platform>/client.ts; this folder only needs the calls it makes:
 * slack.ts and feishu.ts hold each platform's checks, shared.ts what they share, types.ts the types.
 */
import type { Settings } from '../../config/env.ts';
import type { OrgConfig } from '../../config/schema.ts';
import type { Logger } from '../../logger.ts';
import { feishuApi } from '../feishu/client.ts';
import { configuredPlatforms } from '../platforms.ts';
import { slackBackgroundClient } from '../slack/client.ts';
import { feishuChecks } from './feishu.ts';
import { PLATFORM_NAME, safely } from './shared.ts';
import { slackChecks } from './slack.ts';
import type { FeishuPreflightApi, PreflightCheck, SlackPreflightApi } from './types.ts';

export type { FeishuPreflightApi, PreflightCheck, PreflightKind, SlackPreflightApi } from './types.ts';
export { alertedPeople } from './shared.ts';

export interface PreflightClients {
  slack?: SlackPreflightApi;
  feishu?: FeishuPreflightApi;
}

export interface PreflightOptions {
  /** Calls in flight per platform (default 4). */
  concurrency?: number;
  /** Time for each call (default 5 s). */
  timeoutMs?: number;
}

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_TIMEOUT_MS = 5_000;

/** Codes of our own (not the platform's): their words say it all, so the checklist leaves them out. */
const OUR_CODES = new Set(['no_channel', 'no_address', 'no_user', 'not_in_chat', 'deactivated', 'resigned', 'none_reachable', 'timeout', 'error']);

/** Clients for the configured platforms, from the settings; their SDKs stay quiet (every failure becomes a check). */
export function preflightClients(core: { settings: Pick<Settings, 'slack' | 'feishu'>; logger: Logger }): PreflightClients {
  const platforms = configuredPlatforms(core.settings);
  const quiet = core.logger.levelVal >= 60 ? core.logger : core.logger.child({ component: 'preflight' }, { level: 'fatal' });
  const clients: PreflightClients = {};
  if (platforms.includes('slack')) clients.slack = slackBackgroundClient(core.settings, quiet);
  if (platforms.includes('feishu')) clients.feishu = feishuApi(core.settings, quiet).client;
  return clients;
}

/** Runs every check for the platforms in `clients`; never throws. Checks come in a fixed order: per platform, auth, channels, people, admins. */
export async function preflight(core: { config: OrgConfig }, clients: PreflightClients, options: PreflightOptions = {}): Promise<PreflightCheck[]> {
  const opts = { concurrency: Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY), timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  const runs: Array<Promise<PreflightCheck[]>> = [];
  if (clients.slack) runs.push(safely('slack', () => slackChecks(core.config, clients.slack!, opts)));
  if (clients.feishu) runs.push(safely('feishu', () => feishuChecks(core.config, clients.feishu!, opts)));
  return (await Promise.all(runs)).flat();
}

/** The checklist, one line per check: `✓ Slack: …` or `✗ Slack: …: what is wrong [code] — how to fix it`. */
export function formatChecklist(checks: readonly PreflightCheck[]): string[] {
  return checks.map((c) => {
    const platform = PLATFORM_NAME[c.platform];
    const id = c.id ? ` ${c.userId && c.userId !== c.id ? `${c.id} → ${c.userId}` : c.id}` : '';
    const subject =
      c.kind === 'person'
        ? `person ${c.label ? `${c.label} (${c.name})` : c.name}${id}`
        : c.kind === 'admins'
          ? `unreachable targets are reported by DM to ${c.label ?? c.name}`
          : `${c.name}${c.label ? ` ${c.label}` : ''}${c.id ? ` (${c.id})` : ''}`;
    if (c.ok) return `✓ ${platform}: ${subject}`;
    const code = c.problem && !OUR_CODES.has(c.problem) ? ` [${c.problem}]` : '';
    return `✗ ${platform}: ${subject}: ${c.detail ?? c.problem ?? 'failed'}${code}${c.fix ? ` — ${c.fix}` : ''}`;
  });
}
