/**
 * Which platforms `kesu start` attaches, from the settings: Slack when its bot token and an app token
 * (Socket Mode) or signing secret (HTTP) are set, Feishu when its app id and secret are set, and the
 * local console when neither is (or when KESU_CONSOLE=on). Pure, so the rules are tested directly.
 */
import type { Settings } from '../config/env.ts';
import type { PlatformName } from '../notifiers/deliverer.ts';

export type ChatPlatform = 'slack' | 'feishu';

export interface PlatformChoice {
  slack: boolean;
  feishu: boolean;
  local: boolean;
  /** Why, in a sentence each, for the start-up log. */
  reasons: string[];
}

/** Chat adapters this build contains. */
export const AVAILABLE_CHAT_PLATFORMS: readonly ChatPlatform[] = ['slack', 'feishu'];

export function configuredPlatforms(settings: Pick<Settings, 'slack' | 'feishu'>): ChatPlatform[] {
  const { slack, feishu } = settings;
  const out: ChatPlatform[] = [];
  if (slack.botToken && (slack.appToken || slack.signingSecret)) out.push('slack');
  if (feishu.appId && feishu.appSecret) out.push('feishu');
  return out;
}

export function choosePlatforms(
  settings: Pick<Settings, 'slack' | 'feishu' | 'console'>,
  available: readonly ChatPlatform[] = AVAILABLE_CHAT_PLATFORMS,
): PlatformChoice {
  const configured = configuredPlatforms(settings);
  const reasons: string[] = [];
  const on = (p: ChatPlatform) => configured.includes(p) && available.includes(p);
  for (const p of configured) {
    reasons.push(available.includes(p) ? `${p}: credentials set` : `${p}: credentials set, but this build has no ${p} adapter yet`);
  }
  const chat = on('slack') || on('feishu');
  const local = settings.console === 'on' || (settings.console === 'auto' && !chat);
  if (local) reasons.push(settings.console === 'on' ? 'local console: KESU_CONSOLE=on' : 'local console: no chat platform is set up');
  else if (settings.console === 'off') reasons.push('local console: off (KESU_CONSOLE=off)');
  return { slack: on('slack'), feishu: on('feishu'), local, reasons };
}

/**
 * The platforms notifications are written for in this deployment, the same for every entry point
 * (`kesu start`, replicas, the CLI): the chat platforms set up, plus the local console when it runs
 * (or, with nothing at all attached, `local` printed to the terminal, so nothing is consumed unseen).
 */
export function deploymentPlatforms(choice: Pick<PlatformChoice, 'slack' | 'feishu' | 'local'>): PlatformName[] {
  const out: PlatformName[] = [];
  if (choice.slack) out.push('slack');
  if (choice.feishu) out.push('feishu');
  if (choice.local || out.length === 0) out.push('local');
  return out;
}
