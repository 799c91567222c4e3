import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { publishHome } from '../../home.js';
import { viewerFor } from '../../viewer.js';

/** Events API callbacks. */
export function register(app: App, ctx: SlackContext): void {
  // App Home is refreshed every time the tab is opened (https://docs.slack.dev/reference/events/app_home_opened).
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await publishHome(ctx, await viewerFor(ctx, event.user));
  });
}
