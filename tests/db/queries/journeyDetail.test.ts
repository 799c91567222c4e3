import { describe, expect, it } from 'vitest';
import { getJourneyDetail } from '../../../src/db/queries/journeyDetail.js';
import { parsePeriod, resolvePeriod } from '../../../src/domain/periods.js';
import { tokyo7d, TZ, useReadDb } from './readData.js';

describe('getJourneyDetail', () => {
  const fx = useReadDb();

  it('scores every active touchpoint in order, with the overall NPS and the funnel', async () => {
    const d = await getJourneyDetail(fx.db, fx.data.purchase.journeyId, tokyo7d());
    if (!d) throw new Error('journey not found');
    expect(d.journey).toMatchObject({ key: 'purchase', name: 'オンライン購入', touchpointCount: 4 });
    expect(d.touchpoints.map((s) => s.touchpoint.key)).toEqual(['cart', 'payment', 'delivery', 'feedback']);

    const [cart, payment, delivery, feedback] = d.touchpoints;
    // cart current 10, 9, 8, 3, 5, 6: (2 − 3)/6 = −16.67; previous 0, 10: 0.
    expect(cart?.nps.current).toMatchObject({ n: 6, promoters: 2, passives: 1, detractors: 3, tooSmall: true });
    expect(cart?.nps.current.score).toBeCloseTo(-16.667, 2);
    expect(cart?.nps.previous).toMatchObject({ n: 2, score: 0 });
    expect(cart?.nps.change).toMatchObject({ direction: 'down', significant: false });
    expect(cart?.nps.change.delta).toBeCloseTo(-16.667, 2);
    // payment CSAT 5, 4, 2 → 66.67%; delivery CES 2, 4 → 3.
    expect(payment?.csat.current).toMatchObject({ n: 3, satisfied: 2 });
    expect(payment?.csat.current.score).toBeCloseTo(66.667, 2);
    expect(delivery?.ces.current).toMatchObject({ n: 2, score: 3 });
    expect(feedback?.nps.current).toMatchObject({ n: 0, score: null });

    // Only cart has NPS answers; the retired touchpoint's 0 is not in the overall.
    expect(d.overall.current).toMatchObject({ n: 6, detractors: 3 });

    // 700 → 420 → 210 → (no data): 60%, 50%; largest drop at delivery; end to end needs the last step → null.
    const f = d.funnel.current;
    expect(f.steps.map((s) => s.reached)).toEqual([700, 420, 210, null]);
    expect(f.steps.map((s) => s.conversionFromPrevious)).toEqual([null, 0.6, 0.5, null]);
    expect(f.largestDropOff).toEqual({ index: 2, dropOff: 0.5 });
    expect(f.endToEndConversion).toBeNull();
    expect(d.funnel.previous.steps.map((s) => s.reached)).toEqual([50, null, null, null]);
    // Counts cover the whole period (today included): nothing to say about it.
    expect(d.funnel.through).toBeNull();
  });

  it('counts the funnel only over days with step counts, compared with as many days before, and says through which day', async () => {
    // Two days later (12 March JST): 7d = 6..12 March, but the last step counts are for 11 March (cart 999).
    const parsed = parsePeriod('7d');
    if (!parsed.ok) throw new Error(parsed.message);
    const window = resolvePeriod(parsed.spec, new Date('2026-03-12T12:00:00Z'), TZ);
    expect([window.current.startDay, window.current.endDay]).toEqual(['2026-03-06', '2026-03-13']);
    const d = await getJourneyDetail(fx.db, fx.data.purchase.journeyId, window);
    if (!d) throw new Error('journey not found');
    expect(d.funnel.through).toBe('2026-03-11');
    // Current 6..11 March: cart 5×100 + 999 = 1,499, payment 5×60 = 300, delivery 5×30 = 150.
    expect(d.funnel.current.steps.map((s) => s.reached)).toEqual([1499, 300, 150, null]);
    // Previous: the six days just before, 28 Feb..5 March: cart 50 (3 Mar) + 2×100 = 250, payment 2×60, delivery 2×30.
    expect(d.funnel.previous.steps.map((s) => s.reached)).toEqual([250, 120, 60, null]);
    // Scores keep the whole period, today included.
    expect(d.window.current.endDay).toBe('2026-03-13');
  });

  it('returns null for an unknown journey', async () => {
    expect(await getJourneyDetail(fx.db, 999_999, tokyo7d())).toBeNull();
  });
});
