import { describe, expect, it } from 'vitest';
import { getJourneyDetail } from '../../../src/db/queries/journeyDetail.js';
import { tokyo7d, useReadDb } from './readData.js';

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
  });

  it('returns null for an unknown journey', async () => {
    expect(await getJourneyDetail(fx.db, 999_999, tokyo7d())).toBeNull();
  });
});
