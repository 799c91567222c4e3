import type { Funnel, FunnelStep, FunnelStepInput } from './types.js';

function ratio(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return numerator / denominator;
}

/**
 * Funnel over ordered steps. A step without data (reached = null) has no conversion, and the
 * step after it has none either: comparing across a gap would attribute two steps' drop-off to
 * one. Division by zero gives null, never Infinity or NaN.
 */
export function computeFunnel(inputs: FunnelStepInput[]): Funnel {
  const first = inputs[0]?.reached ?? null;
  const steps: FunnelStep[] = inputs.map((step, i) => {
    const previous = i === 0 ? null : (inputs[i - 1]?.reached ?? null);
    const conversionFromPrevious = i === 0 ? null : ratio(step.reached, previous);
    return {
      ...step,
      conversionFromPrevious,
      dropOffFromPrevious: conversionFromPrevious === null ? null : 1 - conversionFromPrevious,
      conversionFromStart: ratio(step.reached, first),
    };
  });
  const last = inputs[inputs.length - 1]?.reached ?? null;
  let largestDropOff: Funnel['largestDropOff'] = null;
  steps.forEach((step, index) => {
    const dropOff = step.dropOffFromPrevious;
    // Only a real loss counts; a step that more customers reach than the one before is no drop-off.
    if (dropOff !== null && dropOff > 0 && (largestDropOff === null || dropOff > largestDropOff.dropOff)) {
      largestDropOff = { index, dropOff };
    }
  });
  return { steps, endToEndConversion: ratio(last, first), largestDropOff };
}
