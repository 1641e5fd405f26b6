/** Types shared by the preflight modules: a check, the platform calls preflight makes, and the run's limits. */
import type { ChatPlatform } from '../platforms.ts';

export type PreflightKind = 'auth' | 'channel' | 'person' | 'admins';

export interface PreflightCheck {
  platform: ChatPlatform;
  kind: PreflightKind;
  /** What it is: "bot", "Production department channel", "customer service channel", a person key, "admins". */
  name: string;
  /** What was checked: a channel or user ID, an email looked up; '' when nothing is configured. */
  id: string;
  ok: boolean;
  /** Who or what answered: "#production", a person's name, "@kesu in Hengda". */
  label?: string;
  /** The user ID an email look-up found. */
  userId?: string;
  /** A stable code: the platform's (`not_in_channel`, `232011`) or ours (see OUR_CODES in index.ts). */
  problem?: string;
  /** The problem in words. */
  detail?: string;
  /** One line: how to fix it. */
  fix?: string;
}

/** The Slack Web API calls preflight makes (a `WebClient` has them). */
export interface SlackPreflightApi {
  auth: { test(): Promise<{ user?: string; user_id?: string; team?: string }> };
  conversations: { info(args: { channel: string }): Promise<{ channel?: { name?: string; is_member?: boolean; is_archived?: boolean } }> };
  users: {
    info(args: { user: string }): Promise<{ user?: { id?: string; deleted?: boolean } }>;
    lookupByEmail(args: { email: string }): Promise<{ user?: { id?: string } }>;
  };
}

/** The Feishu Open API access preflight uses (a `lark.Client` has it). */
export interface FeishuPreflightApi {
  request(payload: { method: string; url: string; params?: Record<string, string>; data?: Record<string, unknown>; timeout?: number }): Promise<any>;
}

/** The limits one run works within (PreflightOptions with the defaults filled in). */
export interface Opts {
  concurrency: number;
  timeoutMs: number;
}
