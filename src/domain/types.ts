/**
 * Shapes shared by the pure domain functions (src/domain/*) and the query layer.
 * No Slack or database imports here or anywhere in src/domain.
 */

import type { Metric } from './enums.js';

export { METRICS, type Metric } from './enums.js';
export const METRIC_RANGE: Record<Metric, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
};

/** Answers counted by score: index = score value (0..10); always 11 entries. */
export type ScoreHistogram = number[];

/** Below this many answers a score is shown but marked as too small to judge. */
export const DEFAULT_MIN_SAMPLE = 30;

export interface Interval {
  low: number;
  high: number;
}

export interface NpsSummary {
  metric: 'nps';
  n: number;
  promoters: number; // 9-10
  passives: number; // 7-8
  detractors: number; // 0-6
  /** −100..100; null when n = 0. */
  score: number | null;
  /** Standard error in NPS points: 100·√((p + d − (p − d)²)/n). */
  standardError: number | null;
  /** 95% interval, clamped to −100..100. */
  ci95: Interval | null;
  tooSmall: boolean;
}

export interface CsatSummary {
  metric: 'csat';
  n: number;
  /** Answers of 4 or 5. */
  satisfied: number;
  /** Share satisfied in percent, 0..100; null when n = 0. */
  score: number | null;
  standardError: number | null;
  ci95: Interval | null;
  tooSmall: boolean;
}

export interface CesSummary {
  metric: 'ces';
  n: number;
  /** Mean effort score, 1..7; null when n = 0. */
  score: number | null;
  standardDeviation: number | null;
  standardError: number | null;
  ci95: Interval | null;
  tooSmall: boolean;
}

export type ScoreSummary = NpsSummary | CsatSummary | CesSummary;

/** Change between a current and a previous period of the same metric. */
export interface ScoreChange {
  /** current − previous (NPS points, CSAT percentage points, CES points); null if either is missing. */
  delta: number | null;
  /** True when the difference is significant at 95% (two-sided) and neither side is too small. */
  significant: boolean;
  /** 'up' | 'down' | 'flat' by the sign of delta (flat when |delta| < 0.05 or null). */
  direction: 'up' | 'down' | 'flat';
}

export interface Compared<T extends ScoreSummary> {
  current: T;
  previous: T;
  change: ScoreChange;
}

export interface FunnelStepInput {
  touchpointId: number;
  key: string;
  name: string;
  /** Customers who reached this step in the period (sum of daily step metrics); null = no data. */
  reached: number | null;
}

export interface FunnelStep extends FunnelStepInput {
  /** reached / previous step's reached (0..1+); null for the first step or missing data. */
  conversionFromPrevious: number | null;
  /** 1 − conversionFromPrevious, as a share 0..1 (negative if more customers reach this step). */
  dropOffFromPrevious: number | null;
  /** reached / first step's reached. */
  conversionFromStart: number | null;
}

export interface Funnel {
  steps: FunnelStep[];
  /** Last step's reached / first step's reached; null when either is missing or the first is 0. */
  endToEndConversion: number | null;
  /** The step (index into steps, ≥ 1) with the largest drop-off from its previous step. */
  largestDropOff: { index: number; dropOff: number } | null;
}

/** A named period such as `30d`, resolved to instants in a timezone. */
export interface Period {
  /** Start instant (inclusive) and end instant (exclusive). */
  start: Date;
  end: Date;
  /** The same bounds as local calendar days in the timezone: startDay inclusive, endDay exclusive (YYYY-MM-DD). */
  startDay: string;
  endDay: string;
}

export interface PeriodWindow {
  /** The spec as given, normalised (e.g. `30d`, `12w`, `this-week`). */
  spec: string;
  timezone: string;
  current: Period;
  /** The period of equal length just before `current` (the calendar month before, for months). */
  previous: Period;
}
