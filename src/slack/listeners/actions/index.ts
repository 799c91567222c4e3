import type { App, BlockAction } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { publishHome } from '../../home.js';
import { Actions } from '../../ids.js';
import { actionTeam, type BlockActionArgs } from '../../interactions.js';
import { viewerFor } from '../../viewer.js';
import { registerActionButtons } from './actionButtons.js';
import { registerAlertButtons } from './alertButtons.js';
import { registerHomeButtons } from './homeButtons.js';
import { registerShareButton } from './shareButton.js';
import { registerThemeButtons } from './themeButtons.js';
import { registerViewButtons } from './viewButtons.js';

/** Every button and select (block_actions) the app renders. */
export function register(app: App, ctx: SlackContext): void {
  // Link-style buttons (url + action_id) still send block_actions; ack so Slack shows no warning.
  app.action(Actions.noop.id, async ({ ack }) => {
    await ack();
  });
  registerViewButtons(app, ctx);
  registerShareButton(app, ctx);
  registerActionButtons(app, ctx);
  registerAlertButtons(app, ctx);
  registerHomeButtons(app, ctx);
  registerThemeButtons(app, ctx);
  app.action<BlockAction>(Actions.homeRefresh.id, async (args: BlockActionArgs) => {
    await args.ack();
    await publishHome(ctx, await viewerFor(ctx, args.body.user.id, actionTeam(args.body)));
  });
}
