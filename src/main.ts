import { realpathSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { WebClientOptions } from '@slack/web-api';
import { createRenderPool, type PngRenderer } from './charts/renderPool.js';
import { createChartService, type ChartService } from './charts/service.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createDb, type DbHandle } from './db/client.js';
import { runMigrations } from './db/migrate.js';
import { PgliteLockedError } from './db/pgliteLock.js';
import { healthRoutes } from './http/health.js';
import { ingestRoutes, type IngestedInfo } from './http/ingestRoutes.js';
import { metricsRoutes } from './http/metricsRoute.js';
import type { Route } from './http/router.js';
import { createHttpServer } from './http/server.js';
import { createAutomationRuntime, type AutomationRuntime } from './jobs/scheduler.js';
import { createCommentAnalysisWorker } from './jobs/commentAnalysis.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics, noopMetrics, type Metrics } from './metrics.js';
import { createServices, type Services } from './services/index.js';
import type { SlackApp } from './slack/app.js';

/**
 * The composition root: the one place that builds the bot from its parts (database → services →
 * Slack app, jobs with their Slack notifier, HTTP server). `npm start` runs this file; tests call
 * startApp with their own database, clock and fake Slack and get the same bot.
 */

/** What the running bot is made of; tests build the same thing with their own database and clock. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  db: DbHandle;
  /** Injected so tests can move time; defaults to the wall clock. */
  now?: () => Date;
  /** Called after each successful responses/step-metrics ingest batch (alerts evaluate here); default no-op. */
  onIngested?: (info: IngestedInfo) => void;
  /**
   * Run the digest/alert timers (node-cron). Default: only on the wall clock; with an injected
   * clock tests drive the work themselves through `automation.runDueWork(now)`.
   */
  automationTimers?: boolean;
  /** Web API client options for digest/alert sends (tests: zero-delay retries, short timeouts). */
  automationWebOverrides?: Partial<WebClientOptions>;
  /** Injected so tests can read what was recorded; default: a fresh registry when METRICS_ENABLED, else no-op. */
  metrics?: Metrics;
}

export interface RunningApp {
  server: Server;
  port: number;
  /** The Slack app when SLACK_* is configured, else null (health and ingest still run). */
  slack: SlackApp | null;
  /** Digests and alerts (when Slack is enabled), else null. */
  automation: AutomationRuntime | null;
  /** Where call sites record metrics; served at GET /metrics when METRICS_ENABLED. */
  metrics: Metrics;
  close(): Promise<void>;
}

/** True when Slack credentials are complete for HTTP mode or Socket Mode. */
export function slackConfigured(config: Config): boolean {
  return Boolean(config.SLACK_BOT_TOKEN) && (Boolean(config.SLACK_APP_TOKEN) || Boolean(config.SLACK_SIGNING_SECRET));
}

/**
 * Digests and alerts for one replica: the jobs with the Slack notifier on its own background Web
 * API client (longer retries; a 429 there never stalls a user's command).
 */
export async function createAutomation(deps: {
  config: Config;
  logger: Logger;
  db: DbHandle;
  now: () => Date;
  services?: Services;
  charts?: ChartService;
  metrics?: Metrics;
  owner?: string;
  webOverrides?: Partial<WebClientOptions>;
}): Promise<AutomationRuntime> {
  // Loaded only when Slack is on: Bolt and the Web API client are most of the start-up time.
  const [{ createSlackNotifier }, { createWebClient }] = await Promise.all([import('./slack/notifier.js'), import('./slack/web.js')]);
  const logger = deps.logger.child({ component: 'automation' });
  const web = createWebClient(deps.config, { retries: 'background', logger, ...(deps.webOverrides ? { overrides: deps.webOverrides } : {}) });
  const charts = deps.charts ?? createChartService(deps.config, logger);
  const notifier = createSlackNotifier({ config: deps.config, logger, web, charts });
  return createAutomationRuntime({
    ctx: { db: deps.db.db, services: deps.services ?? createServices(deps.db.db), logger, notifier, ...(deps.metrics ? { metrics: deps.metrics } : {}) },
    now: deps.now,
    alertEvalCron: deps.config.ALERT_EVAL_CRON,
    logger,
    ...(deps.owner ? { owner: deps.owner } : {}),
  });
}

