import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getUserContext } from '../../src/slack/users.js';
import { createWebClient } from '../../src/slack/web.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fakeSlack.js';

/** Language and timezone come from users.info (with include_locale), cached, with config fallbacks. */
describe('getUserContext', () => {
  let fake: FakeSlack;
  const defaults = { DEFAULT_LOCALE: 'en' as const, DEFAULT_TIMEZONE: 'Europe/London' };
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());
  const web = () => createWebClient({ SLACK_API_URL: fake.apiUrl, SLACK_BOT_TOKEN: 'xoxb-t' }, { retries: 'interactive', overrides: { retryConfig: { retries: 0 } } });

  it('reads locale and timezone, asking Slack for the locale explicitly', async () => {
    fake.setUser('U1', { locale: 'ja-JP', tz: 'Asia/Tokyo', is_admin: true });
    const ctx = await getUserContext(web(), 'U1', defaults);
    expect(ctx).toEqual({ locale: 'ja', timezone: 'Asia/Tokyo', isAdmin: true, isOwner: false, fromSlack: true });
    expect(fake.callsTo('users.info')[0]?.body).toMatchObject({ user: 'U1', include_locale: 'true' });
  });

  it('caches per client for a few minutes', async () => {
    const client = web();
    fake.setUser('U2', { locale: 'en-US', tz: 'America/Chicago' });
    const t0 = Date.now();
    await getUserContext(client, 'U2', defaults, t0);
    await getUserContext(client, 'U2', defaults, t0 + 60_000);
    expect(fake.callsTo('users.info')).toHaveLength(1);
    await getUserContext(client, 'U2', defaults, t0 + 6 * 60_000);
    expect(fake.callsTo('users.info')).toHaveLength(2);
  });

  it('falls back to the configured defaults when Slack fails, and does not cache the failure', async () => {
    const client = web();
    fake.failNext('users.info', { status: 500 });
    const ctx = await getUserContext(client, 'U3', defaults);
    expect(ctx).toEqual({ locale: 'en', timezone: 'Europe/London', isAdmin: false, isOwner: false, fromSlack: false });
    fake.setUser('U3', { locale: 'ja-JP', tz: 'Asia/Tokyo' });
    expect((await getUserContext(client, 'U3', defaults)).locale).toBe('ja');
  });

  it('falls back on a Slack error and on a locale or timezone we cannot use', async () => {
    fake.setUser('U4', { error: 'user_not_found' });
    expect((await getUserContext(web(), 'U4', { DEFAULT_LOCALE: 'ja', DEFAULT_TIMEZONE: 'Asia/Tokyo' })).locale).toBe('ja');
    fake.setUser('U5', { locale: 'de-DE', tz: 'Not/AZone' });
    const ctx = await getUserContext(web(), 'U5', defaults);
    expect([ctx.locale, ctx.timezone, ctx.fromSlack]).toEqual(['en', 'Europe/London', true]);
  });
});
