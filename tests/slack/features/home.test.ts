import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KnownBlock } from '@slack/types';
import { logAction } from '../../../src/db/queries/actions.js';
import { insertResponses, upsertJourneyDefinition, upsertStepMetrics, type ResponseInsert } from '../../../src/db/queries/ingest.js';
import type * as journeyDetailModule from '../../../src/db/queries/journeyDetail.js';
import { getJourneyDetail } from '../../../src/db/queries/journeyDetail.js';
import type * as scoreCountsModule from '../../../src/db/queries/scoreCounts.js';
import { getScoreHistograms } from '../../../src/db/queries/scoreCounts.js';
import { validateBlocks } from '../../helpers/blockLimits.js';
import { maxBlocks } from '../../../src/slack/kit/limits.js';
import { startTestBot, type TestBot } from '../../helpers/slackBot.js';
import { NOW } from './fixture.js';
import { allText, blocksOf } from './helpers.js';

// Count the per-journey and the set-based queries App Home makes (the real functions still run).
vi.mock('../../../src/db/queries/journeyDetail.js', async (importOriginal) => {
  const mod = await importOriginal<typeof journeyDetailModule>();
  return { ...mod, getJourneyDetail: vi.fn(mod.getJourneyDetail) };
});
vi.mock('../../../src/db/queries/scoreCounts.js', async (importOriginal) => {
  const mod = await importOriginal<typeof scoreCountsModule>();
  return { ...mod, getScoreHistograms: vi.fn(mod.getScoreHistograms) };
});

/**
 * Twenty journeys ジャーニー 01 … 20, each with touchpoints 受付 (a) and 完了 (b):
 *   01–03: 受付 NPS previous 30 × 10 = +100, current 30 × 0 = −100 → fell −200, significant
 *   04–05: 受付 NPS current 30 × 3 = −100 (low, n = 30), no previous
 *   06–20: 受付 NPS current 30 × 9 = +100, no previous
 *   every journey: reached 100 → 50 ten days ago: conversion 50%
 */
const DAY = 86_400_000;
const pad = (i: number) => String(i).padStart(2, '0');

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ now: () => NOW, configOverrides: { CHART_MODE: 'off' } });
  const rows: ResponseInsert[] = [];
  const steps: { touchpointId: number; day: string; reached: number }[] = [];
  const day10 = new Date(NOW.getTime() - 10 * DAY).toISOString().slice(0, 10);
  for (let i = 1; i <= 20; i++) {
    const j = await upsertJourneyDefinition(bot.db.db, `j${pad(i)}`, {
      name: `ジャーニー ${pad(i)}`,
      description: undefined,
      touchpoints: [
        { key: 'a', name: `受付 ${pad(i)}`, channel: 'web' },
        { key: 'b', name: `完了 ${pad(i)}`, channel: 'web' },
      ],
    });
    const a = j.touchpoints.find((t) => t.key === 'a')?.id;
    const b = j.touchpoints.find((t) => t.key === 'b')?.id;
    if (a === undefined || b === undefined) throw new Error('touchpoints missing');
    const answer = (daysBack: number, score: number, k: number): ResponseInsert => ({
      touchpointId: a,
      metric: 'nps',
      score,
      respondedAt: new Date(NOW.getTime() - daysBack * DAY - k * 60_000).toISOString(),
      source: 'home-test',
      externalId: `h${i}-${daysBack}-${k}`,
    });
    for (let k = 0; k < 30; k++) {
      if (i <= 3) rows.push(answer(35, 10, k), answer(5, 0, k));
      else rows.push(answer(5, i <= 5 ? 3 : 9, k));
    }
    steps.push({ touchpointId: a, day: day10, reached: 100 }, { touchpointId: b, day: day10, reached: 50 });
    if (i <= 12) await logAction(bot.db.db, { touchpointId: a, description: `Fix ${pad(i)}`, ownerUserId: 'U0HOME', createdByUserId: 'U0HOME', now: NOW });
  }
  await insertResponses(bot.db.db, rows);
  await upsertStepMetrics(bot.db.db, steps);
});
afterAll(async () => {
  await bot?.close();
});

describe('App Home with 20 journeys', () => {
  it('renders every journey within Block Kit limits, in a number of queries that does not grow with journeys', async () => {
    vi.mocked(getJourneyDetail).mockClear();
    vi.mocked(getScoreHistograms).mockClear();
    await bot.event({ type: 'app_home_opened', user: 'U0HOME', channel: 'D0HOME', tab: 'home' });
    const pub = await bot.fake.waitFor(() => bot.fake.callsTo('views.publish')[0]);

    // No query per journey: the overview's histogram query, one for all touchpoints and one for the ranking.
    // (Counts, not toHaveBeenCalled: a failure would print the calls, database client and all.)
    expect(vi.mocked(getJourneyDetail).mock.calls.length).toBe(0);
    expect(vi.mocked(getScoreHistograms).mock.calls.length).toBeLessThanOrEqual(3);

    const blocks = blocksOf(pub.body) as unknown as KnownBlock[];
    expect(blocks.length).toBeLessThanOrEqual(maxBlocks('home'));
    expect(validateBlocks(blocks, 'home')).toEqual([]);

    const text = allText(pub.body);
    for (let i = 1; i <= 20; i++) expect(text).toContain(`*ジャーニー ${pad(i)}*  NPS`);
    expect(text).toContain('*ジャーニー 01*  NPS −100 (n=30) ↓ −200 ⚑ · conversion 50%');
    expect(text).toContain('*ジャーニー 04*  NPS −100 (n=30)');
    expect(text).toContain('*ジャーニー 20*  NPS +100 (n=30)');
    expect(text.match(/· 30 responses/g)).toHaveLength(20);

    // Needs attention is the fix-first ranking: the three journeys whose 受付 detractors rose from 0% to 100%
    // against the 8 weeks before (100 customers passing in 30 days × 1.00 × 7/30 = 23 a week). 04 and 05 are
    // low but have no baseline to have changed from, and no target: not listed.
    const attention = text.split('\n').filter((l) => /^\d\. \*ジャーニー/.test(l));
    expect(attention).toEqual([
      '1. *ジャーニー 01* · 受付 01 NPS — about *23* customers a week (detractors 100% vs 0%)',
      '2. *ジャーニー 02* · 受付 02 NPS — about *23* customers a week (detractors 100% vs 0%)',
      '3. *ジャーニー 03* · 受付 03 NPS — about *23* customers a week (detractors 100% vs 0%)',
    ]);
    // Every journey and every item opens its view; no command to copy.
    expect(blocksOf(pub.body).flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]).filter((e) => e.action_id?.startsWith('jp_home_open_journey:'))).toHaveLength(23);
    expect(text).not.toContain('`/journey');
    // The viewer's open actions, newest first, ten shown.
    expect(text).toContain('Fix 12 · open · owner <@U0HOME> · due ');
    expect(text).toContain('Fix 03 · open');
    expect(text).not.toContain('Fix 02');
    expect(blocksOf(pub.body).filter((b) => b.type === 'actions' && b.elements?.some((e) => e.action_id === 'jp_action_start'))).toHaveLength(10);
  });
});
