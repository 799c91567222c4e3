import { describe, expect, it } from 'vitest';
import { keyDrivers, normalizedPerformance, quadrantOf, shapleyR2, type DriverPattern } from '../../src/domain/drivers.js';

/** Repeats each pattern `times` times (as counts), so small hand-checked datasets pass the minimum sample. */
function scaled(rows: Array<[Array<number | null>, number]>, times: number): DriverPattern[] {
  return rows.map(([x, y]) => ({ x, y, count: times }));
}

describe('shapleyR2', () => {
  it('gives each uncorrelated predictor its squared correlation', () => {
    // r1 = 0.6, r2 = 0.3, uncorrelated: R² = 0.36 + 0.09 = 0.45.
    const r = shapleyR2([1, 0, 0, 1], [0.6, 0.3]);
    expect(r.r2).toBeCloseTo(0.45, 10);
    expect(r.shapley[0]).toBeCloseTo(0.36, 10);
    expect(r.shapley[1]).toBeCloseTo(0.09, 10);
  });

  it('splits shared variance between correlated predictors (hand-checked)', () => {
    // ρ = 0.5, r = (0.6, 0.3): R² = (0.36 + 0.09 − 2·0.5·0.6·0.3)/(1 − 0.25) = 0.27/0.75 = 0.36.
    // Shapley₁ = ½·0.36 + ½·(0.36 − 0.09) = 0.315; Shapley₂ = ½·0.09 + ½·(0.36 − 0.36) = 0.045.
    const r = shapleyR2([1, 0.5, 0.5, 1], [0.6, 0.3]);
    expect(r.r2).toBeCloseTo(0.36, 10);
    expect(r.shapley[0]).toBeCloseTo(0.315, 10);
    expect(r.shapley[1]).toBeCloseTo(0.045, 10);
  });

  it('adds up to the full R² with three predictors', () => {
    const m = [1, 0.3, 0.2, 0.3, 1, 0.4, 0.2, 0.4, 1];
    const r = shapleyR2(m, [0.5, 0.4, 0.1]);
    expect(r.shapley.reduce((a, b) => a + b, 0)).toBeCloseTo(r.r2, 10);
  });
});

describe('keyDrivers', () => {
  it('recovers y = 2·x1 + x2 with orthogonal predictors: shares 0.8 and 0.2', () => {
    // x1, x2 ∈ {−1, 1} balanced and uncorrelated; var(y) = 4 + 1 = 5, r1² = 4/5, r2² = 1/5, R² = 1.
    const rows: Array<[Array<number | null>, number]> = [
      [[1, 1], 3],
      [[1, -1], 1],
      [[-1, 1], -1],
      [[-1, -1], -3],
    ];
    const r = keyDrivers(2, scaled(rows, 30), { replicates: 50 });
    if (!r.ok) throw new Error('expected a result');
    expect(r.n).toBe(120);
    expect(r.r2).toBeCloseTo(1, 10);
    expect(r.drivers.map((d) => d.index)).toEqual([0, 1]);
    expect(r.drivers[0]!.share).toBeCloseTo(0.8, 10);
    expect(r.drivers[1]!.share).toBeCloseTo(0.2, 10);
    expect(r.drivers[0]!.correlation).toBeCloseTo(2 / Math.sqrt(5), 10);
    expect(r.drivers[0]!.n).toBe(120);
  });

  it('uses every customer who answered a pair (pairwise), hand-checked', () => {
    // Touchpoint 0 answered by all 4 patterns; touchpoint 1 only by the first two.
    // Pair (x0, y) over all: x0 = (0, 10, 0, 10), y = (0, 10, 10, 0) → r = 0.
    // Pair (x1, y) over the first two: x1 = (2, 8), y = (0, 10) → r = 1.
    // Pair (x0, x1) over the first two: (0, 10) vs (2, 8) → r = 1.
    // Shrinking to make R = [[1,1],[1,1]] definite keeps the result well defined; x1 carries it all.
    const rows: Array<[Array<number | null>, number]> = [
      [[0, 2], 0],
      [[10, 8], 10],
      [[0, null], 10],
      [[10, null], 0],
    ];
    const r = keyDrivers(2, scaled(rows, 50), { replicates: 20 });
    if (!r.ok) throw new Error('expected a result');
    const byIndex = new Map(r.drivers.map((d) => [d.index, d]));
    expect(byIndex.get(0)!.n).toBe(200);
    expect(byIndex.get(1)!.n).toBe(100);
    expect(byIndex.get(0)!.correlation).toBeCloseTo(0, 10);
    expect(byIndex.get(1)!.correlation).toBeCloseTo(1, 10);
    expect(r.drivers[0]!.index).toBe(1);
    expect(r.drivers[0]!.share).toBeGreaterThan(0.5);
  });

  it('claims nothing below the minimum sample, and leaves out thin touchpoints', () => {
    const rows: Array<[Array<number | null>, number]> = [
      [[1, null], 1],
      [[2, 3], 2],
      [[3, null], 2],
    ];
    const small = keyDrivers(2, scaled(rows, 30));
    expect(small).toMatchObject({ ok: false, reason: 'too_few', n: 90, minimum: 100 });
    const enough = keyDrivers(2, scaled(rows, 40), { replicates: 10 });
    if (!enough.ok) throw new Error('expected a result');
    // Touchpoint 1: 40 answers < 50.
    expect(enough.drivers.map((d) => d.index)).toEqual([0]);
    expect(enough.excluded).toEqual([{ index: 1, n: 40 }]);
  });

  it('gives deterministic intervals that contain the estimate', () => {
    const patterns: DriverPattern[] = [];
    for (let a = 0; a <= 10; a += 2) for (let b = 0; b <= 10; b += 5) patterns.push({ x: [a, b], y: Math.min(10, Math.round(0.7 * a + 0.2 * b + ((a * 7 + b) % 3))), count: 5 + ((a + b) % 4) });
    const one = keyDrivers(2, patterns, { seed: 7 });
    const two = keyDrivers(2, patterns, { seed: 7 });
    expect(one).toEqual(two);
    if (!one.ok) throw new Error('expected a result');
    for (const d of one.drivers) {
      expect(d.shareLow).toBeLessThanOrEqual(d.share + 1e-9);
      expect(d.shareHigh).toBeGreaterThanOrEqual(d.share - 1e-9);
    }
    expect(one.drivers[0]!.index).toBe(0);
  });
});

describe('quadrants', () => {
  it('puts important and low first', () => {
    expect(quadrantOf(0.5, 3, 0.4, 0.6)).toBe('act');
    expect(quadrantOf(0.5, 3, 0.7, 0.6)).toBe('keep');
    expect(quadrantOf(0.2, 3, 0.4, 0.6)).toBe('watch');
    expect(quadrantOf(0.2, 3, 0.7, 0.6)).toBe('secondary');
    expect(quadrantOf(0.2, 3, null, 0.6)).toBeNull();
  });
  it('places scores on 0..1 of their scale', () => {
    expect(normalizedPerformance('nps', 20)).toBeCloseTo(0.6);
    expect(normalizedPerformance('csat', 80)).toBeCloseTo(0.8);
    expect(normalizedPerformance('ces', 4)).toBeCloseTo(0.5);
  });
});
