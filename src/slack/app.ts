import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, type AnyMiddlewareArgs, type AuthorizeResult, type Middleware } from '@slack/bolt';
import type { ChartService } from '../charts/service.js';
import type { Config } from '../config.js';
import { t } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { noopMetrics, type Metrics } from '../metrics.js';
import type { Services } from '../services/index.js';
import type { SlackContext } from './context.js';
import { postEphemeralText } from './interactions.js';
import { createSubcommandTable } from './listeners/commands/subcommands.js';
import { registerListeners } from './listeners/index.js';
import { payloadOrigin, refuseFutureTimestamps } from './requestGuard.js';
import { toSlackLogger } from './slackLogger.js';
import { createUserDirectory } from './users.js';
import { createWebClient, webClientOptions } from './web.js';
import { installWorkGate, isBusyError, type WorkGate } from './workGate.js';
import { createWorkQueue } from './workQueue.js';

/** What the composition root hands the Slack app. */
export interface SlackAppDeps {
  config: Config;
  logger: Logger;
  now: () => Date;
  services: Services;
  charts: ChartService;
  /** Default: no-op (tests that do not read metrics). */
  metrics?: Metrics;
}

export interface SlackApp {
  app: App;
  /** What listeners were registered with (tests reuse it). */
  context: SlackContext;
  /** HTTP mode: mount on our own server for POST /slack/events. Undefined in Socket Mode. */
  requestListener?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Socket Mode: opens the WebSocket. HTTP mode: nothing to do (our server is already listening). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const SLACK_EVENTS_PATH = '/slack/events';

export function createSlackApp(deps: SlackAppDeps): SlackApp {
  const { config, logger } = deps;
  const web = createWebClient(config, { retries: 'interactive', logger });
  const ctx: SlackContext = {
    ...deps,
    metrics: deps.metrics ?? noopMetrics,
    web,
    // Its own client that rejects a 429 at once: a lookup that waited out Retry-After would pause
    // every call queued on the shared client, and the defaults are a fine answer meanwhile.
    users: createUserDirectory({ web: createWebClient(config, { retries: 'interactive', logger, overrides: { rejectRateLimitedCalls: true } }), config, logger }),
    subcommands: createSubcommandTable(),
  };
  const botToken = config.SLACK_BOT_TOKEN;
  if (!botToken) throw new Error('SLACK_BOT_TOKEN is required to start the Slack app');
  const slackLogger = toSlackLogger(logger, 'bolt');

  // Bolt calls auth.test at construction when given only a token, and crashes if Slack is
  // unreachable. A single-workspace authorize answers from config: start-up makes no Slack call.
  const authorize = async (): Promise<AuthorizeResult> => ({
    botToken,
    ...(config.SLACK_BOT_ID ? { botId: config.SLACK_BOT_ID } : {}),
    ...(config.SLACK_BOT_USER_ID ? { botUserId: config.SLACK_BOT_USER_ID } : {}),
    ...(config.SLACK_TEAM_ID ? { teamId: config.SLACK_TEAM_ID } : {}),
  });
  // The `client` Bolt hands to listeners goes to the same base URL with the interactive policy.
  const clientOptions = webClientOptions(config, { retries: 'interactive', logger });

  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  let app: App;
  let requestListener: SlackApp['requestListener'];
  if (socketMode) {
    app = new App({ socketMode: true, appToken: config.SLACK_APP_TOKEN, authorize, clientOptions, logger: slackLogger, extendedErrorHandler: true });
  } else {
    if (!config.SLACK_SIGNING_SECRET) throw new Error('SLACK_SIGNING_SECRET is required in HTTP mode');
    const receiver = new HTTPReceiver({
      signingSecret: config.SLACK_SIGNING_SECRET,
      endpoints: [SLACK_EVENTS_PATH],
      logger: slackLogger,
    });
    app = new App({ receiver, authorize, clientOptions, logger: slackLogger, extendedErrorHandler: true });
    const guarded = refuseFutureTimestamps(receiver.requestListener);
    requestListener = (req, res) => {
      try {
        guarded(req, res);
      } catch {
        // Bolt throws synchronously for paths it does not serve (HTTPReceiverDeferredRequestError).
        if (!res.headersSent) {
          res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify({ error: 'not_found', message: `No route for ${req.method ?? 'GET'} ${req.url ?? '/'}.` }));
        }
      }
    };
  }

