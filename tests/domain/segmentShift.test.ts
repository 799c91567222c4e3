import { describe, expect, it } from 'vitest';
import { summarizeNps } from '../../src/domain/scores.js';
import { concentrationOf, decomposeChange, strongestConcentration, type SegmentInput } from '../../src/domain/segmentShift.js';
import type { ScoreHistogram } from '../../src/domain/types.js';

/** An NPS histogram with p promoters (10), q passives (8) and d detractors (0). */
function hist(p: number, q: number, d: number): ScoreHistogram {
  const h = Array.from({ length: 11 }, () => 0);
  h[10] = p;
  h[8] = q;
  h[0] = d;
  return h;
}
const seg = (value: string, previous: ScoreHistogram, current: ScoreHistogram): SegmentInput => ({
  value,
  previous: summarizeNps(previous),
  current: summarizeNps(current),
});

describe('decomposeChange', () => {
  it('puts a fall in one segment into that segment, with no mix when shares stay', () => {
    // Before: A and B both NPS +20 (n=100 each: 40 P, 40 Q, 20 D). After: A −40 (20 P, 20 Q, 60 D), B still +20.
    // Everyone: +20 → (−40 + 20)/2 = −10, Δ = −30 = ½·(−60) within A.
    const d = decomposeChange([seg('A', hist(40, 40, 20), hist(20, 20, 60)), seg('B', hist(40, 40, 20), hist(40, 40, 20))]);
    expect(d.total).toBeCloseTo(-30, 10);
    expect(d.within).toBeCloseTo(-30, 10);
    expect(d.mix).toBeCloseTo(0, 10);
    expect(d.parts[0]).toMatchObject({ value: 'A', change: -60, significant: true });
    expect(d.parts[0]!.within).toBeCloseTo(-30, 10);
    expect(d.parts[1]!.within).toBeCloseTo(0, 10);
  });

  it('puts a shift of customers towards a low-scoring segment into mix', () => {
    // A scores 0 (n 100 → 300), B scores +40 (n 100 → 100). Everyone: 20 → 10, Δ = −10.
    // X̄ = 15; mix A = (0 − 15)·(0.75 − 0.5) = −3.75; mix B = (40 − 15)·(0.25 − 0.5) = −6.25.
    const d = decomposeChange([seg('A', hist(30, 40, 30), hist(90, 120, 90)), seg('B', hist(50, 40, 10), hist(50, 40, 10))]);
    expect(d.total).toBeCloseTo(-10, 10);
    expect(d.within).toBeCloseTo(0, 10);
    expect(d.parts[0]!.mix).toBeCloseTo(-3.75, 10);
    expect(d.parts[1]!.mix).toBeCloseTo(-6.25, 10);
    // Nobody got worse: no segment is named.
    expect(concentrationOf('region', [seg('A', hist(30, 40, 30), hist(90, 120, 90)), seg('B', hist(50, 40, 10), hist(50, 40, 10))], () => 0)).toBeNull();
  });

  it('adds within and mix up to the total whatever the data', () => {
    const segments = [seg('関東', hist(50, 30, 20), hist(45, 30, 40)), seg('関西', hist(30, 10, 10), hist(5, 5, 60)), seg('(none)', hist(3, 1, 1), hist(0, 0, 2))];
    const d = decomposeChange(segments);
    expect(d.within + d.mix).toBeCloseTo(d.total!, 10);
    const sum = d.parts.reduce((a, p) => a + p.within + p.mix, 0);
    expect(sum).toBeCloseTo(d.total!, 10);
  });

  it('has no total without answers in both periods', () => {
    expect(decomposeChange([seg('A', hist(0, 0, 0), hist(1, 0, 0))]).total).toBeNull();
  });
});

describe('concentrationOf', () => {
  it('names the segment behind the fall with its own change, size and share', () => {
    // 関東: +20 → +20 (n 100 → 100). 関西: +20 → −40 (n 100 → 100). Δ = −30, all of it within 関西.
    const segments = [seg('関東', hist(40, 40, 20), hist(40, 40, 20)), seg('関西', hist(40, 40, 20), hist(20, 20, 60))];
    const c = concentrationOf('region', segments, (v) => (v === '関西' ? 0 : -60));
    expect(c).toEqual({ attribute: 'region', value: '関西', change: -60, n: 100, othersChange: 0, share: 1 });
  });

  it('names nobody when the fall is spread evenly', () => {
    // Three equal segments that each fell the same: each explains a third, none most.
    const s = (v: string) => seg(v, hist(80, 80, 40), hist(50, 80, 70));
    expect(concentrationOf('region', [s('a'), s('b'), s('c')], () => 0)).toBeNull();
  });

  it('ignores a segment whose own change is not significant', () => {
    // 九州: +20 → −40 but with n = 10 on each side: too small to judge.
    const segments = [seg('関東', hist(40, 40, 20), hist(40, 40, 20)), seg('九州', hist(4, 4, 2), hist(2, 2, 6))];
    expect(concentrationOf('region', segments, () => 0)).toBeNull();
  });

  it('picks the attribute that explains the largest share', () => {
    const a = { attribute: 'plan', value: 'free', change: -20, n: 50, othersChange: -5, share: 0.6 };
    const b = { attribute: 'region', value: '関西', change: -60, n: 90, othersChange: 0, share: 0.95 };
    expect(strongestConcentration([a, null, b])).toBe(b);
    expect(strongestConcentration([null])).toBeNull();
  });
});
