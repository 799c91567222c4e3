import type { Metric, TargetMetric } from './enums.js';
import type { SegmentConcentration, ThemeFinding } from './insights.js';
import { Z95 } from './scores.js';
import type { Interval, ScoreHistogram } from './types.js';

/**
 * "Fix first": every problem of a journey measured in one unit, customers a week, so a broken
 * funnel step, a touchpoint whose detractors rose and a missed target can be ranked against
 * each other.
 *  - a step: the customers lost beyond the step's own baseline drop-off,
 *    entered × (drop-off now − baseline drop-off), scaled to a week;
 *  - a score: the extra unhappy customers (NPS detractors, CSAT answers of 1–3) among those passing
 *    the touchpoint, reach × (unhappy share now − baseline share), scaled to a week; the answer
 *    count stands in for reach when the touchpoint has no funnel counts;
 *  - a target: the gap to it in the same terms (see targetGapCustomers).
 * The baseline is the BASELINE_WEEKS weeks before the period, long enough that one odd week does
 * not move it. A change counts only when a two-proportion test says it is not noise; a level that
 * has always been high (a chronic drop-off) is a problem only against a target the team set.
 */

export const BASELINE_WEEKS = 8;
export const BASELINE_DAYS = BASELINE_WEEKS * 7;
/** Answers needed on each side before a score change is judged (the product's usual minimum). */
export const MIN_ANSWERS = 30;
/**
 * Funnel counts are so large that a tenth of a point tests as significant, while daily counts
 * wobble by about a point on their own: a step's rise must also be at least this (a share).
 */
export const MIN_STEP_RISE = 0.01;
const DAYS_PER_WEEK = 7;

export interface Ref {
  id: number;
  key: string;
  name: string;
}

/** A share now vs its baseline (or target), with the 95% interval of the difference. */
export interface ShareEvidence {
  /** Share 0..1 (drop-off, detractor share). */
  now: number;
  baseline: number;
  /** now − baseline, and its 95% interval. */
  rise: number;
  interval: Interval;
  /** Customers (steps) or answers (scores) each share is over. */
  nNow: number;
  nBaseline: number;
}

interface ProblemBase {
  journey: Ref;
  touchpoint: Ref;
  /** Customers a week: the problem's size, and its 95% interval. */
  customersPerWeek: number;
  customersInterval: Interval;
  /** Filled by the comment-themes feature when it has one for this touchpoint. */
  theme?: ThemeFinding;
  /** Filled by the segments feature when the change is concentrated in one segment. */
  segment?: SegmentConcentration;
}

/** More customers than before drop off on the way into `touchpoint` from `from`. */
export interface StepProblem extends ProblemBase {
  kind: 'step';
  from: Ref;
  evidence: ShareEvidence;
}

/** More of the customers passing `touchpoint` are unhappy than before. */
export interface ScoreProblem extends ProblemBase {
  kind: 'score';
  metric: 'nps' | 'csat';
  evidence: ShareEvidence;
  /** True when `customersPerWeek` is an answer count (the touchpoint has no funnel counts). */
  reachFromAnswers: boolean;
}

export { TARGET_METRICS, type TargetMetric } from './enums.js';

/** Missing a target the team set: the gap, significant at 95%, in customers a week. */
export interface TargetProblem extends ProblemBase {
  kind: 'target';
  targetId: number;
  metric: TargetMetric;
  /** In the metric's display unit: NPS points, percent (CSAT, conversion, drop-off), CES mean. */
  current: number;
  currentInterval: Interval;
  target: number;
  /** Answers (scores) or customers (conversion, drop-off) the current value is over. */
  n: number;
}

export type FixFirstProblem = StepProblem | ScoreProblem | TargetProblem;

// ── The tests ────────────────────────────────────────────────────────────────

/**
 * Two-proportion z-test at 95% (pooled standard error), with the unpooled 95% interval of the
 * difference. Null when either side has no trials.
 */
