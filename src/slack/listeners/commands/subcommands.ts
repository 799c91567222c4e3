import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Locale } from '../../../i18n/index.js';
import type { SlackDeps } from '../../app.js';

/**
 * Extra `/journey` subcommands contributed by other features (digests and alerts add `digest`,
 * `alert`, `alerts`). The built-in ones (list, show, touchpoint, log, actions, help) live in
 * ./journeyCommand.ts; anything registered here wins over a journey of the same name.
 *
 * How to add one, from your own feature's register function (before requests arrive):
 *
 *   registerSubcommand('digest', handleDigest, {
 *     en: '`/journey digest weekly #cx-team` – post a weekly digest to a channel',
 *     ja: '`/journey digest weekly #cx-team` – 週次ダイジェストをチャンネルに投稿',
 *   });
 *
 * The command listener has already acked and looked up the user's locale and timezone; the
 * handler replies with `ctx.respond({ response_type: 'ephemeral', ... })` (or opens a modal with
 * `ctx.client.views.open({ trigger_id: ctx.command.trigger_id, ... })`). Thrown errors go to the
 * app's error handler, which logs them once and apologises to the user with a reference.
 */

export interface SubcommandContext {
  /** The text after the subcommand name, trimmed, with Slack's &amp;/&lt;/&gt; unescaped. */
  args: string;
  command: SlashCommand;
  client: WebClient;
  respond: RespondFn;
  deps: SlackDeps;
  locale: Locale;
  timezone: string;
}

export type SubcommandHandler = (ctx: SubcommandContext) => Promise<void>;

export interface SubcommandEntry {
  name: string;
  handler: SubcommandHandler;
  /** One line per language for `/journey help`, mrkdwn, with an example. */
  help: Record<Locale, string>;
}

const NAME = /^[a-z][a-z0-9-]{0,30}$/;
const registry = new Map<string, SubcommandEntry>();

/** Registers (or replaces, so tests can start several apps) a subcommand. */
export function registerSubcommand(name: string, handler: SubcommandHandler, help: Record<Locale, string>): void {
  if (!NAME.test(name)) throw new Error(`registerSubcommand: "${name}" must be lowercase letters, digits and dashes`);
  registry.set(name, { name, handler, help });
}

export function findSubcommand(name: string): SubcommandEntry | undefined {
  return registry.get(name.toLowerCase());
}

export function extensionNames(): ReadonlySet<string> {
  return new Set(registry.keys());
}

export function extensionEntries(): SubcommandEntry[] {
  return [...registry.values()].sort((a, b) => a.name.localeCompare(b.name));
}
