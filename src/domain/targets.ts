import type { TargetMetric } from './enums.js';
import { higherIsBetter, MIN_ANSWERS, type Ref } from './fixFirst.js';
import { Z95, summarizeCes, summarizeCsat, summarizeNps } from './scores.js';
import type { Interval, ScoreHistogram } from './types.js';

/**
 * Targets: where a metric should be, optionally by a date. Progress is the current value with its
 * 95% interval and, with a date, a straight-line projection of the weekly values to that date with
 * its uncertainty. No projection is claimed from fewer than MIN_WEEKS weeks with enough data.
 */

export interface TargetRow {
  id: number;
  journey: Ref;
  /** The touchpoint (scores) or step (conversion into it, drop-off on the way into it); null = the journey. */
  touchpoint: Ref | null;
  metric: TargetMetric;
  /** Display units: NPS points, percent (CSAT, conversion, drop-off), CES mean. */
  value: number;
  /** YYYY-MM-DD or null. */
  dueDate: string | null;
  createdBy: string;
  createdAt: Date;
}

/** One period's data for a target: a histogram (scores) or entrants and reached (conversion, drop-off). */
export type TargetData = { kind: 'score'; hist: ScoreHistogram } | { kind: 'flow'; entered: number | null; reached: number | null };

export interface TargetValue {
  value: number;
  interval: Interval;
  /** Answers (scores) or entrants (conversion, drop-off). */
  n: number;
}

/** The metric's value in display units with its 95% interval; null without data. */
export function targetValue(metric: TargetMetric, data: TargetData): TargetValue | null {
  if (data.kind === 'score') {
    const s = metric === 'nps' ? summarizeNps(data.hist) : metric === 'csat' ? summarizeCsat(data.hist) : metric === 'ces' ? summarizeCes(data.hist) : null;
    if (!s || s.score === null || !s.ci95) return null;
    return { value: s.score, interval: s.ci95, n: s.n };
  }
  const { entered, reached } = data;
  if (entered === null || reached === null || entered <= 0 || reached > entered) return null;
  const conversion = reached / entered;
  const p = metric === 'dropoff' ? 1 - conversion : conversion;
  const se = Math.sqrt((p * (1 - p)) / entered);
  return { value: 100 * p, interval: { low: 100 * Math.max(0, p - Z95 * se), high: 100 * Math.min(1, p + Z95 * se) }, n: entered };
}

/** Weeks of data a projection needs, and answers a week must have to count. */
export const MIN_WEEKS = 4;

export interface Projection {
  /** Projected value on the due date, and the half-width of its 95% prediction interval. */
  value: number;
  halfWidth: number;
}

/**
 * Least-squares line through weekly values (x = week index, week i centred on day 7i + 3.5 after the
 * first week's start), extended to `daysAhead` days after that start. The prediction interval uses the
 * residual spread: s·√(1 + 1/k + (x₀ − x̄)²/Sxx). Null with fewer than MIN_WEEKS usable weeks.
 */
export function projectWeekly(weekly: readonly (TargetValue | null)[], daysAhead: number): Projection | null {
  const points = weekly.flatMap((w, i) => (w && w.n >= MIN_ANSWERS ? [{ x: i, y: w.value }] : []));
  const k = points.length;
  if (k < MIN_WEEKS) return null;
  const mx = points.reduce((a, p) => a + p.x, 0) / k;
  const my = points.reduce((a, p) => a + p.y, 0) / k;
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  if (!(sxx > 0)) return null;
  const slope = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / sxx;
  const intercept = my - slope * mx;
  const x0 = (daysAhead - 3.5) / 7;
  const residual = points.reduce((a, p) => a + (p.y - (intercept + slope * p.x)) ** 2, 0);
  const s = Math.sqrt(residual / (k - 2));
  const halfWidth = Z95 * s * Math.sqrt(1 + 1 / k + (x0 - mx) ** 2 / sxx);
  return { value: intercept + slope * x0, halfWidth };
}

export type TargetStatus =
  /** The whole interval of the current value is past the target. */
  | 'met'
  /** With a date: the projection reaches the target by then. */
  | 'on_track'
  | 'behind'
  /** Not enough data to say either way. */
  | 'unknown';

export interface TargetProgress {
  target: TargetRow;
  current: TargetValue | null;
  projection: Projection | null;
  status: TargetStatus;
}

/** Whether `value` is at or past the target in the metric's good direction. */
export function reaches(metric: TargetMetric, value: number, target: number): boolean {
  return higherIsBetter(metric) ? value >= target : value <= target;
}

export function targetProgress(target: TargetRow, current: TargetValue | null, projection: Projection | null): TargetProgress {
  let status: TargetStatus = 'unknown';
  if (current && current.n >= MIN_ANSWERS) {
    const worstEnd = higherIsBetter(target.metric) ? current.interval.low : current.interval.high;
    if (reaches(target.metric, worstEnd, target.value)) status = 'met';
    else if (projection) status = reaches(target.metric, projection.value, target.value) ? 'on_track' : 'behind';
  }
  return { target, current, projection, status };
}
