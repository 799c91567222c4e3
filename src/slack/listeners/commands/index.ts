import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { SLASH_COMMAND } from '../../ids.js';
import { alertsSubcommand, alertSubcommand } from './alert.js';
import { digestSubcommand } from './digest.js';
import { driversSubcommand } from './drivers.js';
import { journeyCommand } from './journeyCommand.js';
import { targetsSubcommand, targetSubcommand } from './target.js';
import { themesSubcommand, themeSubcommand, whySubcommand } from './themes.js';

/**
 * Help lines of the subcommands registered here, one per language. Every example in them must
 * run as written on the demo data (tests/slack/listeners/helpExamples.test.ts checks the names).
 */
export const EXTENSION_HELP = {
  digest: {
    en: '`/journey digest weekly <mon..sun> <HH:MM> [timezone] [journey…]` – weekly digest in this channel, e.g. `/journey digest weekly mon 09:00 Asia/Tokyo online-purchase` (also `/journey digest`, `… off`, `… preview`)',
    ja: '`/journey digest weekly <曜日> <時刻> [タイムゾーン] [ジャーニー…]`: このチャンネルに週次ダイジェストを投稿。例: `/journey digest weekly 月 9:00 Asia/Tokyo online-purchase`（`/journey digest`、`… off`、`… preview` も使えます）',
  },
  alert: {
    en: '`/journey alert nps-below online-purchase/checkout 20 [7d] [30]` – alert this channel (also `nps-drop`, `dropoff-above`, `remove <id>`)',
    ja: '`/journey alert nps-below online-purchase/checkout 20 [7日] [30]`: このチャンネルにアラートを投稿（`nps-drop`、`dropoff-above`、`remove <id>` も使えます）',
  },
  alerts: {
    en: '`/journey alerts` – this channel’s alert rules and their state',
    ja: '`/journey alerts`: このチャンネルのアラートルールと状態',
  },
  drivers: {
    en: '`/journey drivers online-purchase [90d]` – key drivers: which touchpoints move the journey’s outcome, by importance × current score',
    ja: '`/journey drivers online-purchase [90d]` – キードライバー: ジャーニーの成果を左右するタッチポイントを重要度×現在のスコアで表示',
  },
  target: {
    en: '`/journey target online-purchase/checkout dropoff 45 by 2026-12-31` – set a target (`nps`, `csat`, `ces`, `conversion`, `dropoff`; also `remove <id>`)',
    ja: '`/journey target online-purchase/checkout dropoff 45 by 2026-12-31` – 目標を設定（`nps`、`csat`、`ces`、`conversion`、`dropoff`。`remove <id>` も）',
  },
  targets: {
    en: '`/journey targets online-purchase` – targets with current value, interval and whether they are on track',
    ja: '`/journey targets online-purchase` – 目標と現在値、区間、達成の見通し',
  },
  why: {
    en: '`/journey why <journey>[/<touchpoint>] [period]` – what customers complain about, ranked by the NPS points it costs, e.g. `/journey why online-purchase/delivery 7d`',
    ja: '`/journey why <ジャーニー>[/<タッチポイント>] [期間]` – 不満のテーマを、NPSへの影響が大きい順に表示。例: `/journey why online-purchase/delivery 7d`',
  },
  theme: {
    en: '`/journey theme add <journey>/<touchpoint>|<journey>|* "<label>" <keyword…>` – a team theme, e.g. `/journey theme add online-purchase/delivery "Late delivery" late 遅い` (also `remove <id>`)',
    ja: '`/journey theme add <ジャーニー>/<タッチポイント>|<ジャーニー>|* 「<ラベル>」 <キーワード…>` – チームのテーマを追加。例: `/journey theme add online-purchase/delivery 「配達の遅れ」 遅い late`（`remove <ID>`も）',
  },
  themes: {
    en: '`/journey themes [scope]` – team themes, e.g. `/journey themes online-purchase/delivery`',
    ja: '`/journey themes [範囲]` – チームのテーマの一覧。例: `/journey themes online-purchase/delivery`',
  },
} as const;

/** The one slash command, and the subcommands it dispatches to beside the built-in ones. */
export function register(app: App, ctx: SlackContext): void {
  ctx.subcommands.add({ name: 'digest', handler: digestSubcommand, help: EXTENSION_HELP.digest });
  ctx.subcommands.add({ name: 'alert', handler: alertSubcommand, help: EXTENSION_HELP.alert });
  ctx.subcommands.add({ name: 'alerts', handler: alertsSubcommand, help: EXTENSION_HELP.alerts });
  ctx.subcommands.add({ name: 'drivers', handler: driversSubcommand, help: EXTENSION_HELP.drivers });
  ctx.subcommands.add({ name: 'target', handler: targetSubcommand, help: EXTENSION_HELP.target });
  ctx.subcommands.add({ name: 'targets', handler: targetsSubcommand, help: EXTENSION_HELP.targets });
  ctx.subcommands.add({ name: 'why', handler: whySubcommand, help: EXTENSION_HELP.why });
  ctx.subcommands.add({ name: 'theme', handler: themeSubcommand, help: EXTENSION_HELP.theme });
  ctx.subcommands.add({ name: 'themes', handler: themesSubcommand, help: EXTENSION_HELP.themes });
  app.command(SLASH_COMMAND, journeyCommand(ctx));
}
