import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.ts';
import * as complaint from './complaint.ts';

export function register(app: App, ctx: SlackContext): void {
  complaint.register(app, ctx);
}
