import { describe, expect, it } from 'vitest';
import { emptyHistogram } from '../../../src/domain/scores.js';
import { getTouchpointDetail } from '../../../src/db/queries/touchpointDetail.js';
import { tokyo7d, useReadDb } from './readData.js';

describe('getTouchpointDetail', () => {
  const fx = useReadDb();

  it('gives the weekly trend by Tokyo ISO week, distribution, comments and reached', async () => {
    const d = await getTouchpointDetail(fx.db, fx.data.purchase.tp.cart!, tokyo7d(), { weeks: 3 });
    if (!d) throw new Error('touchpoint not found');
    expect(d.touchpoint).toMatchObject({ key: 'cart', name: 'カート', journeyName: 'オンライン購入' });
    // Weeks (JST): 23 Feb: 10 (25 Feb) and 10 (23:59 on 24 Feb) → 100.
    // 2 Mar: 0 (23:30 on 3 Mar), 9, 8, 3, 5, 6 → (1 − 4)/6 = −50.
    // 9 Mar: the week so far (9 and 10 Mar, today): 10 (23:30 on 10 Mar) → 100; the 0 at 00:30 on
    // 11 Mar has not happened yet at 21:00 on 10 Mar, so the week never reaches it.
    expect(d.weeklyTrend.map((w) => [w.weekStart, w.nps.n, w.nps.score, w.partialDays])).toEqual([
      ['2026-02-23', 2, 100, undefined],
      ['2026-03-02', 6, -50, undefined],
      ['2026-03-09', 1, 100, 2],
    ]);
    const dist = emptyHistogram();
    for (const s of [3, 5, 6, 8, 9, 10]) dist[s] = 1;
    expect(d.distribution).toEqual(dist);
    // Detractors with a non-blank comment in the current period, newest first.
    expect(d.detractorComments.map((c) => [c.score, c.comment, c.customerRef, c.respondedAt.toISOString()])).toEqual([
      [6, 'Too slow', 'c-42', '2026-03-08T03:00:00.000Z'],
      [3, '配送が遅い', null, '2026-03-06T03:00:00.000Z'],
    ]);
    expect(d.reached).toEqual({ current: 700, previous: 50, through: null });
    expect(d.nps.current.n).toBe(6);
  });

  it('defaults to 12 weeks and limits comments', async () => {
    const d = await getTouchpointDetail(fx.db, fx.data.purchase.tp.cart!, tokyo7d(), { comments: 1 });
    expect(d?.weeklyTrend).toHaveLength(12);
    expect(d?.weeklyTrend[0]?.weekStart).toBe('2025-12-22');
    expect(d?.weeklyTrend.every((w, i) => i < 9 || w.nps.n > 0)).toBe(true);
    expect(d?.detractorComments.map((c) => c.comment)).toEqual(['Too slow']);
  });

  it('returns null for a retired touchpoint', async () => {
    expect(await getTouchpointDetail(fx.db, fx.data.purchase.tp.old!, tokyo7d())).toBeNull();
  });
});
