/** Preflight on Feishu: the app's credentials, every configured group and every person, through the Open API. */
import type { OrgConfig } from '../../config/schema.ts';
import { adminsCheck, channelsOf, noAddress, pooled, seconds, Timeout, within } from './shared.ts';
import type { FeishuPreflightApi, Opts, PreflightCheck } from './types.ts';

/** Feishu batch_get_id takes at most 50 emails. */
const FEISHU_EMAIL_BATCH = 50;

interface FeishuOutcome {
  /** 0 on success; Feishu's code; or -1 (unreachable), -2 (timeout). */
  code: number;
  msg?: string;
  data?: any;
  bot?: any;
}

const FEISHU_TIMEOUT = -2;

/** The SDK resolves Feishu's code≠0 answers given with HTTP 200, and throws (axios) on HTTP errors: read the code from the response either way. */
async function feishuCall(api: FeishuPreflightApi, opts: Opts, payload: Parameters<FeishuPreflightApi['request']>[0]): Promise<FeishuOutcome> {
  try {
    const res = (await within(opts.timeoutMs, () => api.request({ ...payload, timeout: opts.timeoutMs + 500 }))) as FeishuOutcome | undefined;
    return res && typeof res.code === 'number' ? res : { code: -1, msg: 'an answer without a code' };
  } catch (e) {
    if (e instanceof Timeout) return { code: FEISHU_TIMEOUT, msg: `no answer within ${seconds(opts.timeoutMs)}` };
    const err = e as { response?: { status?: number; data?: FeishuOutcome }; message?: string };
    if (typeof err.response?.data?.code === 'number' && err.response.data.code !== 0) return err.response.data;
    if (err.response?.status === 429) return { code: 99991400, msg: 'too many requests' };
    return { code: -1, msg: err.message ?? String(e) };
  }
}

const feishuProblem = (res: FeishuOutcome) => (res.code === FEISHU_TIMEOUT ? 'timeout' : res.code === -1 ? 'error' : String(res.code));

/** Words and a fix for Feishu errors any call may get. */
function feishuTrouble(res: FeishuOutcome): { detail: string; fix: string } {
  switch (res.code) {
    case FEISHU_TIMEOUT:
      return { detail: res.msg ?? 'no answer in time', fix: "check the network and Feishu's status, then run `kesu doctor`" };
    case 99991400:
      return { detail: 'rate limited by Feishu', fix: 'run `kesu doctor` again in a minute' };
    case 99991663:
    case 99991661:
    case 99991664:
    case 99991665:
    case 10003:
    case 10014:
      return { detail: 'Feishu refused the app credentials', fix: 'check FEISHU_APP_ID, FEISHU_APP_SECRET and FEISHU_DOMAIN' };
    case 99991672:
    case 99991679:
      return { detail: `the app lacks a permission: ${res.msg ?? ''}`.trim(), fix: 'grant im:chat:readonly, contact:user.base:readonly and contact:user.id:readonly in the developer console (权限管理) and publish a version' };
    case 232025:
    case 230006:
      return { detail: "the app's bot feature is off", fix: 'turn on the bot in the developer console (应用能力 → 机器人) and publish a version' };
    default:
      return { detail: res.msg ? `Feishu answered: ${res.msg}` : `Feishu answered ${res.code}`, fix: "check FEISHU_DOMAIN, the network and Feishu's status, then run `kesu doctor`" };
  }
}

const ADD_BOT = (bot: string) => `add the bot ${bot} to the group: group settings → Bots → Add (群设置 → 群机器人 → 添加机器人)`;

