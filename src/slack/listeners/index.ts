import type { App } from '@slack/bolt';
import type { SlackContext } from '../context.js';
import { register as registerActions } from './actions/index.js';
import { register as registerCommands } from './commands/index.js';
import { register as registerEvents } from './events/index.js';
import { register as registerOptions } from './options/index.js';
import { register as registerViews } from './views/index.js';

/** Every listener the app has, one folder per Slack surface, registered in one place so routing is easy to follow. */
export function registerListeners(app: App, ctx: SlackContext): void {
  registerCommands(app, ctx);
  registerActions(app, ctx);
  registerViews(app, ctx);
  registerOptions(app, ctx);
  registerEvents(app, ctx);
}
