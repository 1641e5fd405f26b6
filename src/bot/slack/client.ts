/**
 * Slack Web API clients from the settings (SLACK_API_URL points them elsewhere: proxies, GovSlack,
 * tests). The background client makes no silent retries: the outbox dispatcher retries, paced, with
 * the platform's Retry-After.
 */
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Settings } from '../../config/env.ts';
import type { Logger } from '../../logger.ts';
import { boltLogger } from './logger.ts';

/** The base URL with a trailing slash, when SLACK_API_URL is set. */
export function slackApiUrl(settings: Pick<Settings, 'slack'>): string | undefined {
  const url = settings.slack.apiUrl;
  return url ? (url.endsWith('/') ? url : `${url}/`) : undefined;
}

export function slackClientOptions(settings: Pick<Settings, 'slack'>, logger: Logger): WebClientOptions {
  const apiUrl = slackApiUrl(settings);
  return { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), logger: boltLogger(logger) };
}

/** A client for work outside a request (delivery, preflight): rate limits throw instead of waiting. */
export function slackBackgroundClient(settings: Pick<Settings, 'slack'>, logger: Logger): WebClient {
  if (!settings.slack.botToken) throw new Error('slackBackgroundClient: SLACK_BOT_TOKEN is not set');
  return new WebClient(settings.slack.botToken, { ...slackClientOptions(settings, logger), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
}
