import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../src/db/rows.js';
import { commandWords } from '../../../src/slack/listeners/commands/tokenize.js';
import { seedJourney } from '../../helpers/automationData.js';
import { startAutomationBot, type AutomationBot } from '../../helpers/automationBot.js';
import { createTestDb, type TestDb } from '../../helpers/db.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fakeSlack.js';

/** Every subcommand splits words with the same tokenizer, so a quoted multi-word name is one name everywhere. */
describe('commandWords', () => {
  it('groups quoted words (ASCII, typographic and Japanese quotes) and keeps apostrophes inside words', () => {
    expect(commandWords('weekly mon 09:00 "Account onboarding" 「店舗 来店」')).toEqual(['weekly', 'mon', '09:00', 'Account onboarding', '店舗 来店']);
    expect(commandWords('nps-below “Account onboarding/Sign up” 20')).toEqual(['nps-below', 'Account onboarding/Sign up', '20']);
    expect(commandWords("customer's journey")).toEqual(["customer's", 'journey']);
    expect(commandWords('nps-below "open')).toBe('unbalanced');
  });
});

describe('quoted multi-word journey names in digest and alert', () => {
  const ADMIN = 'U0ADMIN';
  let db: TestDb;
  let fake: FakeSlack;
  let bot: AutomationBot;

  beforeAll(async () => {
    db = await createTestDb();
    fake = await startFakeSlack();
    fake.setUser(ADMIN, { is_admin: true, tz: 'UTC' });
    await seedJourney(db.db, 'acct', 'Account onboarding', [
      { key: 'signup', name: 'Sign up' },
      { key: 'verify', name: 'Verify email' },
    ]);
    bot = await startAutomationBot({ db, fake, start: new Date('2026-11-20T00:00:00Z') });
  });
  afterAll(async () => {
    await bot.close();
    await fake.close();
    await db.close();
  });

  it('subscribes a digest to a journey named in quotes', async () => {
    const reply = await bot.command('digest weekly mon 09:00 UTC "Account onboarding"', { userId: ADMIN });
    expect(reply.text).toContain('`acct`');
    const rows = await queryRows<{ journey_keys: string[] }>(db.db, sql`select journey_keys from digest_subscriptions`);
    expect(rows).toEqual([{ journey_keys: ['acct'] }]);
  });

  it('creates an alert rule on a journey and on a touchpoint named in quotes', async () => {
    expect((await bot.command('alert nps-below "Account onboarding" 20', { userId: ADMIN })).text).toMatch(/Account onboarding/);
    expect((await bot.command('alert nps-below "Account onboarding/Verify email" 10', { userId: ADMIN })).text).toMatch(/Verify email/);
    const rules = await queryRows<{ scope: string; threshold: number }>(db.db, sql`select scope, threshold::float8 as threshold from alert_rules order by id`);
    expect(rules).toEqual([
      { scope: 'journey', threshold: 20 },
      { scope: 'touchpoint', threshold: 10 },
    ]);
  });

  it('says a quote is not closed instead of guessing', async () => {
    expect((await bot.command('alert nps-below "Account onboarding 20', { userId: ADMIN })).text).toMatch(/quote is not closed/);
  });
});
