import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src/demo/seed.js';
import { allText } from './helpers.js';
import { startTestBot, type TestBot } from '../../helpers/slackBot.js';

/** Targets on the demo data: set by an admin, shown with progress in the views, Home and the digest. */
describe('/journey target', () => {
  let bot: TestBot;
  const now = new Date('2026-03-31T12:00:00Z');

  beforeAll(async () => {
    bot = await startTestBot({ now: () => now, configOverrides: { CHART_MODE: 'off' } });
    bot.fake.setUser('UADMIN', { is_admin: true, tz: 'UTC', locale: 'en-US' });
    bot.fake.setUser('UUSER', { tz: 'UTC', locale: 'en-US' });
    await seedDemo(bot.db.db, { now });
  }, 120_000);
  afterAll(async () => {
    await bot?.close();
  });

  const run = async (text: string, userId = 'UADMIN') => allText((await (await bot.command(text, { userId })).waitForResponse()).body);

  it('is for the people who may change alert rules', async () => {
    expect(await run('target online-purchase/checkout dropoff 45 by 2026-04-30', 'UUSER')).toContain('Only workspace admins and owners');
  });

  it('checks the value, the date and that drop-off names a step', async () => {
    expect(await run('target online-purchase/checkout dropoff 145')).toContain('A dropoff target must be between 0 and 100.');
    expect(await run('target online-purchase/checkout dropoff 45 by 2026-02-30')).toContain('The date must be a real day');
    expect(await run('target online-purchase dropoff 45')).toContain('A dropoff target needs a touchpoint');
    expect(await run('target online-purchase/ad dropoff 45')).toContain('The first step has no drop-off');
  });

  it('sets, lists with progress, shows in the journey view, Home and digest, and removes', async () => {
    expect(await run('target online-purchase/checkout dropoff 45 by 2026-04-30')).toMatch(/Target #(\d+) set: \*オンライン購入 › 購入手続き\* · drop-off target 45% by Apr 30, 2026/);
    const list = await run('targets online-purchase');
    // 30d: 25,398 of 49,001 reached checkout from cart: drop-off 48.2%, interval ±0.44 points → 48% (48% to 49%).
    expect(list).toMatch(/#\d+ \*オンライン購入 › 購入手続き\* · drop-off target 45% by Apr 30, 2026 — now 48% \(95% interval 48% to 49%, n=49,001\) · behind: at this pace \d+% \(±\d+\) by Apr 30, 2026, target 45%/);
    const view = await run('online-purchase');
    if (process.env.SHOW_DEMO) console.log(list, view);
    expect(view).toContain('*Targets*');
    expect(view).toContain('drop-off target 45%');
    bot.fake.reset();
    await bot.event({ type: 'app_home_opened', user: 'UADMIN', channel: 'D0A', tab: 'home' });
    const home = allText((await bot.fake.waitFor(() => bot.fake.callsTo('views.publish')[0])).body);
    expect(home).toContain('drop-off target 45%');
    expect(await run('digest preview')).toContain('drop-off target 45%');
    const id = /#(\d+)/.exec(list)?.[1] ?? '0';
    expect(await run(`target remove ${id}`)).toContain(`Target #${id} removed.`);
    expect(await run('targets')).toContain('No targets yet.');
  });
});
