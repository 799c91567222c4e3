import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src/demo/seed.js';
import { validateMessage } from '../../helpers/blockLimits.js';
import { startTestBot, type TestBot } from '../../helpers/slackBot.js';
import { ActionId } from '../../../src/slack/ids.js';
import { allText, blocksOf, mrkdwnText } from './helpers.js';

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

  it('lists the ranking under Needs attention on App Home, and every item opens its journey', async () => {
    bot.fake.reset();
    await bot.event({ type: 'app_home_opened', user: 'UEN', channel: 'D0EN', tab: 'home' });
    const pub = await bot.fake.waitFor(() => bot.fake.callsTo('views.publish')[0]);
    const text = allText(pub.body);
    // 30d: 49,001 reached カート × (48.2% − 40.1%) × 7/30 ≈ 920 a week (hand-checked in the notes).
    expect(text).toContain('1. *オンライン購入* · カート → 購入手続き — about *920* customers a week (drop-off 48% vs 40%)');
    expect(text).not.toContain('`/journey');
    const item = blocksOf(pub.body).find((b) => b.accessory?.action_id === `${ActionId.homeOpenJourney}:attention-0`)?.accessory;
    if (!item?.value) throw new Error('no Open button on the first Needs-attention item');
    await bot.action({ actionId: `${ActionId.homeOpenJourney}:attention-0`, value: item.value, userId: 'UEN', container: { type: 'view', viewId: 'VHOME', viewType: 'home' } });
    const update = await bot.fake.waitFor(() => bot.fake.callsTo('views.update')[0]);
    expect(bot.fake.callsTo('views.open')).toHaveLength(1);
    expect(allText(update.body)).toContain('*Fix first:* カート → *購入手続き*');
    expect(blocksOf(update.body).filter((b) => b.type === 'actions')).toEqual([]);
  });

  it('switches the Home period and opens Log action in one press', async () => {
    bot.fake.reset();
    const period = JSON.stringify({ v: 'list', p: '7d' });
    await bot.action({ actionId: `${ActionId.homePeriod}:7d`, value: period, userId: 'UEN', container: { type: 'view', viewId: 'VHOME', viewType: 'home' } });
    const pub = await bot.fake.waitFor(() => bot.fake.callsTo('views.publish')[0]);
    expect(allText(pub.body)).toContain('1. *オンライン購入* · カート → 購入手続き — about *2,500* customers a week (drop-off 65% vs 41%)');
    await bot.action({ actionId: ActionId.homeLogAction, value: '{}', userId: 'UEN', container: { type: 'view', viewId: 'VHOME', viewType: 'home' } });
    const open = await bot.fake.waitFor(() => bot.fake.callsTo('views.open')[0]);
    expect(JSON.stringify(open.body)).toContain('jp_log_action_modal');
  });

  it('leads the digest with the week’s top problem and names each journey’s in the list', async () => {
    const digest = await (await bot.command('digest preview', { userId: 'UEN' })).waitForResponse();
    expect(allText(digest.body)).toMatch(/\*This week’s top problem:\* カート → \*購入手続き\* — about \*[\d,]+\* more customers a week/);
    const list = await (await bot.command('list', { userId: 'UEN' })).waitForResponse();
    expect(allText(list.body)).toContain('*Fix first:* 購入手続き drop-off');
  });
});