export async function feishuChecks(config: OrgConfig, api: FeishuPreflightApi, opts: Opts): Promise<PreflightCheck[]> {
  const platform = 'feishu' as const;
  const info = await feishuCall(api, opts, { method: 'GET', url: 'open-apis/bot/v3/info' });
  if (info.code !== 0) {
    const t = feishuTrouble(info);
    return [{ platform, kind: 'auth', name: 'bot', id: '', ok: false, problem: feishuProblem(info), detail: t.detail, fix: `${t.fix}; the other Feishu checks were skipped` }];
  }
  const bot: string = info.bot?.app_name ?? info.data?.bot?.app_name ?? 'Kesu';
  const checks: PreflightCheck[] = [{ platform, kind: 'auth', name: 'bot', id: info.bot?.open_id ?? '', ok: true, label: bot }];

  const channelTasks = channelsOf(config, platform).map((use) => async (): Promise<PreflightCheck> => {
    const base = { platform, kind: 'channel' as const, name: use.names.join(', '), id: use.id };
    if (use.missing) return { ...base, ok: false, problem: 'no_channel', ...use.missing };
    const path = `open-apis/im/v1/chats/${encodeURIComponent(use.id)}`;
    const chat = await feishuCall(api, opts, { method: 'GET', url: path });
    const refused = (res: FeishuOutcome, label?: string): PreflightCheck => {
      const named = { ...base, ...(label ? { label } : {}) };
      switch (res.code) {
        case 232011:
        case 230002:
          return { ...named, ok: false, problem: String(res.code), detail: 'the bot is not in the group', fix: ADD_BOT(bot) };
        case 232006:
          return { ...named, ok: false, problem: String(res.code), detail: 'no such group', fix: 'check the chat_id (oc_…) in the config' };
        case 232009:
          return { ...named, ok: false, problem: String(res.code), detail: 'the group was disbanded', fix: "put another group's chat_id in the config" };
        default:
          return { ...named, ok: false, problem: feishuProblem(res), ...feishuTrouble(res) };
      }
    };
    if (chat.code !== 0) return refused(chat);
    const label = chat.data?.name ? String(chat.data.name) : undefined;
    if (typeof chat.data?.chat_status === 'string' && chat.data.chat_status.startsWith('dissolved')) return refused({ code: 232009 }, label);
    const member = await feishuCall(api, opts, { method: 'GET', url: `${path}/members/is_in_chat` });
    if (member.code !== 0) return refused(member, label);
    if (member.data?.is_in_chat === false) return { ...base, ...(label ? { label } : {}), ok: false, problem: 'not_in_chat', detail: 'the bot is not in the group', fix: ADD_BOT(bot) };
    return { ...base, ...(label ? { label } : {}), ok: true };
  });

  // People with an open_id one by one; people with only an email 50 to a call.
  const byEmail = config.people.filter((p) => !p.feishu && p.email);
  const personResults = new Map<string, PreflightCheck>();
  const batchTasks: Array<() => Promise<void>> = [];
  for (let i = 0; i < byEmail.length; i += FEISHU_EMAIL_BATCH) {
    const batch = byEmail.slice(i, i + FEISHU_EMAIL_BATCH);
    batchTasks.push(async () => {
      const res = await feishuCall(api, opts, { method: 'POST', url: 'open-apis/contact/v3/users/batch_get_id', params: { user_id_type: 'open_id' }, data: { emails: batch.map((p) => p.email!) } });
      const found = new Map<string, string>();
      for (const u of (res.data?.user_list ?? []) as Array<{ email?: string; user_id?: string }>) if (u.email && u.user_id) found.set(u.email.toLowerCase(), u.user_id);
      for (const p of batch) {
        const check = { platform, kind: 'person' as const, name: p.id, id: p.email!, label: p.name.en };
        const userId = found.get(p.email!.toLowerCase());
        if (res.code !== 0) personResults.set(p.id, { ...check, ok: false, problem: feishuProblem(res), ...feishuTrouble(res) });
        else if (userId) personResults.set(p.id, { ...check, ok: true, userId });
        else
          personResults.set(p.id, {
            ...check,
            ok: false,
            problem: 'no_user',
            detail: "no Feishu user has this email, or they are outside the app's contact scope",
            fix: `set feishu: ou_… for ${p.id} in the config, check their email, or widen the app's contact scope (通讯录权限范围)`,
          });
      }
    });
  }
  const idTasks = config.people
    .filter((p) => p.feishu)
    .map((p) => async () => {
      const check = { platform, kind: 'person' as const, name: p.id, id: p.feishu!, label: p.name.en };
      const res = await feishuCall(api, opts, { method: 'GET', url: `open-apis/contact/v3/users/${encodeURIComponent(p.feishu!)}`, params: { user_id_type: 'open_id' } });
      let result: PreflightCheck;
      if (res.code === 0) {
        const status = res.data?.user?.status ?? {};
        result = status.is_resigned
          ? { ...check, ok: false, problem: 'resigned', detail: 'the Feishu account has left the company (离职)', fix: `set another feishu: open_id for ${p.id}, or replace them in the config` }
          : { ...check, ok: true };
      } else if (res.code === 41050 || res.code === 40013 || res.code === 41012) {
        result = { ...check, ok: false, problem: String(res.code), detail: "no such Feishu user, or outside the app's contact scope", fix: `check feishu: ${p.feishu} for ${p.id} in the config, and the app's contact scope (通讯录权限范围)` };
      } else {
        result = { ...check, ok: false, problem: feishuProblem(res), ...feishuTrouble(res) };
      }
      personResults.set(p.id, result);
    });

  const channelChecks = await pooled<PreflightCheck | void>([...channelTasks, ...idTasks, ...batchTasks], opts.concurrency);
  checks.push(...(channelChecks.filter(Boolean) as PreflightCheck[]));
  const people = config.people.map((p) => personResults.get(p.id) ?? noAddress(platform, p));
  checks.push(...people);
  checks.push(adminsCheck(config, platform, people));
  return checks;
}