export function compareShares(xNow: number, nNow: number, xBase: number, nBase: number): (ShareEvidence & { significant: boolean }) | null {
  if (!(nNow > 0) || !(nBase > 0)) return null;
  const now = xNow / nNow;
  const baseline = xBase / nBase;
  const rise = now - baseline;
  const pooled = (xNow + xBase) / (nNow + nBase);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / nNow + 1 / nBase));
  const significant = sePooled > 0 ? Math.abs(rise) > Z95 * sePooled : rise !== 0;
  const se = Math.sqrt((now * (1 - now)) / nNow + (baseline * (1 - baseline)) / nBase);
  return { now, baseline, rise, interval: { low: rise - Z95 * se, high: rise + Z95 * se }, nNow, nBaseline: nBase, significant };
}

/** A per-period count as customers a week. */
export function perWeek(count: number, periodDays: number): number {
  return periodDays > 0 ? (count * DAYS_PER_WEEK) / periodDays : 0;
}

// ── Steps ────────────────────────────────────────────────────────────────────

export interface StepCounts {
  /** Customers at the step before (who could drop off) and at this step, in one period. */
  entered: number | null;
  reached: number | null;
}

export interface StepInput {
  from: Ref;
  touchpoint: Ref;
  now: StepCounts;
  baseline: StepCounts;
}

/**
 * The step's rise in drop-off, when significant and at least MIN_STEP_RISE: entered × rise,
 * scaled to a week. A fall, a flat step or a step without counts on either side is no problem.
 */
export function stepProblem(journey: Ref, input: StepInput, periodDays: number): StepProblem | null {
  const { now, baseline } = input;
  if (now.entered === null || now.reached === null || baseline.entered === null || baseline.reached === null) return null;
  // More customers at a step than at the one before (a side entrance) is no drop-off to compare.
  if (now.reached > now.entered || baseline.reached > baseline.entered) return null;
  const test = compareShares(now.entered - now.reached, now.entered, baseline.entered - baseline.reached, baseline.entered);
  if (!test || !test.significant || test.rise < MIN_STEP_RISE) return null;
  const { significant: _significant, ...evidence } = test;
  return {
    kind: 'step',
    journey,
    touchpoint: input.touchpoint,
    from: input.from,
    evidence,
    customersPerWeek: perWeek(now.entered * test.rise, periodDays),
    customersInterval: {
      low: perWeek(now.entered * Math.max(0, test.interval.low), periodDays),
      high: perWeek(now.entered * test.interval.high, periodDays),
    },
  };
}

// ── Scores ───────────────────────────────────────────────────────────────────

/** Unhappy answers: NPS detractors (0–6); CSAT answers of 1–3 (the ones not counted satisfied). */
export function unhappyCount(metric: 'nps' | 'csat', hist: ScoreHistogram): { unhappy: number; n: number } {
  const range = metric === 'nps' ? [0, 10, 6] : [1, 5, 3];
  const [from = 0, to = 0, lastUnhappy = 0] = range;
  let n = 0;
  let unhappy = 0;
  for (let s = from; s <= to; s++) {
    n += hist[s] ?? 0;
    if (s <= lastUnhappy) unhappy += hist[s] ?? 0;
  }
  return { unhappy, n };
}

export interface ScoreInput {
  touchpoint: Ref;
  metric: 'nps' | 'csat';
  now: ScoreHistogram;
  baseline: ScoreHistogram;
  /** Customers who passed the touchpoint in the period; null when it has no funnel counts. */
  reach: number | null;
}

/**
 * The touchpoint's rise in unhappy share, when both sides have MIN_ANSWERS and the rise is
 * significant: reach × rise (or answers × rise without reach), scaled to a week.
 */
export function scoreProblem(journey: Ref, input: ScoreInput, periodDays: number): ScoreProblem | null {
  const now = unhappyCount(input.metric, input.now);
  const base = unhappyCount(input.metric, input.baseline);
  if (now.n < MIN_ANSWERS || base.n < MIN_ANSWERS) return null;
  const test = compareShares(now.unhappy, now.n, base.unhappy, base.n);
  if (!test || !test.significant || test.rise <= 0) return null;
  const { significant: _significant, ...evidence } = test;
  const reach = input.reach !== null && input.reach > 0 ? input.reach : now.n;
  return {
    kind: 'score',
    journey,
    touchpoint: input.touchpoint,
    metric: input.metric,
    evidence,
    reachFromAnswers: !(input.reach !== null && input.reach > 0),
    customersPerWeek: perWeek(reach * test.rise, periodDays),
    customersInterval: { low: perWeek(reach * Math.max(0, test.interval.low), periodDays), high: perWeek(reach * test.interval.high, periodDays) },
  };
}

