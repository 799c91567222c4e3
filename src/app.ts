import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebClientOptions } from '@slack/web-api';
import type { Config } from './config.js';
import type { DbHandle } from './db/client.js';
import { healthRoutes } from './http/health.js';
import { ingestRoutes, type IngestedInfo } from './http/ingestRoutes.js';
import { metricsRoutes } from './http/metricsRoute.js';
import type { Route } from './http/router.js';
import { createHttpServer } from './http/server.js';
import type { Logger } from './logger.js';
import { createMetrics, noopMetrics, type Metrics } from './metrics.js';
import type { SlackApp } from './slack/app.js';
import { createSlackFromConfig } from './slack/start.js';
import type { AutomationRuntime } from './jobs/scheduler.js';
import { createAutomation } from './slack/automationRuntime.js';

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

/** Starts the HTTP server (health, ingest API, Slack) and background jobs. The database must be migrated. */
export async function startApp(deps: AppDeps): Promise<RunningApp> {
  // Assigned below once Slack is known to be on; ingest batches trigger an alert evaluation through it.
  let automation: AutomationRuntime | null = null;
  const metrics = deps.metrics ?? (deps.config.METRICS_ENABLED ? createMetrics() : noopMetrics);
  const routes: Route[] = [
    ...healthRoutes(deps.db),
    ...metricsRoutes({ enabled: deps.config.METRICS_ENABLED, token: deps.config.METRICS_TOKEN, metrics }),
    ...ingestRoutes({
      db: deps.db.db,
      token: deps.config.INGEST_TOKEN,
      maxBodyBytes: deps.config.INGEST_MAX_BODY_BYTES,
      logger: deps.logger,
      ...(deps.now ? { now: deps.now } : {}),
      onIngested: (info: IngestedInfo) => {
        automation?.afterIngest();
        deps.onIngested?.(info);
      },
    }),
  ];
  // Slack's receiver serves POST /slack/events on the same server, as the fallback for unmatched paths.
  const slack = createSlackFromConfig(deps);
  if (slack) {
    automation = createAutomation({
      config: deps.config,
      logger: deps.logger,
      db: deps.db,
      now: deps.now ?? (() => new Date()),
      ...(deps.automationWebOverrides ? { webOverrides: deps.automationWebOverrides } : {}),
    });
    if (deps.automationTimers ?? deps.now === undefined) automation.start();
  }
  const server = createHttpServer({ routes, logger: deps.logger, ...(slack?.requestListener ? { fallback: slack.requestListener } : {}) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.config.PORT, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  // Socket Mode connects in the background: Slack being unreachable must not stop the bot starting.
  if (slack) {
    slack.start().catch((err: unknown) => deps.logger.error('Slack Socket Mode connection failed', { err }));
  }
  return {
    server,
    port,
    slack,
    automation,
    metrics,
    close: async () => {
      await automation?.stop().catch((err: unknown) => deps.logger.warn('automation did not stop cleanly', { err }));
      await slack?.stop().catch((err: unknown) => deps.logger.warn('Slack app did not stop cleanly', { err }));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
