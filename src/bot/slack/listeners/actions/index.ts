import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.ts';
import * as cardButton from './card-button.ts';
import * as messageButton from './message-button.ts';
import * as show from './show.ts';

export function register(app: App, ctx: SlackContext): void {
  cardButton.register(app, ctx);
  show.register(app, ctx);
  messageButton.register(app, ctx);
}