  // After-ack work goes through a bounded queue; past its backlog users get a busy notice at once.
  const gate: WorkGate = installWorkGate(app, {
    queue: createWorkQueue({ concurrency: config.WORK_CONCURRENCY, maxBacklog: config.WORK_MAX_BACKLOG, onDepth: (n) => ctx.metrics.setWorkQueueDepth(n) }),
    metrics: ctx.metrics,
    logger,
    users: ctx.users,
    defaultLocale: config.DEFAULT_LOCALE,
    postToUser: (userId, text) => web.chat.postMessage({ channel: userId, text }),
  });
  app.use(expectedOrigin(config, logger));
  app.error(async ({ error, body }: { error: Error; body: unknown }) => {
    // A refused request (queue full) has had its busy notice: not a failure, no apology.
    if (isBusyError(error)) return;
    gate.markFailed(body);
    await reportFailure(ctx, error, body);
  });
  registerListeners(app, ctx);

  return {
    app,
    context: ctx,
    ...(requestListener ? { requestListener } : {}),
    start: async () => {
      if (socketMode) await app.start();
    },
    stop: async () => {
      if (socketMode) await app.stop();
    },
  };
}

/** Ignores (acks and drops) payloads from another workspace or app when SLACK_TEAM_ID / SLACK_APP_ID are set. */
function expectedOrigin(config: Config, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { teamId, appId } = payloadOrigin(args.body);
    const wrongTeam = config.SLACK_TEAM_ID !== undefined && teamId !== config.SLACK_TEAM_ID;
    const wrongApp = config.SLACK_APP_ID !== undefined && appId !== config.SLACK_APP_ID;
    if (wrongTeam || wrongApp) {
      logger.warn('ignored a Slack payload from an unexpected workspace or app', { teamId, appId });
      // Ack so Slack does not retry or show an error; nothing else happens.
      if ('ack' in args && typeof args.ack === 'function') await (args.ack)();
      return;
    }
    await args.next();
  };
}

/**
 * The global error handler: logged once with a reference, and the user gets a short apology
 * quoting it. Only ids and names are logged; the logger redacts tokens, response_url and trigger_id.
 */
async function reportFailure(ctx: SlackContext, error: Error, body: unknown): Promise<void> {
  const ref = randomBytes(4).toString('hex');
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const userId = stringAt(b, ['user_id']) ?? stringAt(b, ['user', 'id']);
  const channelId = stringAt(b, ['channel_id']) ?? stringAt(b, ['channel', 'id']) ?? stringAt(b, ['container', 'channel_id']);
  ctx.logger.error('Slack listener failed', {
    ref,
    type: stringAt(b, ['type']) ?? (b.command ? 'slash_command' : undefined),
    command: stringAt(b, ['command']),
    callbackId: stringAt(b, ['view', 'callback_id']),
    actionIds: Array.isArray(b.actions) ? (b.actions as unknown[]).map((a) => stringAt(a, ['action_id'])) : undefined,
    userId,
    channelId,
    err: error,
  });
  try {
    const { locale } = userId ? await ctx.users.context(userId) : { locale: ctx.config.DEFAULT_LOCALE };
    const text = t(locale, 'platform.error.apology', { ref });
    const responseUrl = stringAt(b, ['response_url']);
    if (responseUrl) {
      await postEphemeralText(responseUrl, text);
    } else if (userId && channelId) {
      await ctx.web.chat.postEphemeral({ channel: channelId, user: userId, text });
    }
  } catch (notifyErr) {
    ctx.logger.warn('could not tell the user about a failure', { ref, err: notifyErr });
  }
}

function stringAt(value: unknown, path: string[]): string | undefined {
  let cur: unknown = value;
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return typeof cur === 'string' && cur.length > 0 ? cur : undefined;
}
