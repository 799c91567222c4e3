import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src/demo/seed.js';
import { validateMessage } from '../../helpers/blockLimits.js';
import { startTestBot, type TestBot } from '../../helpers/slackBot.js';
import { allText, mrkdwnText } from './helpers.js';

/** The demo's broken step, カート → 購入手続き, is what the journey view names first in every period. */
describe('Fix first on the demo data', () => {
  let bot: TestBot;
  const now = new Date('2026-03-31T12:00:00Z');

  beforeAll(async () => {
    bot = await startTestBot({ now: () => now, configOverrides: { CHART_MODE: 'off' } });
    bot.fake.setUser('UEN', { locale: 'en-US', tz: 'UTC' });
    bot.fake.setUser('UJA', { locale: 'ja-JP', tz: 'Asia/Tokyo' });
    await seedDemo(bot.db.db, { now });
  }, 120_000);
  afterAll(async () => {
    await bot?.close();
  });

  it.each(['7d', '30d', '90d'])('opens /journey online-purchase %s with the broken step', async (period) => {
    const res = await (await bot.command(`online-purchase ${period}`, { userId: 'UEN' })).waitForResponse();
    const body = res.body as Parameters<typeof validateMessage>[0];
    expect(validateMessage(body)).toEqual([]);
    const text = mrkdwnText(res.body);
    if (process.env.SHOW_DEMO) console.log(allText(res.body));
    expect(text).toMatch(/\*Fix first:\* カート → \*購入手続き\* — about \*[\d,]+\* more customers a week drop off here than in the previous 8 weeks \(\d+% vs \d+%/);
    // The funnel marks the step that changed as well as the largest drop-off.
    expect(text).toMatch(/購入手続き.*got worse \(previous 8 weeks \d+%\)/);
  });

  it('speaks Japanese', async () => {
    const res = await (await bot.command('online-purchase 30d', { userId: 'UJA' })).waitForResponse();
    if (process.env.SHOW_DEMO) console.log(allText(res.body));
    expect(allText(res.body)).toMatch(/\*まず直すところ:\* カート → \*購入手続き\*。直前8週間より、ここで離脱する人が週に約\*[\d,]+\*人多くなっています/);
  });
});
