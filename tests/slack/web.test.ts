import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebClient, RETRY_PROFILES } from '../../src/slack/web.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fakeSlack.js';

/** The Web API client goes to SLACK_API_URL and retries per profile: 429 after Retry-After, 5xx and timeouts. */
describe('createWebClient', () => {
  let fake: FakeSlack;
  const token = 'xoxb-test-web';
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());

  const client = (retries: 'interactive' | 'background', overrides = {}) =>
    createWebClient({ SLACK_API_URL: fake.apiUrl, SLACK_BOT_TOKEN: token }, { retries, overrides });

  it('sends every call to SLACK_API_URL with the bot token', async () => {
    const res = await client('interactive').chat.postMessage({ channel: 'C1', text: 'こんにちは' });
    expect(res.ok).toBe(true);
    const [call] = fake.callsTo('chat.postMessage');
    expect(call?.body).toMatchObject({ channel: 'C1', text: 'こんにちは' });
    expect(call?.headers.authorization).toBe(`Bearer ${token}`);
  });

  it('accepts SLACK_API_URL without a trailing slash', async () => {
    const web = createWebClient({ SLACK_API_URL: fake.apiUrl.replace(/\/$/, ''), SLACK_BOT_TOKEN: token }, { retries: 'interactive' });
    await web.auth.test();
    expect(fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('waits for Retry-After on 429, then retries and succeeds', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const res = await client('interactive').chat.postMessage({ channel: 'C1', text: 'hi' });
    expect(res.ok).toBe(true);
    const calls = fake.callsTo('chat.postMessage');
    expect(calls).toHaveLength(2);
    // The retry came after the announced second, not immediately.
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('interactive: retries a 500 twice, then gives up', async () => {
    fake.failNext('chat.postEphemeral', { status: 500 }, 2);
    const ok = await client('interactive').chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'x' });
    expect(ok.ok).toBe(true);
    expect(fake.callsTo('chat.postEphemeral')).toHaveLength(3);

    fake.reset();
    fake.failNext('chat.postEphemeral', { status: 500 }, 3);
    await expect(client('interactive').chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'x' })).rejects.toThrow();
    expect(fake.callsTo('chat.postEphemeral')).toHaveLength(3);
  });

  it('background: retries more (5 retries) with longer waits', async () => {
    expect(RETRY_PROFILES.background.retryConfig.retries).toBeGreaterThan(RETRY_PROFILES.interactive.retryConfig.retries ?? 0);
    expect(RETRY_PROFILES.background.timeout).toBeGreaterThan(RETRY_PROFILES.interactive.timeout);
    // Same policy shape with zero waits, so the test does not sleep for minutes.
    fake.failNext('chat.postMessage', { status: 503 }, 4);
    const web = client('background', { retryConfig: { ...RETRY_PROFILES.background.retryConfig, minTimeout: 0, maxTimeout: 0 } });
    const res = await web.chat.postMessage({ channel: 'C1', text: 'digest' });
    expect(res.ok).toBe(true);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(5);
  });

  it('does not retry Slack errors such as channel_not_found', async () => {
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await expect(client('background').chat.postMessage({ channel: 'C404', text: 'x' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('times out a hanging call and retries it', async () => {
    fake.failNext('views.publish', { delayMs: 800 });
    const web = client('interactive', { timeout: 200 });
    const res = await web.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [] } });
    expect(res.ok).toBe(true);
    expect(fake.callsTo('views.publish')).toHaveLength(2);
  });

  it('a 429 on the background client does not stall the interactive one', async () => {
    const background = client('background');
    const interactive = client('interactive');
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    const order: string[] = [];
    const slow = background.chat.postMessage({ channel: 'C1', text: 'digest' }).then(() => order.push('background'));
    await fake.waitFor(() => fake.callsTo('chat.postMessage').length === 1);
    await interactive.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'reply' }).then(() => order.push('interactive'));
    await slow;
    expect(order).toEqual(['interactive', 'background']);
  });
});
