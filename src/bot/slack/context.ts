/** What every Slack listener needs, built once by the Slack platform's factory (index.ts). */
import type { WebClient } from '@slack/web-api';
import type { Interactions } from '../../interaction/index.ts';
import type { SlackIdentity } from './identity.ts';

export interface SlackContext {
  io: Interactions;
  client: WebClient;
  /** For App Home refreshes: a client that fails fast on 429 instead of pausing the one that opens modals. */
  backgroundClient: WebClient;
  identity: SlackIdentity;
  /** Users who opened App Home since start: their home is republished after changes. */
  homeViewers: Set<string>;
}
