/** Preflight on Slack: the bot token, every configured channel and every person, through the Web API. */
import type { OrgConfig } from '../../config/schema.ts';
import { adminsCheck, channelsOf, noAddress, pooled, seconds, Timeout, within } from './shared.ts';
import type { Opts, PreflightCheck, SlackPreflightApi } from './types.ts';

interface SlackOutcome<T> {
  value?: T;
  /** The Slack error (`not_in_channel`), or `timeout` / `ratelimited` / `error`. */
  code?: string;
  message?: string;
}

async function slackCall<T>(opts: Opts, work: () => Promise<T>): Promise<SlackOutcome<T>> {
  try {
    return { value: await within(opts.timeoutMs, work) };
  } catch (e) {
    if (e instanceof Timeout) return { code: 'timeout', message: `no answer within ${seconds(opts.timeoutMs)}` };
    const err = e as { code?: string; data?: { error?: string }; message?: string };
    if (err.code === 'slack_webapi_platform_error' && err.data?.error) return { code: err.data.error, message: err.data.error };
    if (err.code === 'slack_webapi_rate_limited_error') return { code: 'ratelimited', message: 'rate limited by Slack' };
    return { code: 'error', message: err.message ?? String(e) };
  }
}

/** Words and a fix for Slack errors any call may get. */
function slackTrouble(code: string, message: string | undefined): { detail: string; fix: string } {
  switch (code) {
    case 'timeout':
      return { detail: message ?? 'no answer in time', fix: "check the network and Slack's status, then run `kesu doctor`" };
    case 'ratelimited':
      return { detail: 'rate limited by Slack', fix: 'run `kesu doctor` again in a minute' };
    case 'missing_scope':
      return { detail: 'the app lacks a scope', fix: 'add the channels:read, groups:read, users:read and users:read.email scopes (manifest.yml) and reinstall the app' };
    case 'invalid_auth':
    case 'not_authed':
    case 'account_inactive':
    case 'token_revoked':
    case 'token_expired':
      return { detail: 'Slack refused the bot token', fix: 'check SLACK_BOT_TOKEN (reinstalling the app gives a new one)' };
    default:
      return { detail: message && message !== code ? message : `Slack answered ${code}`, fix: "check SLACK_API_URL, the network and Slack's status, then run `kesu doctor`" };
  }
}

export async function slackChecks(config: OrgConfig, api: SlackPreflightApi, opts: Opts): Promise<PreflightCheck[]> {
  const platform = 'slack' as const;
  const auth = await slackCall(opts, () => api.auth.test());
  if (!auth.value) {
    const t = slackTrouble(auth.code ?? 'error', auth.message);
    return [{ platform, kind: 'auth', name: 'bot', id: '', ok: false, problem: auth.code ?? 'error', detail: t.detail, fix: `${t.fix}; the other Slack checks were skipped` }];
  }
  const bot = auth.value.user ?? 'kesu';
  const checks: PreflightCheck[] = [
    { platform, kind: 'auth', name: 'bot', id: auth.value.user_id ?? '', ok: true, label: `@${bot}${auth.value.team ? ` in ${auth.value.team}` : ''}` },
  ];

  const channelTasks = channelsOf(config, platform).map((use) => async (): Promise<PreflightCheck> => {
    const base = { platform, kind: 'channel' as const, name: use.names.join(', '), id: use.id };
    if (use.missing) return { ...base, ok: false, problem: 'no_channel', ...use.missing };
    const res = await slackCall(opts, () => api.conversations.info({ channel: use.id }));
    const channel = res.value?.channel;
    if (!channel) {
      if (res.code === 'channel_not_found')
        return { ...base, ok: false, problem: res.code, detail: 'no such channel, or a private one the app is not in', fix: `check the channel ID in the config; a private channel must invite the app first: /invite @${bot}` };
      const t = slackTrouble(res.code ?? 'error', res.message);
      return { ...base, ok: false, problem: res.code ?? 'error', ...t };
    }
    const label = channel.name ? `#${channel.name}` : undefined;
    const where = label ?? 'the channel';
    const named = { ...base, ...(label ? { label } : {}) };
    if (channel.is_archived) return { ...named, ok: false, problem: 'is_archived', detail: 'the channel is archived', fix: `unarchive ${where}, or put another channel's ID in the config` };
    if (channel.is_member === false) return { ...named, ok: false, problem: 'not_in_channel', detail: 'the app is not in the channel', fix: `invite the app: /invite @${bot} in ${where}` };
    return { ...named, ok: true };
  });

  const personTasks = config.people.map((p) => async (): Promise<PreflightCheck> => {
    const base = { platform, kind: 'person' as const, name: p.id, label: p.name.en };
    if (p.slack) {
      const res = await slackCall(opts, () => api.users.info({ user: p.slack! }));
      const check = { ...base, id: p.slack };
      if (res.value?.user) {
        if (res.value.user.deleted) return { ...check, ok: false, problem: 'deactivated', detail: 'the Slack account is deactivated', fix: `set another slack: ID for ${p.id}, or replace them in the config` };
        return { ...check, ok: true };
      }
      if (res.code === 'user_not_found') return { ...check, ok: false, problem: res.code, detail: 'no such Slack user', fix: `check slack: ${p.slack} for ${p.id} in the config` };
      return { ...check, ok: false, problem: res.code ?? 'error', ...slackTrouble(res.code ?? 'error', res.message) };
    }
    if (p.email) {
      const res = await slackCall(opts, () => api.users.lookupByEmail({ email: p.email! }));
      const check = { ...base, id: p.email };
      if (res.value?.user?.id) return { ...check, ok: true, userId: res.value.user.id };
      if (res.code === 'users_not_found') return { ...check, ok: false, problem: res.code, detail: 'no Slack user has this email', fix: `set slack: U… for ${p.id} in the config or check their email` };
      return { ...check, ok: false, problem: res.code ?? 'error', ...slackTrouble(res.code ?? 'error', res.message) };
    }
    return noAddress(platform, p);
  });

  const done = await pooled([...channelTasks, ...personTasks], opts.concurrency);
  checks.push(...done);
  checks.push(adminsCheck(config, platform, done.filter((c) => c.kind === 'person')));
  return checks;
}
