import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.ts';
import * as formSubmission from './form-submission.ts';

export function register(app: App, ctx: SlackContext): void {
  formSubmission.register(app, ctx);
}
