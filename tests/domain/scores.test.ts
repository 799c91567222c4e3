import { describe, expect, it } from 'vitest';
import { addHistograms, emptyHistogram, summarize, summarizeCes, summarizeCsat, summarizeNps } from '../../src/domain/scores.js';

/** A histogram from score → count pairs. */
function hist(counts: Record<number, number>): number[] {
  const h = emptyHistogram();
  for (const [score, n] of Object.entries(counts)) h[Number(score)] = n;
  return h;
}

describe('NPS', () => {
  it('scores promoters minus detractors with SE and interval', () => {
    // 5 × 10, 3 × 8, 2 × 3: n = 10, p = 0.5, d = 0.2 → NPS = 100·(0.5 − 0.2) = 30.
    // SE = 100·√((0.5 + 0.2 − 0.3²)/10) = 100·√(0.061) = 24.6982; ci = 30 ± 1.96·24.6982 = 30 ± 48.4085.
    const s = summarizeNps(hist({ 10: 5, 8: 3, 3: 2 }));
    expect(s).toMatchObject({ metric: 'nps', n: 10, promoters: 5, passives: 3, detractors: 2, tooSmall: true });
    expect(s.score).toBeCloseTo(30, 10);
    expect(s.standardError).toBeCloseTo(24.6982, 4);
    expect(s.ci95?.low).toBeCloseTo(-18.4085, 3);
    expect(s.ci95?.high).toBeCloseTo(78.4085, 3);
  });

  it('clamps the interval to −100..100', () => {
    // 9 × 9, 1 × 0: p = 0.9, d = 0.1 → 80; SE = 100·√((1.0 − 0.64)/10) = 18.9737; 80 + 37.19 → clamped to 100.
    const s = summarizeNps(hist({ 9: 9, 0: 1 }));
    expect(s.score).toBeCloseTo(80, 10);
    expect(s.standardError).toBeCloseTo(18.9737, 4);
    expect(s.ci95?.high).toBe(100);
    expect(s.ci95?.low).toBeCloseTo(42.8115, 3);
  });

  it('marks small samples but still scores them; empty has no score', () => {
    expect(summarizeNps(hist({ 10: 30 })).tooSmall).toBe(false);
    expect(summarizeNps(hist({ 10: 29 })).tooSmall).toBe(true);
    expect(summarizeNps(hist({ 10: 5 }), 5)).toMatchObject({ tooSmall: false, score: 100, standardError: 0 });
    expect(summarizeNps(emptyHistogram())).toEqual({
      metric: 'nps', n: 0, promoters: 0, passives: 0, detractors: 0, score: null, standardError: null, ci95: null, tooSmall: true,
    });
  });
});

describe('CSAT', () => {
  it('is the share of 4–5 with a binomial SE', () => {
    // 1,2,3,3,4,4,4,4,5,5: 6 of 10 satisfied → 60%; SE = 100·√(0.6·0.4/10) = 15.4919; ci = 60 ± 30.3642.
    const s = summarizeCsat(hist({ 1: 1, 2: 1, 3: 2, 4: 4, 5: 2 }));
    expect(s).toMatchObject({ n: 10, satisfied: 6, score: 60 });
    expect(s.standardError).toBeCloseTo(15.4919, 4);
    expect(s.ci95?.low).toBeCloseTo(29.6358, 3);
    expect(s.ci95?.high).toBeCloseTo(90.3642, 3);
  });
});

describe('CES', () => {
  it('is the mean with the sample SD', () => {
    // 2, 4, 4, 6: mean 4; squared deviations 4+0+0+4 = 8; SD = √(8/3) = 1.63299; SE = SD/2 = 0.81650.
    const s = summarizeCes(hist({ 2: 1, 4: 2, 6: 1 }));
    expect(s.n).toBe(4);
    expect(s.score).toBe(4);
    expect(s.standardDeviation).toBeCloseTo(1.63299, 4);
    expect(s.standardError).toBeCloseTo(0.8165, 4);
    expect(s.ci95?.low).toBeCloseTo(2.39967, 4);
  });

  it('has no spread with one answer', () => {
    expect(summarizeCes(hist({ 7: 1 }))).toMatchObject({ n: 1, score: 7, standardDeviation: null, ci95: null });
  });
});

describe('histograms', () => {
  it('add element-wise and summarize dispatches by metric', () => {
    expect(addHistograms(hist({ 0: 1, 10: 2 }), hist({ 10: 3, 5: 1 }))).toEqual(hist({ 0: 1, 5: 1, 10: 5 }));
    expect(summarize('csat', hist({ 5: 3, 1: 1 })).score).toBe(75);
    expect(summarize('ces', hist({ 3: 2 })).metric).toBe('ces');
  });
});
