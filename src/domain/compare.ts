import { significantDifference } from './scores.js';
import type { Compared, ScoreChange, ScoreSummary } from './types.js';

/** Below this size a delta is shown as flat (scores are displayed with one decimal). */
const FLAT_BELOW = 0.05;

/**
 * Change between two periods. Significance is a two-sided z-test on the difference of two
 * independent estimates: |delta| > 1.96·√(SE₁² + SE₂²). Never significant when either side is
 * empty or too small to judge, so a handful of answers cannot raise an alarm.
 */
export function compareScores(current: ScoreSummary, previous: ScoreSummary): ScoreChange {
  if (current.score === null || previous.score === null) return { delta: null, significant: false, direction: 'flat' };
  const delta = current.score - previous.score;
  const direction = Math.abs(delta) < FLAT_BELOW ? 'flat' : delta > 0 ? 'up' : 'down';
  const judgeable =
    !current.tooSmall &&
    !previous.tooSmall &&
    current.n > 0 &&
    previous.n > 0 &&
    current.standardError !== null &&
    previous.standardError !== null;
  const significant =
    judgeable && Math.abs(delta) > 0 && significantDifference(current.score, current.standardError ?? 0, previous.score, previous.standardError ?? 0);
  return { delta, significant, direction };
}

export function compared<T extends ScoreSummary>(current: T, previous: T): Compared<T> {
  return { current, previous, change: compareScores(current, previous) };
}
