import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { registerLogActionSubmit } from './logActionSubmit.js';

/** Modal submissions (view_submission). */
export function register(app: App, ctx: SlackContext): void {
  registerLogActionSubmit(app, ctx);
}
