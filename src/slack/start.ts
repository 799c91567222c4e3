import type { AppDeps } from '../app.js';
import { createChartService } from '../charts/service.js';
import { createSlackApp, type SlackApp } from './app.js';
import { createWebClient } from './web.js';

/**
 * Builds the Slack app from config, or returns null (and says why) when Slack is not configured:
 * the bot then still serves health and ingest. Makes no Slack call.
 */
export function createSlackFromConfig(deps: AppDeps): SlackApp | null {
  const { config, logger } = deps;
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  if (!config.SLACK_BOT_TOKEN || (!socketMode && !config.SLACK_SIGNING_SECRET)) {
    logger.info('Slack disabled: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)');
    return null;
  }
  const slack = createSlackApp({
    config,
    logger,
    db: deps.db,
    now: deps.now ?? (() => new Date()),
    web: createWebClient(config, { retries: 'interactive', logger }),
    webBackground: createWebClient(config, { retries: 'background', logger }),
    charts: createChartService(config, logger),
  });
  logger.info('Slack enabled', { mode: socketMode ? 'socket' : 'http', charts: config.CHART_MODE, apiUrl: config.SLACK_API_URL ?? 'https://slack.com/api/' });
  return slack;
}
