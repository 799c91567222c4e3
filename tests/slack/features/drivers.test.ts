import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateMessage } from '../../helpers/blockLimits.js';
import { insertJourney, insertResponses, type ResponseFixture } from '../../helpers/fixtures.js';
import { startTestBot, type TestBot } from '../../helpers/slackBot.js';
import { allText } from './helpers.js';

const NOW = new Date('2026-03-10T12:00:00Z');
let bot: TestBot;

/**
 * 200 linked customers of "buy" (three days ago): the outcome `review` equals `pay` exactly,
 * `browse` is unrelated (a pattern that repeats every 11 customers against `pay`'s every 10),
 * so `pay` carries the importance. `pay` scores low (NPS −20) and `browse` high, so `pay` is
 * "important and low: act first". "thin" has only 20 linked customers, too few for the model.
 */
beforeAll(async () => {
  bot = await startTestBot({ now: () => NOW, configOverrides: { CHART_MODE: 'off' } });
  bot.fake.setUser('U0JA', { locale: 'ja-JP', tz: 'Asia/Tokyo' });
  const { tp } = await insertJourney(bot.db.db, 'buy', '購入', [
    { key: 'browse', name: '閲覧' },
    { key: 'pay', name: '支払い <決済>' },
    { key: 'thin', name: 'Thin' },
    { key: 'review', name: '総合評価' },
  ]);
  await insertJourney(bot.db.db, 'quiet', 'Quiet', [{ key: 'only', name: 'Only' }, { key: 'end', name: 'End' }]);
  const at = '2026-03-07T03:00:00Z';
  const rows: ResponseFixture[] = [];
  const payScores = [0, 3, 5, 6, 6, 7, 8, 9, 9, 10];
  for (let i = 0; i < 200; i++) {
    const customer = `c${i}`;
    const pay = payScores[i % 10]!;
    rows.push({ touchpointId: tp.pay!, metric: 'nps', score: pay, at, customer });
    rows.push({ touchpointId: tp.browse!, metric: 'nps', score: [9, 10, 9, 10, 8, 9, 10, 9, 10, 9, 7][i % 11]!, at, customer });
    rows.push({ touchpointId: tp.review!, metric: 'nps', score: pay, at, customer });
    if (i < 20) rows.push({ touchpointId: tp.thin!, metric: 'nps', score: 5, at, customer });
  }
  // Today: 30 more linked customers, too few on their own (`1d`).
  for (let i = 0; i < 30; i++) {
    rows.push({ touchpointId: tp.pay!, metric: 'nps', score: 8, at: '2026-03-10T10:00:00Z', customer: `d${i}` });
    rows.push({ touchpointId: tp.review!, metric: 'nps', score: 9 - (i % 3), at: '2026-03-10T11:00:00Z', customer: `d${i}` });
  }
  await insertResponses(bot.db.db, rows);
}, 120_000);
afterAll(async () => {
  await bot?.close();
});
beforeEach(() => bot.fake.reset());

async function run(text: string, userId?: string) {
  const r = await bot.command(text, userId ? { userId } : {});
  expect(r.status).toBe(200);
  const res = await r.waitForResponse();
  expect(res.body.response_type).toBe('ephemeral');
  expect(validateMessage(res.body as { text: string; blocks: KnownBlock[] })).toEqual([]);
  return allText(res.body);
}

describe('/journey drivers', () => {
  it('ranks the touchpoints by importance for the outcome, in the act-first quadrant, with the sample', async () => {
    const text = await run('drivers buy 7d');
    expect(text).toContain('Key drivers · 購入');
    expect(text).toContain('outcome: *総合評価* (NPS −13, n=230)');
    expect(text).toContain('Among *230* customers');
    expect(text).toContain('*Important and low: act first*');
    // R² = 1 and browse is uncorrelated by construction, so pay explains nearly all of it.
    expect(text).toMatch(/\*支払い &lt;決済&gt;\* `pay`: importance \*(9\d|100)%\*/);
    expect(text).toContain('*Too few linked customers to judge*');
    expect(text).toContain('Thin `thin`: 20 linked');
    expect(text.indexOf('`pay`')).toBeLessThan(text.indexOf('`browse`'));
  });

  it('speaks Japanese', async () => {
    const text = await run('drivers 購入 7d', 'U0JA');
    expect(text).toContain('キードライバー · 購入');
    expect(text).toContain('重要度が高く評価が低い: 最優先で改善');
    expect(text).toContain('重要度 *');
  });

  it('says plainly when too few customers are linked, and claims nothing', async () => {
    const text = await run('drivers quiet');
    expect(text).toContain('The outcome touchpoint has no answers in this period');
    const small = await run('drivers buy 1d');
    expect(small).toContain('Not enough linked customers to say which touchpoints matter: *30* answered the outcome and another touchpoint in this period, and at least *100* are needed.');
    expect(small).not.toContain('importance *');
  });

  it('answers an unknown journey with suggestions, and a missing one with usage', async () => {
    expect(await run('drivers bye')).toContain('No journey matches `bye`');
    expect(await run('drivers')).toContain('Which journey?');
  });
});
