import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/slackBot.js';
import { postSigned, readFixture, signRequest } from '../helpers/slackRequests.js';

/**
 * Slack's documented known-answer example (verifying-requests-from-slack): our signer produces its
 * signature, and the real receiver accepts that exact request once the clock is frozen at its
 * timestamp, and refuses it at today's date (stale) or with one byte changed.
 */
const vector = JSON.parse(readFixture('signature_vector.json')) as {
  signing_secret: string;
  'x-slack-request-timestamp': string;
  'x-slack-signature': string;
  'content-type': string;
  body_file: string;
};
const body = readFixture(vector.body_file);
const timestamp = Number(vector['x-slack-request-timestamp']);

describe('request signing known-answer vector', () => {
  it('signRequest reproduces the documented signature', () => {
    expect(signRequest(body, vector.signing_secret, timestamp)).toBe(vector['x-slack-signature']);
  });

  describe('through the real receiver', () => {
    let bot: TestBot;
    const received: string[] = [];

    beforeAll(async () => {
      // The documented request comes from team T1DC2JH3J without api_app_id: no team/app pinning here.
      bot = await startTestBot({
        configOverrides: { SLACK_SIGNING_SECRET: vector.signing_secret, SLACK_TEAM_ID: undefined, SLACK_APP_ID: undefined, CHART_MODE: 'off' },
      });
      bot.slack.app.command('/webhook-collect', async ({ ack, command }) => {
        await ack();
        received.push(command.user_id);
      });
    });
    afterAll(async () => {
      await bot?.close();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    const send = (payload: string) =>
      postSigned(bot.baseUrl, vector.signing_secret, payload, vector['content-type'], { timestamp, signature: vector['x-slack-signature'] });

    it('accepts the documented request with the clock frozen at its timestamp', async () => {
      // Only Date is faked: timers and sockets keep running.
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(timestamp * 1000 + 30_000);
      const res = await send(body);
      expect(res.status).toBe(200);
      expect(received).toEqual(['U2CERLKJA']);
    });

    it('refuses the same request at the real date (stale) and with a changed body', async () => {
      const stale = await send(body);
      expect(stale.status).toBe(401);
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(timestamp * 1000);
      const tampered = await send(body.replace('text=', 'text=x'));
      expect(tampered.status).toBe(401);
      expect(received).toEqual(['U2CERLKJA']);
    });

    it('refuses it when the clock is more than 5 minutes BEFORE the timestamp (future request)', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime((timestamp - 6 * 60) * 1000);
      const res = await send(body);
      expect(res.status).toBe(401);
      expect(received).toEqual(['U2CERLKJA']);
    });
  });
});
