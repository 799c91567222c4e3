import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { startTestBot, type TestBot } from '../helpers/slackBot.js';
import { TEST_IDS } from '../helpers/slackRequests.js';

/** An unexpected failure is logged once with a reference, and the user sees a short apology quoting it. */
describe('global error handler', () => {
  let bot: TestBot;
  const lines: string[] = [];

  beforeAll(async () => {
    bot = await startTestBot({ configOverrides: { CHART_MODE: 'off' }, logger: createLogger('debug', {}, (l) => lines.push(l)) });
    bot.slack.app.action('test_explode', async ({ ack }) => {
      await ack();
      throw new Error('database exploded');
    });
    bot.slack.app.action('test_explode_home', async ({ ack }) => {
      await ack();
      throw new Error('home exploded');
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('apologises through response_url with a reference that matches the single log line', async () => {
    bot.fake.setUser(TEST_IDS.userId, { locale: 'en-US', tz: 'Asia/Tokyo' });
    const res = await bot.action({ actionId: 'test_explode', value: 'v' });
    expect(res.status).toBe(200);
    const reply = await res.waitForResponse();
    const text = String(reply.body.text);
    expect(reply.body.response_type).toBe('ephemeral');
    const ref = /reference ([0-9a-f]{8})/.exec(text)?.[1];
    expect(ref).toBeDefined();
    const failures = lines.filter((l) => l.includes('Slack listener failed'));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain(ref);
    expect(failures[0]).toContain('database exploded');
    expect(failures[0]).toContain('test_explode');
    // Nothing secret or single-use in the logs.
    const all = lines.join('\n');
    expect(all).not.toContain(bot.config.SLACK_BOT_TOKEN);
    expect(all).not.toContain(bot.fake.responseUrl(res.responseId));
    expect(all).not.toContain(bot.secret);
  });

  it('speaks the user’s language', async () => {
    bot.fake.setUser('U0JA', { locale: 'ja-JP', tz: 'Asia/Tokyo' });
    const res = await bot.action({ actionId: 'test_explode', userId: 'U0JA' });
    const reply = await res.waitForResponse();
    expect(String(reply.body.text)).toMatch(/申し訳ありません.*参照番号 [0-9a-f]{8}/);
  });

  it('without a response_url (App Home) it posts an ephemeral message only when a channel is known, else just logs', async () => {
    bot.fake.reset();
    const before = lines.filter((l) => l.includes('Slack listener failed')).length;
    const res = await bot.action({ actionId: 'test_explode_home', container: { type: 'view', viewId: 'V0HOME' } });
    expect(res.status).toBe(200);
    await bot.fake.waitFor(() => lines.filter((l) => l.includes('Slack listener failed')).length === before + 1);
    expect(bot.fake.callsTo('chat.postEphemeral')).toEqual([]);
  });
});
