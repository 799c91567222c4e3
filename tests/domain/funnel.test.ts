import { describe, expect, it } from 'vitest';
import { computeFunnel } from '../../src/domain/funnel.js';

const step = (touchpointId: number, reached: number | null) => ({ touchpointId, key: `s${touchpointId}`, name: `Step ${touchpointId}`, reached });

describe('computeFunnel', () => {
  it('computes conversion, drop-off and the largest drop-off', () => {
    // 1000 → 600 (60%, drop 40%) → 300 (50%, drop 50%) → 240 (80%, drop 20%); end to end 240/1000 = 24%.
    const f = computeFunnel([step(1, 1000), step(2, 600), step(3, 300), step(4, 240)]);
    expect(f.steps.map((s) => s.conversionFromPrevious)).toEqual([null, 0.6, 0.5, 0.8]);
    expect(f.steps[1]?.dropOffFromPrevious).toBeCloseTo(0.4, 10);
    expect(f.steps[3]?.conversionFromStart).toBeCloseTo(0.24, 10);
    expect(f.endToEndConversion).toBeCloseTo(0.24, 10);
    expect(f.largestDropOff).toEqual({ index: 2, dropOff: 0.5 });
  });

  it('breaks the chain at a step without data', () => {
    // 1000 → 600 → ? → 100: steps 3 and 4 have no step conversion; step 4 still has 10% from start.
    const f = computeFunnel([step(1, 1000), step(2, 600), step(3, null), step(4, 100)]);
    expect(f.steps.map((s) => s.conversionFromPrevious)).toEqual([null, 0.6, null, null]);
    expect(f.steps[3]?.conversionFromStart).toBeCloseTo(0.1, 10);
    expect(f.endToEndConversion).toBeCloseTo(0.1, 10);
    expect(f.largestDropOff?.index).toBe(1);
  });

  it('never divides by zero and ignores gains', () => {
    const f = computeFunnel([step(1, 0), step(2, 5)]);
    expect(f.steps[1]?.conversionFromPrevious).toBeNull();
    expect(f.endToEndConversion).toBeNull();
    const gain = computeFunnel([step(1, 10), step(2, 20)]);
    expect(gain.steps[1]?.dropOffFromPrevious).toBe(-1);
    expect(gain.largestDropOff).toBeNull();
    expect(computeFunnel([])).toEqual({ steps: [], endToEndConversion: null, largestDropOff: null });
  });
});
