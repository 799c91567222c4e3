import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getJourneyOverview } from '../../../src/db/queries/overview.js';
import { tokyo7d, useReadDb } from './readData.js';

describe('getJourneyOverview', () => {
  const fx = useReadDb();

  it('summarises every journey', async () => {
    const rows = await getJourneyOverview(fx.db, tokyo7d());
    const purchase = rows.find((r) => r.journey.key === 'purchase');
    const support = rows.find((r) => r.journey.key === 'support');
    expect(rows).toHaveLength(2);
    // purchase: 6 NPS + 3 CSAT + 2 CES answers in the current period; NPS −16.67 vs 0.
    expect(purchase?.responses).toBe(11);
    expect(purchase?.nps.current.score).toBeCloseTo(-16.667, 2);
    expect(purchase?.nps.previous.score).toBe(0);
    // last step (feedback) has no step data → no end-to-end conversion
    expect(purchase?.endToEndConversion).toEqual({ current: null, previous: null });
    expect(support?.nps.current).toMatchObject({ n: 3, score: 100 });
    expect(support?.responses).toBe(3);
  });

  it('reflects step metrics written with plain SQL', async () => {
    await fx.db.execute(sql`insert into step_metrics (touchpoint_id, day, reached) values
      (${fx.data.support.tp.call!}, '2026-03-05', 200), (${fx.data.support.tp.feedback!}, '2026-03-05', 50)`);
    const support = (await getJourneyOverview(fx.db, tokyo7d())).find((r) => r.journey.key === 'support');
    // 50 / 200 = 25%
    expect(support?.endToEndConversion).toEqual({ current: 0.25, previous: null });
  });
});
