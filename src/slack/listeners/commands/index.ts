import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { SLASH_COMMAND } from '../../ids.js';
import { alertsSubcommand, alertSubcommand } from './alert.js';
import { digestSubcommand } from './digest.js';
import { journeyCommand } from './journeyCommand.js';

/** The one slash command, and the subcommands it dispatches to beside the built-in ones. */
export function register(app: App, ctx: SlackContext): void {
  ctx.subcommands.add({
    name: 'digest',
    handler: digestSubcommand,
    help: {
      en: '`/journey digest weekly mon 09:00 Asia/Tokyo [journey…]` – weekly digest in this channel (`/journey digest`, `… off`, `… preview`)',
      ja: '`/journey digest weekly mon 09:00 Asia/Tokyo [ジャーニー…]` – このチャンネルに週次ダイジェスト(`/journey digest`、`… off`、`… preview`)',
    },
  });
  ctx.subcommands.add({
    name: 'alert',
    handler: alertSubcommand,
    help: {
      en: '`/journey alert nps-below checkout/payment 20 [7d] [30]` – alert this channel (also `nps-drop`, `dropoff-above`, `remove <id>`)',
      ja: '`/journey alert nps-below checkout/payment 20 [7d] [30]` – このチャンネルにアラート(`nps-drop`、`dropoff-above`、`remove <id>` も)',
    },
  });
  ctx.subcommands.add({
    name: 'alerts',
    handler: alertsSubcommand,
    help: {
      en: '`/journey alerts` – this channel’s alert rules and their state',
      ja: '`/journey alerts` – このチャンネルのアラートルールと状態',
    },
  });
  app.command(SLASH_COMMAND, journeyCommand(ctx));
}
