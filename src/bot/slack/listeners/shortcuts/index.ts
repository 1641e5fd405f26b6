import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.ts';
import * as fileComplaint from './file-complaint.ts';

export function register(app: App, ctx: SlackContext): void {
  fileComplaint.register(app, ctx);
}
