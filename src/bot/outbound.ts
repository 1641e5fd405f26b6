/**
 * Deliverers for one-off processes (`kesu tick`): the deployment's chat platforms through their Web
 * API clients, without receivers or listeners, so what a CLI step sends reaches Slack and Feishu as
 * the running bot would send it. The local platform's deliverer is the caller's (the terminal).
 */
import type { Deliverer } from '../notifiers/deliverer.ts';
import type { Core } from './boot.ts';
import { slackBackgroundClient } from './slack/client.ts';
import { SlackDeliverer } from './slack/deliverer.ts';
import { SlackIdentity } from './slack/identity.ts';
import { feishuApi } from './feishu/client.ts';
import { FeishuDeliverer } from './feishu/deliverer.ts';
import { FeishuIdentity } from './feishu/identity.ts';

export function outboundDeliverers(core: Core, local: Deliverer): Deliverer[] {
  const { deps, settings, logger } = core;
  return (deps.platforms ?? []).map((platform): Deliverer => {
    if (platform === 'slack') {
      const client = slackBackgroundClient(settings, logger);
      const identity = new SlackIdentity(client, deps.directory, logger);
      return new SlackDeliverer(client, {
        resolvePerson: (id) => identity.userIdOf(id),
        localeOf: (user) => identity.localeOf(user),
        onThreadError: (id, e) => logger.warn({ complaint: id, err: e.message }, 'slack: timeline reply failed; it follows with the next change'),
        onChartError: (e) => logger.warn({ err: e.message }, 'slack: chart not shared (is files:write granted?); the message went without it'),
      });
    }
    if (platform === 'feishu') {
      const { client, resetToken } = feishuApi(settings, logger);
      const identity = new FeishuIdentity(client, deps.directory, logger);
      return new FeishuDeliverer(client, { resetToken, resolvePerson: (id) => identity.openIdOf(id), onChartError: (reason) => logger.warn(reason) });
    }
    return local;
  });
}
