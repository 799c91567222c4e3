import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/slackBot.js';
import { blockActionPayload, postSigned, sendBlockAction, sendEvent, TEST_IDS } from '../helpers/slackRequests.js';

/**
 * The receiver only lets Slack in: a correctly signed request reaches a listener (positive
 * control), forged, stale or future-dated ones get 401 and reach nothing, and payloads from
 * another workspace or app are acked and ignored.
 */
const PROBE = 'test_platform_probe';

describe('Slack receiver security', () => {
  let bot: TestBot;
  const seen: string[] = [];

  beforeAll(async () => {
    bot = await startTestBot({ configOverrides: { CHART_MODE: 'off' } });
    bot.slack.app.action(PROBE, async ({ ack, body, client }) => {
      await ack();
      seen.push(body.user.id);
      await client.chat.postMessage({ channel: TEST_IDS.channelId, text: 'probe' });
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  const probe = (sign: Parameters<typeof sendBlockAction>[3] = {}, ids: { teamId?: string; appId?: string } = {}) =>
    sendBlockAction(bot.baseUrl, bot.secret, { actionId: PROBE, value: 'x', ...ids }, sign);

  it('accepts a correctly signed request and runs the listener with the configured bot token', async () => {
    bot.fake.reset();
    const res = await probe();
    expect(res.status).toBe(200);
    const call = await bot.fake.waitFor(() => bot.fake.callsTo('chat.postMessage')[0]);
    expect(call.body.text).toBe('probe');
    expect(call.headers.authorization).toBe(`Bearer ${bot.config.SLACK_BOT_TOKEN}`);
  });

  it('refuses a forged signature with 401 and calls nothing', async () => {
    bot.fake.reset();
    const before = seen.length;
    const res = await probe({ secretOverride: 'not-the-secret' });
    expect(res.status).toBe(401);
    const unsigned = await probe({ unsigned: true });
    expect(unsigned.status).toBe(401);
    const garbage = await probe({ signature: 'v0=deadbeef' });
    expect(garbage.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(bot.fake.calls).toEqual([]);
    expect(seen.length).toBe(before);
  });

  it('refuses a stale timestamp (over 5 minutes old) even when correctly signed', async () => {
    bot.fake.reset();
    const res = await probe({ timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    expect(bot.fake.calls).toEqual([]);
  });

  it('refuses a future timestamp (over 5 minutes ahead) even when correctly signed', async () => {
    bot.fake.reset();
    const res = await probe({ timestamp: Math.floor(Date.now() / 1000) + 6 * 60 });
    expect(res.status).toBe(401);
    const nonsense = await postSigned(bot.baseUrl, bot.secret, 'payload=%7B%7D', 'application/x-www-form-urlencoded', { timestamp: Number.NaN });
    expect(nonsense.status).toBe(401);
    expect(bot.fake.calls).toEqual([]);
  });

  it('accepts small clock skew in both directions', async () => {
    bot.fake.reset();
    const now = Math.floor(Date.now() / 1000);
    expect((await probe({ timestamp: now + 60 })).status).toBe(200);
    expect((await probe({ timestamp: now - 60 })).status).toBe(200);
    await bot.fake.waitFor(() => bot.fake.callsTo('chat.postMessage').length === 2);
  });

  it('acks and ignores payloads from another workspace or another app', async () => {
    bot.fake.reset();
    const before = seen.length;
    const otherTeam = await probe({}, { teamId: 'T0EVIL' });
    const otherApp = await probe({}, { appId: 'A0EVIL' });
    expect(otherTeam.status).toBe(200);
    expect(otherApp.status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.length).toBe(before);
    expect(bot.fake.calls).toEqual([]);
    // The same payload with the right ids does run, so the ids were the only difference.
    expect(blockActionPayload({ actionId: PROBE }).api_app_id).toBe(TEST_IDS.appId);
  });

  it('ignores Events API callbacks from another workspace (Bolt acks events itself)', async () => {
    const events: string[] = [];
    bot.slack.app.event('app_mention', async ({ event }) => {
      events.push(event.user ?? '');
    });
    const mention = { type: 'app_mention', user: TEST_IDS.userId, text: '<@U0BOT> hi', channel: TEST_IDS.channelId, ts: '1700000000.000200' };
    const foreign = await sendEvent(bot.baseUrl, bot.secret, mention, { teamId: 'T0EVIL' });
    expect(foreign.status).toBe(200);
    const ours = await sendEvent(bot.baseUrl, bot.secret, mention);
    expect(ours.status).toBe(200);
    await bot.fake.waitFor(() => events.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(events).toEqual([TEST_IDS.userId]);
  });

  it('answers Slack\'s URL verification challenge (signed)', async () => {
    const body = JSON.stringify({ token: 't', challenge: 'c-123', type: 'url_verification' });
    const res = await postSigned(bot.baseUrl, bot.secret, body, 'application/json');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ challenge: 'c-123' });
    const forged = await postSigned(bot.baseUrl, bot.secret, body, 'application/json', { secretOverride: 'nope' });
    expect(forged.status).toBe(401);
  });

  it('serves health beside Slack, and 404 for unknown paths', async () => {
    const health = await fetch(`${bot.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    const unknown = await fetch(`${bot.baseUrl}/nope`);
    expect(unknown.status).toBe(404);
    const getEvents = await fetch(`${bot.baseUrl}/slack/events`);
    expect(getEvents.status).toBe(404);
  });
});
