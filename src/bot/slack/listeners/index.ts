/** The Slack app's one root registrar: one folder per kind of listener, each with its register(app, ctx). */
import type { App } from '@slack/bolt';
import type { SlackContext } from '../context.ts';
import * as actions from './actions/index.ts';
import * as commands from './commands/index.ts';
import * as events from './events/index.ts';
import * as shortcuts from './shortcuts/index.ts';
import * as views from './views/index.ts';

export function registerListeners(app: App, ctx: SlackContext): void {
  for (const folder of [commands, shortcuts, actions, views, events]) folder.register(app, ctx);
}
