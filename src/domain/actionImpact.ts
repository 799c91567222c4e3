import { MIN_ANSWERS } from './fixFirst.js';
import { npsFromCounts, significantDifference, type NpsCounts } from './scores.js';

/**
 * Whether an action's "NPS since" differs from its NPS when logged by more than noise. The stored
 * baseline keeps only its score and answer count, so its standard error is taken at its largest for
 * that score (every answer a promoter or a detractor: variance 1 − s²), which can only make the test
 * more cautious. Nothing is claimed until both sides have MIN_ANSWERS answers.
 */
export type ImpactVerdict = { kind: 'too_few'; since: number; needed: number } | { kind: 'judged'; significant: boolean; since: number };

export function actionImpact(baseline: { score: number | null; responses: number }, since: NpsCounts): ImpactVerdict {
  const now = npsFromCounts(since.promoters, since.detractors, since.n);
  if (baseline.score === null || now.score === null || since.n < MIN_ANSWERS || baseline.responses < MIN_ANSWERS) {
    return { kind: 'too_few', since: since.n, needed: MIN_ANSWERS };
  }
  const s = baseline.score / 100;
  const baselineSe = 100 * Math.sqrt(Math.max(0, 1 - s * s) / baseline.responses);
  return { kind: 'judged', significant: significantDifference(now.score, now.se, baseline.score, baselineSe), since: since.n };
}
