import type { App } from '@slack/bolt';
import type { SlackDeps } from '../app.js';
import { registerAutomation } from './automation.js';
import { registerJourneyFeatures } from './features.js';
import { ActionId } from '../ids.js';

/** Every listener the app has, registered in one place so routing is easy to follow. */
export function registerListeners(app: App, deps: SlackDeps): void {
  // Link-style buttons (url + action_id) still send block_actions; ack so Slack shows no warning.
  app.action(ActionId.noop, async ({ ack }) => {
    await ack();
  });
  registerJourneyFeatures(app, deps);
  registerAutomation(app, deps);
}
