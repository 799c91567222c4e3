import { describe, expect, it } from 'vitest';
import { compareShares, journeyProblems, perWeek, scoreProblem, stepProblem, targetProblem, unhappyCount } from '../../src/domain/fixFirst.js';
import { emptyHistogram } from '../../src/domain/scores.js';

const journey = { id: 1, key: 'shop', name: 'Shop' };
const cart = { id: 3, key: 'cart', name: 'カート' };
const checkout = { id: 4, key: 'checkout', name: '購入手続き' };

/** An NPS histogram with `detractors` answers of 3 and the rest 9. */
function nps(n: number, detractors: number): number[] {
  const hist = emptyHistogram();
  hist[3] = detractors;
  hist[9] = n - detractors;
  return hist;
}

describe('compareShares', () => {
  it('tests two proportions with the pooled SE and gives the unpooled interval', () => {
    // 6,000 of 10,000 (60%) vs 10,000 of 20,000 (50%): pooled p = 16,000/30,000 = 0.5333,
    // SE = √(0.5333·0.4667·(1/10,000 + 1/20,000)) = 0.006110, z = 0.10/0.006110 = 16.4 → significant.
    // Unpooled SE = √(0.6·0.4/10,000 + 0.5·0.5/20,000) = √0.0000365 = 0.0060415; ±1.96·SE = ±0.011841.
    const r = compareShares(6000, 10000, 10000, 20000);
    expect(r?.significant).toBe(true);
    expect(r?.rise).toBeCloseTo(0.1, 10);
    expect(r?.interval.low).toBeCloseTo(0.088159, 5);
    expect(r?.interval.high).toBeCloseTo(0.111841, 5);
    // 55 of 100 vs 50 of 100: SE = √(0.525·0.475·0.02) = 0.0706, z = 0.71 → noise.
    expect(compareShares(55, 100, 50, 100)?.significant).toBe(false);
    expect(compareShares(1, 0, 1, 10)).toBeNull();
  });
});

describe('stepProblem', () => {
  it('counts the customers lost beyond the baseline drop-off, per week', () => {
    // 14 days: 10,000 entered, 4,000 reached (drop-off 60%) vs baseline 20,000 → 10,000 (50%).
    // Extra lost = 10,000 × 0.10 = 1,000 in 14 days = 500 a week; interval 10,000 × [0.088159, 0.111841] / 2.
    const p = stepProblem(journey, { from: cart, touchpoint: checkout, now: { entered: 10000, reached: 4000 }, baseline: { entered: 20000, reached: 10000 } }, 14);
    expect(p?.customersPerWeek).toBeCloseTo(500, 6);
    expect(p?.customersInterval.low).toBeCloseTo(440.8, 1);
    expect(p?.customersInterval.high).toBeCloseTo(559.2, 1);
    expect(p?.evidence).toMatchObject({ nNow: 10000, nBaseline: 20000 });
    expect(p?.evidence.now).toBeCloseTo(0.6, 10);
    expect(p?.evidence.baseline).toBeCloseTo(0.5, 10);
  });

  it('ignores noise, sub-point rises, falls and missing counts', () => {
    const step = (now: [number, number], base: [number, number]) =>
      stepProblem(journey, { from: cart, touchpoint: checkout, now: { entered: now[0], reached: now[1] }, baseline: { entered: base[0], reached: base[1] } }, 7);
    expect(step([100, 45], [100, 50])).toBeNull();
    // 50.5% vs 50.0% over a million each: z = 0.005/0.000707 = 7.1, significant, but under one point.
    expect(step([1_000_000, 495_000], [1_000_000, 500_000])).toBeNull();
    expect(step([10000, 6000], [20000, 10000])).toBeNull();
    expect(stepProblem(journey, { from: cart, touchpoint: checkout, now: { entered: null, reached: 5 }, baseline: { entered: 10, reached: 5 } }, 7)).toBeNull();
  });
});

