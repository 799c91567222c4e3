import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUserDirectory } from '../../src/slack/users.js';
import { createWebClient } from '../../src/slack/web.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fakeSlack.js';

/** Language and timezone come from users.info (with include_locale), cached, with config fallbacks. */
describe('UserDirectory.context', () => {
  let fake: FakeSlack;
  const defaults = { DEFAULT_LOCALE: 'en' as const, DEFAULT_TIMEZONE: 'Europe/London', ADMIN_USER_IDS: [] };
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
    const ctx = await createUserDirectory({ web: web(), config: defaults }).context('U1');
    expect(ctx).toEqual({ locale: 'ja', timezone: 'Asia/Tokyo', isAdmin: true, isOwner: false, fromSlack: true });
    expect(fake.callsTo('users.info')[0]?.body).toMatchObject({ user: 'U1', include_locale: 'true' });
  });

  it('caches for a few minutes', async () => {
    const users = createUserDirectory({ web: web(), config: defaults });
    fake.setUser('U2', { locale: 'en-US', tz: 'America/Chicago' });
    const t0 = Date.now();
    await users.context('U2', t0);
    await users.context('U2', t0 + 60_000);
    expect(fake.callsTo('users.info')).toHaveLength(1);
    await users.context('U2', t0 + 6 * 60_000);
    expect(fake.callsTo('users.info')).toHaveLength(2);
  });

  it('falls back to the configured defaults when Slack fails, and does not cache the failure', async () => {
    const users = createUserDirectory({ web: web(), config: defaults });
    fake.failNext('users.info', { status: 500 });
    const ctx = await users.context('U3');
    expect(ctx).toEqual({ locale: 'en', timezone: 'Europe/London', isAdmin: false, isOwner: false, fromSlack: false });
    fake.setUser('U3', { locale: 'ja-JP', tz: 'Asia/Tokyo' });
    expect((await users.context('U3')).locale).toBe('ja');
  });

  it('falls back on a Slack error and on a locale or timezone we cannot use', async () => {
    fake.setUser('U4', { error: 'user_not_found' });
    expect((await createUserDirectory({ web: web(), config: { DEFAULT_LOCALE: 'ja', DEFAULT_TIMEZONE: 'Asia/Tokyo', ADMIN_USER_IDS: [] } }).context('U4')).locale).toBe('ja');
    fake.setUser('U5', { locale: 'de-DE', tz: 'Not/AZone' });
    const ctx = await createUserDirectory({ web: web(), config: defaults }).context('U5');
    expect([ctx.locale, ctx.timezone, ctx.fromSlack]).toEqual(['en', 'Europe/London', true]);
  });
});
