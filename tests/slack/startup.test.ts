import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/main.js';
import { createLogger } from '../../src/logger.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fakeSlack.js';
import { testBotConfig } from '../helpers/slackBot.js';

/** Start-up never depends on reaching Slack: no call is made, and an unreachable Slack does not crash the bot. */
describe('start-up without Slack', () => {
  let db: TestDb | undefined;
  let fake: FakeSlack | undefined;
  let app: RunningApp | undefined;
  const lines: string[] = [];
  const logger = createLogger('debug', {}, (l) => lines.push(l));

  afterEach(async () => {
    await app?.close();
    await fake?.close();
    await db?.close();
    app = undefined;
    fake = undefined;
    db = undefined;
    lines.length = 0;
  });

  it('starts with Slack enabled and makes no Slack call', async () => {
    db = await createTestDb();
    fake = await startFakeSlack();
    app = await startApp({ config: testBotConfig(fake), logger, db });
    expect(app.slack).not.toBeNull();
    expect(app.slack?.requestListener).toBeTypeOf('function');
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.calls).toEqual([]);
    expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
  });

  it('starts and serves health when the Slack API is unreachable', async () => {
    db = await createTestDb();
    fake = await startFakeSlack();
    const config = { ...testBotConfig(fake), SLACK_API_URL: 'http://127.0.0.1:9/api/' };
    app = await startApp({ config, logger, db });
    expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
  });

  it('in Socket Mode, a failed connection is logged, not fatal', async () => {
    db = await createTestDb();
    fake = await startFakeSlack();
    // apps.connections.open refused: the socket cannot open.
    fake.failNext('apps.connections.open', { error: 'invalid_auth' }, 50);
    const config = { ...testBotConfig(fake), SLACK_APP_TOKEN: 'xapp-1-test', SLACK_SIGNING_SECRET: undefined };
    app = await startApp({ config, logger, db });
    expect(app.slack?.requestListener).toBeUndefined();
    await fake.waitFor(() => fake!.callsTo('apps.connections.open').length > 0);
    await new Promise((r) => setTimeout(r, 100));
    expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
    expect(lines.some((l) => l.includes('Socket Mode connection failed'))).toBe(true);
    // The app token never reaches the logs.
    expect(lines.join('\n')).not.toContain('xapp-1-test');
  });

  it('without Slack credentials, logs that Slack is disabled and still serves health', async () => {
    db = await createTestDb();
    fake = await startFakeSlack();
    const config = { ...testBotConfig(fake), SLACK_BOT_TOKEN: undefined, SLACK_SIGNING_SECRET: undefined };
    app = await startApp({ config, logger, db });
    expect(app.slack).toBeNull();
    expect(lines.some((l) => l.includes('Slack disabled'))).toBe(true);
    const res = await fetch(`http://127.0.0.1:${app.port}/slack/events`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(404);
  });
});
