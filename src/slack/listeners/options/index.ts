import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { registerTouchpointOptions } from './touchpointOptions.js';

/** Options loaded as the user types into an external select (block_suggestion). */
export function register(app: App, ctx: SlackContext): void {
  registerTouchpointOptions(app, ctx);
}
