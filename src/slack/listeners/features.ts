import type { App } from '@slack/bolt';
import type { SlackDeps } from '../app.js';
import { SLASH_COMMAND } from '../ids.js';
import { registerActionButtons } from './actions/actionButtons.js';
import { registerShareButton } from './actions/shareButton.js';
import { registerViewButtons } from './actions/viewButtons.js';
import { journeyCommandHandler } from './commands/journeyCommand.js';
import { registerAppHome } from './events/appHome.js';
import { registerLogActionSubmit } from './views/logActionSubmit.js';
import { registerTouchpointOptions } from './options/touchpointOptions.js';

/** /journey subcommands, journey views, buttons, the action modal and App Home (issue 3). */
export function registerJourneyFeatures(app: App, deps: SlackDeps): void {
  app.command(SLASH_COMMAND, journeyCommandHandler(deps));
  registerViewButtons(app, deps);
  registerShareButton(app, deps);
  registerActionButtons(app, deps);
  registerLogActionSubmit(app, deps);
  registerTouchpointOptions(app, deps);
  registerAppHome(app, deps);
}

// For digests and alerts (issue 4): subcommands, the journey view and the action modal.
export { registerSubcommand, type SubcommandContext, type SubcommandHandler } from './commands/subcommands.js';
export { buildJourneyDetailMessage } from '../views/journeyDetail.js';
export { buildLogActionModal, openLogActionModal, type LogActionPrefill } from '../views/logActionModal.js';
export { renderView } from '../viewMessages.js';
// Handlers that open a modal (trigger_id lives 3 s) or must ack: users.info capped at PRE_ACK_LOOKUP_MS.
export { PRE_ACK_LOOKUP_MS, viewerWithin } from '../viewer.js';
