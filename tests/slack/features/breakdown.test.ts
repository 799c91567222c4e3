import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src/demo/seed.js';
import { validateMessage } from '../../helpers/blockLimits.js';
import { startTestBot, type TestBot } from '../../helpers/slackBot.js';
import { allText } from './helpers.js';

/** Breakdowns on the demo data: the 配送 fall is in 関西, and every form of the command answers. */
describe('/journey … by <attribute> on the demo data', () => {
  let bot: TestBot;
  const now = new Date('2026-03-31T12:00:00Z');

  beforeAll(async () => {
    bot = await startTestBot({ now: () => now, configOverrides: { CHART_MODE: 'off' } });
    await seedDemo(bot.db.db, { now });
  }, 120_000);
  afterAll(async () => {
    await bot?.close();
  });

  const run = async (text: string) => {
    const r = await bot.command(text);
    const res = await r.waitForResponse();
    const body = res.body as { text: string; blocks: KnownBlock[] };
    expect(validateMessage(body), text).toEqual([]);
    const out = allText(res.body);
    if (process.env.SHOW_DEMO) console.log(`=== /journey ${text}\n${out}`);
    return out;
  };

  it('names 関西 as where the delivery fall is', async () => {
    const text = await run('touchpoint online-purchase/delivery by region 7d');
    expect(text).toContain('関西');
    expect(text).toMatch(/Where the change is.*region=関西/s);
    // The touchpoint view says it too.
    expect(await run('touchpoint online-purchase/delivery 7d')).toMatch(/Where the change is\*\nregion=関西/);
  });

  it('answers the journey breakdown, by channel, Japanese forms and did-you-mean', async () => {
    expect(await run('online-purchase by region')).toMatch(/関東[\s\S]*関西/);
    expect(await run('online-purchase by channel')).toMatch(/offline/);
    expect(await run('オンライン購入 7日 地域別')).toContain('関西');
    expect(await run('オンライン購入 by 地域 30日')).toContain('関西');
    expect(await run('online-purchase by regoin')).toMatch(/Did you mean: `region`/);
    expect(await run('online-purchase by')).toMatch(/Break it down by what/);
    expect(await run('help by')).toContain('by <attribute>');
  });
});
