import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findJourney, findTouchpoint } from '../../src/db/queries/lookup.js';
import { seedDemo } from '../../src/demo/seed.js';
import { demoComplaint } from '../../src/demo/themes.js';
import { parsePeriod, resolvePeriod } from '../../src/domain/periods.js';
import { analysePendingComments } from '../../src/jobs/commentAnalysis.js';
import { createAlertsService } from '../../src/services/alerts.js';
import { createThemesService } from '../../src/services/themes.js';
import { createCommentAnalyser } from '../../src/text/analyze.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

const NOW = new Date('2026-11-25T09:30:00Z');
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: NOW });
  await analysePendingComments(t.db, await createCommentAnalyser(), { settleSeconds: 0, batch: 1000, budgetMs: 600_000 });
}, 300_000);
afterAll(async () => t.close());

describe('demo themes', () => {
  it('draws complaints by theme weight from one random number', () => {
    expect(demoComplaint('online-purchase/delivery', 'ja', 3, 0)).toBe('箱が潰れて届きました');
    expect(demoComplaint('online-purchase/delivery', 'ja', 60, 0.2)).toMatch(/遅/);
    expect(demoComplaint('support/contact', 'ja', 3, 0.5)).toBeNull();
  });

  it('names crushed boxes first for online-purchase/delivery over 7 days, in Japanese and English', async () => {
    const tp = await findTouchpoint(t.db, 'online-purchase/delivery');
    const journey = await findJourney(t.db, 'online-purchase');
    if (!tp.found || !journey.found) throw new Error('demo not seeded');
    const spec = parsePeriod('7d');
    if (!spec.ok) throw new Error(spec.message);
    const window = resolvePeriod(spec.spec, NOW, 'Asia/Tokyo');
    const report = await createThemesService(t.db).why({ journeyId: journey.value.id, touchpointId: tp.value.id }, window);
    expect(report.themes[0]?.label).toBe('箱が潰れる');
    expect(report.themes[0]?.impact).toBeGreaterThan(5);
    expect(report.themes[0]?.quotes.length).toBeGreaterThanOrEqual(2);
    const english = report.themes.find((th) => th.language === 'en');
    expect(english?.label).toMatch(/crush/);
  });

  it('an NPS alert on the demo delivery fall names the region it is in and what detractors say', async () => {
    const tp = await findTouchpoint(t.db, 'online-purchase/delivery');
    if (!tp.found) throw new Error('demo not seeded');
    const openedAt = new Date(NOW.getTime() - 2 * 86_400_000);
    const insight = await createAlertsService(t.db).insight(
      {
        id: 1, status: 'open', ruleId: 1, kind: 'nps_drop', threshold: 10, windowDays: 7, minSample: 30, locale: 'ja', timezone: 'Asia/Tokyo',
        channelId: 'C1', messageTs: null, openedValue: 30, lastValue: 30, lastSample: 300, lastPrevious: 10, worsenCount: 0, openedAt,
        lastEvaluatedAt: NOW, acknowledgedBy: null, acknowledgedAt: null, snoozedBy: null, snoozedUntil: null, resolvedAt: null,
        touchpointId: tp.value.id, touchpointKey: 'delivery', touchpointName: '配送', previousStepName: null, journeyId: tp.value.journeyId,
        journeyKey: 'online-purchase', journeyName: 'オンライン購入',
      },
      NOW,
    );
    expect(insight?.segment?.attribute).toBe('region');
    expect(insight?.segment?.value).toBe('関西');
    expect(insight?.segment?.change).toBeLessThan(-20);
    expect(insight?.themes.map((f) => f.label)).toContain('箱が潰れる');
  });
});
