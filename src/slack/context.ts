import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ChartService } from '../charts/service.js';
import type { Config } from '../config.js';
import type { Locale } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Services } from '../services/index.js';
import type { UserDirectory } from './users.js';

/**
 * What every Slack listener receives. Built once per app by createSlackApp (src/slack/app.ts) from
 * what the composition root (src/main.ts) hands it; tests compose the same way. A leaf module:
 * it imports only types, so any listener can import it without an import circle.
 */
export interface SlackContext {
  config: Config;
  logger: Logger;
  /** The business clock (injected in tests). */
  now: () => Date;
  /** The Web API client for replies while a user waits: short retries and timeouts. */
  web: WebClient;
  services: Services;
  charts: ChartService;
  /** Where Slack requests, acks, replies and the work queue depth are recorded (no-op when metrics are off). */
  metrics: Metrics;
  /** Who the user is: locale, timezone, admin status (users.info, cached). */
  users: UserDirectory;
  /** The `/journey` subcommands beyond the built-in ones, owned by this app. */
  subcommands: SubcommandTable;
}

/** What a `/journey <name> …` subcommand handler gets, after the command listener has acked. */
export interface SubcommandArgs {
  /** The text after the subcommand name, trimmed, with Slack's &amp;/&lt;/&gt; unescaped. */
  args: string;
  command: SlashCommand;
  client: WebClient;
  respond: RespondFn;
  slack: SlackContext;
  locale: Locale;
  timezone: string;
}

export type SubcommandHandler = (args: SubcommandArgs) => Promise<void>;

export interface SubcommandEntry {
  name: string;
  handler: SubcommandHandler;
  /** One line per language for `/journey help`, mrkdwn, with an example. */
  help: Record<Locale, string>;
}

/** An explicit table of subcommands: each app has its own, filled when its listeners are registered. */
export interface SubcommandTable {
  add(entry: SubcommandEntry): void;
  find(name: string): SubcommandEntry | undefined;
  names(): ReadonlySet<string>;
  /** In name order, for help. */
  entries(): SubcommandEntry[];
}
