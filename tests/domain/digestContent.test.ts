import { describe, expect, it } from 'vitest';
import { composeDigest, type DigestInput, type DigestTouchpointInput } from '../../src/domain/digestContent.js';

/** Histogram from promoters / passives / detractors counts (scores 10, 8, 0). */
function h(p: number, pa: number, d: number): number[] {
  const x = Array.from({ length: 11 }, () => 0);
  x[10] = p;
  x[8] = pa;
  x[0] = d;
  return x;
}

const tp = (id: number, key: string, weekly: number[][], reached: [number | null, number | null]): DigestTouchpointInput => ({
  id,
  key,
  name: key.toUpperCase(),
  weekly,
  reached: { current: reached[0], previous: reached[1] },
});

const input: DigestInput = {
  weekStarts: ['2026-11-16', '2026-11-09', '2026-11-02'],
  minSample: 30,
  journeys: [
    {
      id: 1,
      key: 'buy',
      name: 'オンライン購入',
      touchpoints: [
        // 60 P, 20 pass, 20 D of 100 → +40 (previous 50/30/20 → +30)
        tp(1, 'cart', [h(60, 20, 20), h(50, 30, 20), h(10, 0, 0)], [1000, 1000]),
        // 10/10/30 of 50 → −40 (previous 30/10/10 → +40): the big mover
        tp(2, 'pay', [h(10, 10, 30), h(30, 10, 10), h(0, 0, 0)], [600, 800]),
        // only 5 answers: never a mover
        tp(3, 'ship', [h(5, 0, 0), h(0, 0, 5), h(0, 0, 0)], [550, 760]),
      ],
    },
    {
      id: 2,
      key: 'support',
      name: 'Support',
      touchpoints: [tp(4, 'call', [h(20, 10, 10), h(20, 10, 10), h(0, 0, 0)], [100, 100]), tp(5, 'fix', [h(0, 0, 0), h(0, 0, 0), h(0, 0, 0)], [90, 95])],
    },
  ],
  comments: {
    total: 4,
    latest: [1, 2, 3, 4].map((i) => ({ journeyName: 'オンライン購入', touchpointName: 'PAY', score: 2, comment: `bad ${i}` })),
  },
  actions: { completed: 2, overdue: 1 },
};

describe('composeDigest', () => {
  const d = composeDigest(input);

  it('overall and per-journey NPS with week-over-week change', () => {
    // This week: P 60+10+5+20 = 95, D 20+30+10 = 60, n 100+50+5+40 = 195 → 100·35/195 ≈ 17.95.
    expect(d.overall.current.n).toBe(195);
    expect(d.overall.current.score).toBeCloseTo((100 * 35) / 195, 6);
    // Previous: P 50+30+20 = 100, D 20+10+5+10 = 45, n 100+50+5+40 = 195 → 100·55/195 ≈ 28.21.
    expect(d.overall.previous.score).toBeCloseTo((100 * 55) / 195, 6);
    expect(d.journeys.map((j) => j.key)).toEqual(['buy', 'support']);
    expect(d.journeys[1]?.nps.change.delta).toBe(0);
  });

  it('movers ignore small samples and put the significant fall first', () => {
    // cart +40 vs +30 is not significant (SE 8 and 7.8 → 1.96·11.2 ≈ 21.9 > 10) but large (10 points): listed.
    expect(d.movers.map((m) => m.touchpointKey)).toEqual(['pay', 'cart']);
    expect(d.movers[0]?.nps.change.delta).toBeCloseTo(-80, 6);
    expect(d.movers[0]?.nps.change.significant).toBe(true);
    expect(d.movers[1]?.nps.change.significant).toBe(false);
    expect(Math.round(d.movers[1]?.nps.change.delta ?? 0)).toBe(10);
  });

  it('movers leave out changes that are neither significant nor 10+ points', () => {
    const support = input.journeys[1];
    if (!support) throw new Error('fixture');
    const moved = composeDigest({
      ...input,
      journeys: [
        input.journeys[0]!,
        {
          ...support,
          touchpoints: [
            // 21/10/9 of 40 → +30 vs 20/10/10 → +25: +5, not significant: wobble, left out.
            tp(4, 'call', [h(21, 10, 9), h(20, 10, 10), h(0, 0, 0)], [100, 100]),
            // 24/10/6 of 40 → +45 vs +25: +20, not significant (SE 11.7 and 13.1 → 1.96·17.6 ≈ 34.5) but large: listed.
            tp(5, 'fix', [h(24, 10, 6), h(20, 10, 10), h(0, 0, 0)], [90, 95]),
          ],
        },
      ],
    });
    expect(moved.movers.map((m) => m.touchpointKey)).toEqual(['pay', 'fix', 'cart']);
    expect(moved.movers.every((m) => m.nps.change.significant || Math.abs(m.nps.change.delta ?? 0) >= 9.5)).toBe(true);
  });

  it('finds the largest drop-off step and its change', () => {
    // buy: cart 1000 → pay 600 = 40 % (previous 800/1000 → 20 %); support: 10 %.
    expect(d.largestDropOff).toMatchObject({ journeyKey: 'buy', fromStep: 'CART', toStep: 'PAY' });
    expect(d.largestDropOff?.dropOff).toBeCloseTo(0.4, 10);
    expect(d.largestDropOff?.changePoints).toBeCloseTo(20, 10);
  });

  it('trend oldest first, three comment examples, actions', () => {
    expect(d.trend.map((p) => p.weekStart)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
    expect(d.trend[0]?.nps.n).toBe(10);
    expect(d.comments.total).toBe(4);
    expect(d.comments.examples).toHaveLength(3);
    expect(d.actions).toEqual({ completed: 2, overdue: 1 });
  });
});
