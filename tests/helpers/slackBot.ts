import { startApp, type RunningApp } from '../../src/main.js';
import { parseConfig, type Config } from '../../src/config.js';
import { createLogger, silentLogger, type Logger } from '../../src/logger.js';
import type { SlackApp } from '../../src/slack/app.js';
import type { SlackContext } from '../../src/slack/context.js';
import { createTestDb, type TestDb } from './db.js';
import { startFakeSlack, type FakeSlack, type RecordedResponse } from './fakeSlack.js';
import {
  sendBlockAction,
  sendEvent,
  sendSlashCommand,
  sendViewSubmission,
  TEST_IDS,
  type BlockActionInput,
  type SignOptions,
  type SlackHttpResult,
  type SlashCommandInput,
  type ViewSubmissionInput,
} from './slackRequests.js';

/**
 * The whole bot with Slack enabled, for integration tests: a fresh database, a fake Slack Web API,
 * and startApp on a free port. Requests go through the real Bolt receiver, correctly signed.
 */
export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const TEST_BOT_TOKEN = 'xoxb-test-0000-journey-pulse';

export interface TestBotOptions {
  now?: () => Date;
  /** Applied after parsing the test env (typed, e.g. { CHART_MODE: 'off', DEFAULT_LOCALE: 'ja' }). */
  configOverrides?: Partial<Config>;
  /** Share a database (not closed by this bot's close()). */
  db?: TestDb;
  /** Share a fake Slack (not closed by this bot's close()). */
  fake?: FakeSlack;
  /** Print the bot's logs (debugging). */
  logger?: Logger;
}

export interface CommandResult extends SlackHttpResult {
  responseId: string;
  /** Posts made to this command's response_url so far. */
  responses(): RecordedResponse[];
  /** Waits for the n-th (default first) post to the response_url. */
  waitForResponse(n?: number, timeoutMs?: number): Promise<RecordedResponse>;
}

export interface TestBot {
  db: TestDb;
  fake: FakeSlack;
  baseUrl: string;
  app: RunningApp;
  slack: SlackApp;
  context: SlackContext;
  config: Config;
  secret: string;
  ids: typeof TEST_IDS;
  command(text: string, opts?: Partial<Omit<SlashCommandInput, 'text'>> & { sign?: SignOptions }): Promise<CommandResult>;
  action(input: Omit<BlockActionInput, 'responseUrl'> & { responseId?: string; sign?: SignOptions }): Promise<CommandResult>;
  submit(input: ViewSubmissionInput & { sign?: SignOptions }): Promise<SlackHttpResult>;
  event(event: Record<string, unknown>, sign?: SignOptions): Promise<SlackHttpResult>;
  close(): Promise<void>;
}

let counter = 0;

export function testBotConfig(fake: FakeSlack, overrides: Partial<Config> = {}): Config {
  const base = parseConfig({
    PORT: '0',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_API_URL: fake.apiUrl,
    SLACK_TEAM_ID: TEST_IDS.teamId,
    SLACK_APP_ID: TEST_IDS.appId,
    SLACK_BOT_ID: TEST_IDS.botId,
    SLACK_BOT_USER_ID: TEST_IDS.botUserId,
    CHART_MODE: 'local',
    LOG_LEVEL: 'silent',
  });
  return { ...base, ...overrides };
}

export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const db = options.db ?? (await createTestDb());
  const fake = options.fake ?? (await startFakeSlack());
  const config = testBotConfig(fake, options.configOverrides);
  const logger = options.logger ?? (process.env.TEST_LOG ? createLogger('debug') : silentLogger);
  const app = await startApp({ config, logger, db, ...(options.now ? { now: options.now } : {}) });
  if (!app.slack) throw new Error('startTestBot: Slack did not start (check the test config)');
  const slack = app.slack;
  const baseUrl = `http://127.0.0.1:${app.port}`;
  const secret = config.SLACK_SIGNING_SECRET ?? TEST_SIGNING_SECRET;

  const withResponses = (result: SlackHttpResult, responseId: string): CommandResult => ({
    ...result,
    responseId,
    responses: () => fake.responsesTo(responseId),
    waitForResponse: (n = 1, timeoutMs = 5000) =>
      fake.waitFor(() => {
        const list = fake.responsesTo(responseId);
        return list.length >= n ? list[n - 1] : undefined;
      }, timeoutMs),
  });

  return {
    db,
    fake,
    baseUrl,
    app,
    slack,
    context: slack.context,
    config,
    secret,
    ids: TEST_IDS,
    command: async (text, opts = {}) => {
      counter += 1;
      const responseId = `cmd-${counter}`;
      const { sign, ...input } = opts;
      const result = await sendSlashCommand(baseUrl, secret, { ...input, text, responseUrl: fake.responseUrl(responseId) }, sign);
      return withResponses(result, responseId);
    },
    action: async ({ responseId: given, sign, ...input }) => {
      counter += 1;
      const responseId = given ?? `act-${counter}`;
      const responseUrl = input.container?.type === 'view' ? undefined : fake.responseUrl(responseId);
      const result = await sendBlockAction(baseUrl, secret, { ...input, ...(responseUrl ? { responseUrl } : {}) }, sign);
      return withResponses(result, responseId);
    },
    submit: ({ sign, ...input }) => sendViewSubmission(baseUrl, secret, input, sign),
    event: (event, sign) => sendEvent(baseUrl, secret, event, {}, sign),
    close: async () => {
      await app.close();
      if (!options.fake) await fake.close();
      if (!options.db) await db.close();
    },
  };
}