// ── Targets ──────────────────────────────────────────────────────────────────

/** Whether a higher value of the metric is better (drop-off is the one where lower is). */
export function higherIsBetter(metric: TargetMetric): boolean {
  return metric !== 'dropoff';
}

/**
 * Customers a week a gap stands for: NPS, CSAT, conversion and drop-off are in points of 100, so
 * reach × gap / 100 customers would have to move (a detractor to passive is one NPS point per
 * hundred answers; a lost customer kept is one drop-off point per hundred who entered). CES is a
 * mean: reach × gap customers would each need one point easier.
 */
export function targetGapCustomers(metric: TargetMetric, gap: number, reach: number): number {
  return metric === 'ces' ? reach * gap : (reach * gap) / 100;
}

export interface TargetInput {
  targetId: number;
  touchpoint: Ref;
  metric: TargetMetric;
  target: number;
  /** Current value in the display unit, with its 95% interval; null without data. */
  current: number | null;
  interval: Interval | null;
  n: number;
  /** Customers the gap applies to in the period (step entrants, touchpoint reach or answers). */
  reach: number;
}

/** Missing the target, when the whole 95% interval is on the wrong side of it. */
export function targetProblem(journey: Ref, input: TargetInput, periodDays: number): TargetProblem | null {
  const { current, interval } = input;
  if (current === null || interval === null || input.n < MIN_ANSWERS) return null;
  const up = higherIsBetter(input.metric);
  const missed = up ? interval.high < input.target : interval.low > input.target;
  if (!missed) return null;
  const gap = up ? input.target - current : current - input.target;
  const gapLow = up ? input.target - interval.high : interval.low - input.target;
  const gapHigh = up ? input.target - interval.low : interval.high - input.target;
  const customers = (g: number) => perWeek(targetGapCustomers(input.metric, g, input.reach), periodDays);
  return {
    kind: 'target',
    journey,
    touchpoint: input.touchpoint,
    targetId: input.targetId,
    metric: input.metric,
    current,
    currentInterval: interval,
    target: input.target,
    n: input.n,
    customersPerWeek: customers(gap),
    customersInterval: { low: customers(gapLow), high: customers(gapHigh) },
  };
}

// ── Ranking ──────────────────────────────────────────────────────────────────

/**
 * Largest first. A touchpoint missing a target and also getting worse appears once per cause, so
 * the reader sees both; ties go to a change over a level (it is new, so likely fixable).
 */
export function rankProblems(problems: readonly (FixFirstProblem | null)[]): FixFirstProblem[] {
  const order = { step: 0, score: 1, target: 2 } as const;
  return problems
    .filter((p): p is FixFirstProblem => p !== null && p.customersPerWeek > 0)
    .sort((a, b) => b.customersPerWeek - a.customersPerWeek || order[a.kind] - order[b.kind]);
}

export interface JourneyProblemsInput {
  journey: Ref;
  periodDays: number;
  steps: readonly StepInput[];
  scores: readonly ScoreInput[];
  targets: readonly TargetInput[];
}

/** Every significant problem of one journey, ranked. */
export function journeyProblems(input: JourneyProblemsInput): FixFirstProblem[] {
  return rankProblems([
    ...input.steps.map((s) => stepProblem(input.journey, s, input.periodDays)),
    ...input.scores.map((s) => scoreProblem(input.journey, s, input.periodDays)),
    ...input.targets.map((s) => targetProblem(input.journey, s, input.periodDays)),
  ]);
}

/** The metrics whose unhappy share a score problem is about. */
export const SCORE_PROBLEM_METRICS: readonly Extract<Metric, 'nps' | 'csat'>[] = ['nps', 'csat'];
