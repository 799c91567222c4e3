import { startApp, type RunningApp } from '../../src/main.js';
import type { Config } from '../../src/config.js';
import type { AutomationRuntime } from '../../src/jobs/scheduler.js';
import { silentLogger, createLogger } from '../../src/logger.js';
import type { TestDb } from './db.js';
import type { FakeSlack, RecordedResponse } from './fakeSlack.js';
import { testBotConfig, TEST_SIGNING_SECRET } from './slackBot.js';
import { sendBlockAction, sendSlashCommand, type BlockActionInput } from './slackRequests.js';

/**
 * The whole bot for digest/alert tests: like startTestBot, plus a movable clock and a background
 * Slack client with zero-delay retries and a short timeout, so 5xx and timeouts are seen at once.
 */
export interface AutomationBot {
  app: RunningApp;
  automation: AutomationRuntime;
  baseUrl: string;
  clock: { now: Date };
  /** Runs a slash command and returns the text of its first ephemeral reply (and the whole body). */
  command(text: string, opts?: { userId?: string; channelId?: string }): Promise<RecordedResponse['body']>;
  action(input: Omit<BlockActionInput, 'responseUrl'>): Promise<{ status: number; responses(): RecordedResponse[]; responseId: string }>;
  close(): Promise<void>;
}

let counter = 0;

export async function startAutomationBot(opts: { db: TestDb; fake: FakeSlack; start: Date; config?: Partial<Config> }): Promise<AutomationBot> {
  const clock = { now: opts.start };
  const config = testBotConfig(opts.fake, { CHART_MODE: 'quickchart', ...opts.config });
  const app = await startApp({
    config,
    logger: process.env.TEST_LOG ? createLogger('debug') : silentLogger,
    db: opts.db,
    now: () => clock.now,
    automationWebOverrides: { retryConfig: { retries: 0 }, timeout: 1_000 },
  });
  if (!app.automation) throw new Error('automation did not start (is Slack configured?)');
  const baseUrl = `http://127.0.0.1:${app.port}`;
  const fake = opts.fake;
  return {
    app,
    automation: app.automation,
    baseUrl,
    clock,
    command: async (text, o = {}) => {
      const id = `auto-cmd-${process.pid}-${++counter}`;
      const res = await sendSlashCommand(baseUrl, TEST_SIGNING_SECRET, { text, responseUrl: fake.responseUrl(id), ...o });
      if (res.status !== 200) throw new Error(`slash command answered ${res.status}`);
      const reply = await fake.waitFor(() => fake.responsesTo(id)[0], 10_000);
      return reply.body;
    },
    action: async (input) => {
      const id = `auto-act-${process.pid}-${++counter}`;
      const res = await sendBlockAction(baseUrl, TEST_SIGNING_SECRET, { ...input, responseUrl: fake.responseUrl(id) });
      return { status: res.status, responses: () => fake.responsesTo(id), responseId: id };
    },
    close: () => app.close(),
  };
}
