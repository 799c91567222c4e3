import type { WebClientOptions } from '@slack/web-api';
import { createChartService } from '../charts/service.js';
import type { Config } from '../config.js';
import type { DbHandle } from '../db/client.js';
import { createAutomationRuntime, type AutomationRuntime } from '../jobs/scheduler.js';
import type { Logger } from '../logger.js';
import { createWebClient } from './web.js';
import { createSlackSender } from './notifier.js';

/**
 * Digests and alerts for a running bot: its own background Web API client (a 429 there never
 * stalls a user's command), the Slack sender and the scheduler. src/app.ts starts it when Slack is on.
 */
export function createAutomation(deps: {
  config: Config;
  logger: Logger;
  db: DbHandle;
  now: () => Date;
  owner?: string;
  webOverrides?: Partial<WebClientOptions>;
}): AutomationRuntime {
  const logger = deps.logger.child({ component: 'automation' });
  const web = createWebClient(deps.config, { retries: 'background', logger, ...(deps.webOverrides ? { overrides: deps.webOverrides } : {}) });
  const sender = createSlackSender({ config: deps.config, logger, db: deps.db.db, web, charts: createChartService(deps.config, logger) });
  return createAutomationRuntime({
    ctx: { db: deps.db.db, logger, sender },
    now: deps.now,
    alertEvalCron: deps.config.ALERT_EVAL_CRON,
    logger,
    ...(deps.owner ? { owner: deps.owner } : {}),
  });
}