/** Starts the HTTP server (health, metrics, ingest API, Slack) and background jobs. The database must be migrated. */
export async function startApp(deps: AppDeps): Promise<RunningApp> {
  const { config, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const metrics = deps.metrics ?? (config.METRICS_ENABLED ? createMetrics() : noopMetrics);
  const services = createServices(deps.db.db);
  // Local charts render in worker threads (never on the event loop that acks Slack), each identical chart once.
  const chartPool: PngRenderer | null =
    config.CHART_MODE === 'local' ? createRenderPool(config.CHART_WORKERS > 0 ? { threads: config.CHART_WORKERS } : {}) : null;
  const charts = createChartService(config, logger, {
    ...(chartPool ? { renderPng: (spec, size) => chartPool.render(spec, size) } : {}),
    cacheBytes: Math.round(config.CHART_CACHE_MB * 1024 * 1024),
  });
  // Comment themes: comments are analysed in the background every 15 s, never on the ingest path.
  const commentAnalysis = createCommentAnalysisWorker({ db: deps.db.db, logger: logger.child({ component: 'comment-analysis' }) });
  if (deps.automationTimers ?? deps.now === undefined) commentAnalysis.start();
  // Assigned below once Slack is known to be on; ingest batches trigger an alert evaluation through it.
  let automation: AutomationRuntime | null = null;
  const routes: Route[] = [
    ...healthRoutes(deps.db),
    ...metricsRoutes({ enabled: config.METRICS_ENABLED, token: config.METRICS_TOKEN, metrics }),
    ...ingestRoutes({
      db: deps.db.db,
      token: config.INGEST_TOKEN,
      maxBodyBytes: config.INGEST_MAX_BODY_BYTES,
      logger,
      now,
      metrics,
      onIngested: (info: IngestedInfo) => {
        automation?.afterIngest();
        deps.onIngested?.(info);
      },
    }),
  ];

  let slack: SlackApp | null = null;
  if (slackConfigured(config)) {
    // Start-up makes no Slack call: the bot starts even when Slack is unreachable.
    const { createSlackApp } = await import('./slack/app.js');
    slack = createSlackApp({ config, logger, now, services, charts, metrics });
    automation = await createAutomation({
      config,
      logger,
      db: deps.db,
      now,
      services,
      charts,
      metrics,
      ...(deps.automationWebOverrides ? { webOverrides: deps.automationWebOverrides } : {}),
    });
    if (deps.automationTimers ?? deps.now === undefined) automation.start();
    logger.info('Slack enabled', { mode: config.SLACK_APP_TOKEN ? 'socket' : 'http', charts: config.CHART_MODE, apiUrl: config.SLACK_API_URL ?? 'https://slack.com/api/' });
  } else {
    logger.info('Slack disabled: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)');
  }

  // Slack's receiver serves POST /slack/events on the same server, as the fallback for unmatched paths.
  const server = createHttpServer({ routes, logger, ...(slack?.requestListener ? { fallback: slack.requestListener } : {}) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  // Socket Mode connects in the background: Slack being unreachable must not stop the bot starting.
  if (slack) slack.start().catch((err: unknown) => logger.error('Slack Socket Mode connection failed', { err }));
  const runningSlack = slack;
  return {
    server,
    port,
    slack,
    automation,
    metrics,
    close: async () => {
      await automation?.stop().catch((err: unknown) => logger.warn('automation did not stop cleanly', { err }));
      await commentAnalysis.stop();
      await runningSlack?.stop().catch((err: unknown) => logger.warn('Slack app did not stop cleanly', { err }));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await chartPool?.close().catch((err: unknown) => logger.warn('chart workers did not stop cleanly', { err }));
    },
  };
}

/** `npm start`: config, database, migrations, the bot, and a graceful stop on SIGTERM/SIGINT. */
async function runBot(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL, {}, undefined, { format: config.LOG_FORMAT });
  // The last line of defence: every request, timer, job and listener catches its own errors, and one
  // that still escapes is logged with its cause while the bot keeps serving everyone else.
  process.on('uncaughtException', (err) => logger.error('uncaught exception; the bot keeps serving', { err }));
  process.on('unhandledRejection', (reason) => logger.error('unhandled promise rejection; the bot keeps serving', { err: reason }));
  let db: DbHandle;
  try {
    db = await createDb({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
  } catch (err) {
    if (err instanceof PgliteLockedError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  await runMigrations(db);
  const app = await startApp({ config, logger, db });
  logger.info('Journey Pulse is up', {
    port: app.port,
    db: db.kind,
    ...(db.kind === 'pglite' ? { pgliteDir: config.PGLITE_DIR } : {}),
    ingestApi: config.INGEST_TOKEN ? 'enabled' : 'disabled (set INGEST_TOKEN)',
  });

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await app.close();
      await db.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** True when this file is the program node was started with (not imported by tests or the CLI). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) await runBot();
