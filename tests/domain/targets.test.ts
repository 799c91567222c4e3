import { describe, expect, it } from 'vitest';
import { projectWeekly, targetProgress, targetValue, type TargetRow } from '../../src/domain/targets.js';

const week = (value: number, n = 50) => ({ value, interval: { low: value - 5, high: value + 5 }, n });

describe('targetValue', () => {
  it('gives a step drop-off in percent with its Wald interval', () => {
    // 1,000 entered, 600 reached: drop-off 40%, SE = √(0.4·0.6/1000) = 0.015492, ±1.96·SE = ±3.036 points.
    const v = targetValue('dropoff', { kind: 'flow', entered: 1000, reached: 600 });
    expect(v?.value).toBeCloseTo(40, 10);
    expect(v?.interval.low).toBeCloseTo(36.964, 3);
    expect(v?.interval.high).toBeCloseTo(43.036, 3);
    expect(targetValue('conversion', { kind: 'flow', entered: 1000, reached: 600 })?.value).toBeCloseTo(60, 10);
    expect(targetValue('dropoff', { kind: 'flow', entered: null, reached: 5 })).toBeNull();
  });
});

describe('projectWeekly', () => {
  it('extends the least-squares line to the date with a prediction interval', () => {
    // 10, 13, 14, 17 at x = 0…3: slope 11/5 = 2.2, intercept 13.5 − 2.2·1.5 = 10.2; residuals −0.2, 0.6, −0.6, 0.2
    // → s = √(0.8/2) = 0.6325. Day 45.5 is x₀ = 6: 10.2 + 13.2 = 23.4, ±1.96·0.6325·√(1 + 1/4 + 4.5²/5) = ±2.854.
    const p = projectWeekly([week(10), week(13), week(14), week(17)], 45.5);
    expect(p?.value).toBeCloseTo(23.4, 10);
    expect(p?.halfWidth).toBeCloseTo(2.854, 3);
  });

  it('claims nothing from fewer than four weeks with 30 answers', () => {
    expect(projectWeekly([week(10), week(13), week(14, 29), null, week(17)], 45.5)).toBeNull();
  });
});

describe('targetProgress', () => {
  const target: TargetRow = {
    id: 1, journey: { id: 1, key: 'j', name: 'J' }, touchpoint: null, metric: 'nps', value: 30, dueDate: '2026-05-01', createdBy: 'U1', createdAt: new Date(0),
  };
  it('is met only when the whole interval is past the target, else on track or behind by the projection', () => {
    expect(targetProgress(target, week(40), null).status).toBe('met');
    expect(targetProgress(target, week(20), { value: 23.4, halfWidth: 2.9 }).status).toBe('behind');
    expect(targetProgress(target, week(20), { value: 31, halfWidth: 2.9 }).status).toBe('on_track');
    expect(targetProgress(target, week(20), null).status).toBe('unknown');
    // Drop-off: lower is better.
    expect(targetProgress({ ...target, metric: 'dropoff', value: 45 }, week(30), null).status).toBe('met');
  });
});

describe('actionImpact', () => {
  it('claims nothing before 30 answers on each side, then tests with the cautious baseline SE', async () => {
    const { actionImpact } = await import('../../src/domain/actionImpact.js');
    expect(actionImpact({ score: -20, responses: 40 }, { n: 4, promoters: 3, detractors: 1 })).toEqual({ kind: 'too_few', since: 4, needed: 30 });
    // Baseline −20 over 40: SE ≤ 100·√((1 − 0.04)/40) = 15.49. Since: 30 promoters, 5 detractors of 40 → +62.5,
    // SE = 100·√((0.75 + 0.125 − 0.390625)/40) = 11.01. 82.5 > 1.96·√(15.49² + 11.01²) = 37.2 → significant.
    expect(actionImpact({ score: -20, responses: 40 }, { n: 40, promoters: 30, detractors: 5 })).toEqual({ kind: 'judged', significant: true, since: 40 });
    // Since +0 (12 and 12 of 40): 20 < 1.96·√(15.49² + 10.95²) = 37.2 → not significant.
    expect(actionImpact({ score: -20, responses: 40 }, { n: 40, promoters: 12, detractors: 12 })).toEqual({ kind: 'judged', significant: false, since: 40 });
  });
});
