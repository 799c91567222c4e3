import type { App } from '@slack/bolt';
import type { SlackDeps } from '../app.js';
import { registerSubcommand } from './commands/subcommands.js';
import { registerAutomationActions } from './actions/alertButtons.js';
import { alertHandler, alertsListHandler } from './commands/alert.js';
import { digestHandler } from './commands/digest.js';
import { createAdminCheck } from '../permissions.js';

/**
 * Digests and alerts (issue 4): the `/journey digest|alert|alerts` subcommands and the buttons on
 * digest and alert messages. The scheduler that sends them is started by src/app.ts (see ./runtime.ts).
 */
export function registerAutomation(app: App, deps: SlackDeps): void {
  const admin = createAdminCheck({ config: deps.config, web: deps.web, logger: deps.logger });
  registerSubcommand('digest', digestHandler(admin), {
    en: '`/journey digest weekly mon 09:00 Asia/Tokyo [journey…]` – weekly digest in this channel (`/journey digest`, `… off`, `… preview`)',
    ja: '`/journey digest weekly mon 09:00 Asia/Tokyo [ジャーニー…]` – このチャンネルに週次ダイジェスト(`/journey digest`、`… off`、`… preview`)',
  });
  registerSubcommand('alert', alertHandler(admin), {
    en: '`/journey alert nps-below checkout/payment 20 [7d] [30]` – alert this channel (also `nps-drop`, `dropoff-above`, `remove <id>`)',
    ja: '`/journey alert nps-below checkout/payment 20 [7d] [30]` – このチャンネルにアラート(`nps-drop`、`dropoff-above`、`remove <id>` も)',
  });
  registerSubcommand('alerts', alertsListHandler, {
    en: '`/journey alerts` – this channel’s alert rules and their state',
    ja: '`/journey alerts` – このチャンネルのアラートルールと状態',
  });
  registerAutomationActions(app, deps);
}
