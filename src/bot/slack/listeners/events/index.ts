import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.ts';
import * as appHomeOpened from './app-home-opened.ts';

export function register(app: App, ctx: SlackContext): void {
  appHomeOpened.register(app, ctx);
}
