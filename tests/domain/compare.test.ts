import { describe, expect, it } from 'vitest';
import { compared, compareScores } from '../../src/domain/compare.js';
import { emptyHistogram, summarizeNps } from '../../src/domain/scores.js';
import type { NpsSummary } from '../../src/domain/types.js';

function nps(score: number, standardError: number, n: number, tooSmall = false): NpsSummary {
  return { metric: 'nps', n, promoters: 0, passives: 0, detractors: 0, score, standardError, ci95: null, tooSmall };
}

describe('compareScores', () => {
  it('is significant when |delta| exceeds 1.96·√(SE₁² + SE₂²)', () => {
    // SEs 3 and 4 → √(9 + 16) = 5 → threshold 9.8.
    expect(compareScores(nps(40, 3, 400), nps(30, 4, 300))).toEqual({ delta: 10, significant: true, direction: 'up' });
    expect(compareScores(nps(21, 3, 400), nps(30, 4, 300))).toEqual({ delta: -9, significant: false, direction: 'down' });
  });

  it('never judges too-small or empty sides', () => {
    expect(compareScores(nps(90, 1, 20, true), nps(10, 1, 400)).significant).toBe(false);
    const empty = summarizeNps(emptyHistogram());
    expect(compareScores(empty, nps(10, 1, 400))).toEqual({ delta: null, significant: false, direction: 'flat' });
  });

  it('calls tiny deltas flat', () => {
    expect(compareScores(nps(30.04, 1, 400), nps(30, 1, 400)).direction).toBe('flat');
  });

  it('compared() bundles both sides', () => {
    const c = compared(nps(40, 3, 400), nps(30, 4, 300));
    expect(c.current.score).toBe(40);
    expect(c.change.delta).toBe(10);
  });
});