describe('scoreProblem', () => {
  it('counts extra detractors among the customers passing the touchpoint', () => {
    // 30 of 100 detractors (30%) vs 30 of 200 (15%): pooled 0.2, SE = √(0.16·0.015) = 0.04899, z = 3.06.
    // Reach 2,800 in 28 days: 2,800 × 0.15 = 420 → 105 a week.
    const p = scoreProblem(journey, { touchpoint: checkout, metric: 'nps', now: nps(100, 30), baseline: nps(200, 30), reach: 2800 }, 28);
    expect(p?.customersPerWeek).toBeCloseTo(105, 6);
    expect(p?.reachFromAnswers).toBe(false);
    // Without funnel counts the answers stand in: 100 × 0.15 = 15 in 28 days → 3.75 a week.
    const answers = scoreProblem(journey, { touchpoint: checkout, metric: 'nps', now: nps(100, 30), baseline: nps(200, 30), reach: null }, 28);
    expect(answers?.customersPerWeek).toBeCloseTo(3.75, 6);
    expect(answers?.reachFromAnswers).toBe(true);
  });

  it('needs 30 answers on each side and a significant rise', () => {
    expect(scoreProblem(journey, { touchpoint: checkout, metric: 'nps', now: nps(29, 20), baseline: nps(200, 30), reach: 1000 }, 7)).toBeNull();
    expect(scoreProblem(journey, { touchpoint: checkout, metric: 'nps', now: nps(100, 18), baseline: nps(200, 30), reach: 1000 }, 7)).toBeNull();
    expect(scoreProblem(journey, { touchpoint: checkout, metric: 'nps', now: nps(100, 5), baseline: nps(200, 30), reach: 1000 }, 7)).toBeNull();
  });

  it('reads CSAT answers of 1–3 as unhappy', () => {
    const hist = emptyHistogram();
    hist[1] = 2;
    hist[3] = 5;
    hist[4] = 10;
    hist[5] = 3;
    expect(unhappyCount('csat', hist)).toEqual({ unhappy: 7, n: 20 });
  });
});

describe('targetProblem', () => {
  const base = { targetId: 9, touchpoint: checkout, n: 120 };
  it('sizes a missed target by its gap', () => {
    // NPS target +25, current +10 [2, 18], reach 1,000 in 7 days: 1,000 × 15/100 = 150 a week; [70, 230].
    const p = targetProblem(journey, { ...base, metric: 'nps', target: 25, current: 10, interval: { low: 2, high: 18 }, reach: 1000 }, 7);
    expect(p?.customersPerWeek).toBeCloseTo(150, 6);
    expect(p?.customersInterval.low).toBeCloseTo(70, 6);
    expect(p?.customersInterval.high).toBeCloseTo(230, 6);
    // Drop-off target 40%, current 60% [58, 62] over 5,000 entrants in 30 days: 5,000 × 0.20 × 7/30 = 233.3.
    const d = targetProblem(journey, { ...base, metric: 'dropoff', target: 40, current: 60, interval: { low: 58, high: 62 }, reach: 5000 }, 30);
    expect(d?.customersPerWeek).toBeCloseTo(233.333, 2);
  });

  it('is no problem while the interval reaches the target', () => {
    expect(targetProblem(journey, { ...base, metric: 'nps', target: 25, current: 20, interval: { low: 12, high: 28 }, reach: 1000 }, 7)).toBeNull();
    expect(targetProblem(journey, { ...base, metric: 'dropoff', target: 40, current: 30, interval: { low: 28, high: 32 }, reach: 1000 }, 7)).toBeNull();
  });
});

describe('journeyProblems', () => {
  it('ranks steps, scores and targets in customers a week', () => {
    const ranked = journeyProblems({
      journey,
      periodDays: 14,
      steps: [{ from: cart, touchpoint: checkout, now: { entered: 10000, reached: 4000 }, baseline: { entered: 20000, reached: 10000 } }],
      // 2,800 × 0.15 × 7/14 = 210 a week.
      scores: [{ touchpoint: cart, metric: 'nps', now: nps(100, 30), baseline: nps(200, 30), reach: 2800 }],
      // 3,000 × 15/100 × 7/14 = 225 a week.
      targets: [{ targetId: 1, touchpoint: cart, metric: 'nps', target: 25, current: 10, interval: { low: 2, high: 18 }, n: 120, reach: 3000 }],
    });
    expect(ranked.map((p) => [p.kind, Math.round(p.customersPerWeek)])).toEqual([
      ['step', 500],
      ['target', 225],
      ['score', 210],
    ]);
    expect(perWeek(300, 30)).toBeCloseTo(70, 10);
  });
});
