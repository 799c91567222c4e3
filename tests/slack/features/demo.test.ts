import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src/demo/seed.js';
import { listAllTouchpoints, listJourneys } from '../../../src/db/queries/lookup.js';
import { validateMessage } from '../../helpers/blockLimits.js';
import { startTestBot, type TestBot } from '../../helpers/slackBot.js';
import { allText } from './helpers.js';

/** What a new user does first: every subcommand on the demo data answers, within Slack's limits. */
describe('/journey on the demo data', () => {
  let bot: TestBot;
  const now = new Date('2026-03-31T12:00:00Z');
  let commands: string[] = [];

  beforeAll(async () => {
    bot = await startTestBot({ now: () => now, configOverrides: { CHART_MODE: 'off' } });
    await seedDemo(bot.db.db, { now });
    const journeys = await listJourneys(bot.db.db);
    const tps = await listAllTouchpoints(bot.db.db);
    const first = tps[0];
    commands = ['', 'help', 'actions', ...journeys.map((j) => j.name), ...(first ? [`touchpoint ${first.journeyKey}/${first.key} 12w`, `log ${first.journeyKey}/${first.key} Demo action`] : [])];
  }, 120_000);
  afterAll(async () => {
    await bot?.close();
  });

  it('answers every subcommand', async () => {
    expect(commands.length).toBeGreaterThan(5);
    for (const text of commands) {
      const r = await bot.command(text);
      const res = await r.waitForResponse();
      const body = res.body as { text: string; blocks: KnownBlock[] };
      expect(validateMessage(body), text).toEqual([]);
      expect(allText(res.body), text).not.toMatch(/Sorry, something went wrong|No journey matches/);
      if (process.env.SHOW_DEMO) console.log(`=== /journey ${text}\n${allText(res.body)}`);
    }
  });
});
