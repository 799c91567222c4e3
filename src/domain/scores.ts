import {
  DEFAULT_MIN_SAMPLE,
  type CesSummary,
  type CsatSummary,
  type Interval,
  type Metric,
  type NpsSummary,
  type ScoreHistogram,
  type ScoreSummary,
} from './types.js';

/**
 * Score summaries from answer histograms (index = score). Working on counts rather than raw
 * answers lets the query layer add up daily rollups and still get exact results.
 */

/** The two-sided 95% normal quantile, for every interval and significance test in the product. */
export const Z95 = 1.96;

/** Promoters (9–10), detractors (0–6) and all answers: what NPS and its standard error are made of. */
export interface NpsCounts {
  n: number;
  promoters: number;
  detractors: number;
}

export function npsCountsOf(hist: ScoreHistogram): NpsCounts {
  return { n: count(hist, 0, 10), promoters: count(hist, 9, 10), detractors: count(hist, 0, 6) };
}

/**
 * NPS and its standard error from counts; null score when n = 0. Variance of a per-answer value
 * in {+1, 0, −1}: E[x²] − E[x]² = p + d − (p − d)².
 */
export function npsFromCounts(promoters: number, detractors: number, n: number): { score: number | null; se: number } {
  if (n <= 0) return { score: null, se: 0 };
  const p = promoters / n;
  const d = detractors / n;
  return { score: 100 * (p - d), se: 100 * Math.sqrt(Math.max(0, p + d - (p - d) ** 2) / n) };
}

/** NPS of counts, or null without answers. */
export function npsScore(c: NpsCounts): number | null {
  return npsFromCounts(c.promoters, c.detractors, c.n).score;
}

/**
 * Two-sided z-test at 95% on the difference of two independent estimates:
 * |a − b| > Z95·√(SEa² + SEb²). With no spread at all, any difference counts.
 */
export function significantDifference(a: number, seA: number, b: number, seB: number): boolean {
  const se = Math.sqrt(seA * seA + seB * seB);
  if (!(se > 0)) return a !== b;
  return Math.abs(a - b) > Z95 * se;
}

export function emptyHistogram(): ScoreHistogram {
  return Array.from({ length: 11 }, () => 0);
}

export function addHistograms(a: ScoreHistogram, b: ScoreHistogram): ScoreHistogram {
  return emptyHistogram().map((_, i) => (a[i] ?? 0) + (b[i] ?? 0));
}

function count(hist: ScoreHistogram, from: number, to: number): number {
  let total = 0;
  for (let s = from; s <= to; s++) total += hist[s] ?? 0;
  return total;
}

function interval(score: number, se: number, min: number, max: number): Interval {
  return { low: Math.max(min, score - Z95 * se), high: Math.min(max, score + Z95 * se) };
}

export function summarizeNps(hist: ScoreHistogram, minSample = DEFAULT_MIN_SAMPLE): NpsSummary {
  const promoters = count(hist, 9, 10);
  const passives = count(hist, 7, 8);
  const detractors = count(hist, 0, 6);
  const n = promoters + passives + detractors;
  const base = { metric: 'nps' as const, n, promoters, passives, detractors, tooSmall: n < minSample };
  const { score, se } = npsFromCounts(promoters, detractors, n);
  if (score === null) return { ...base, score: null, standardError: null, ci95: null };
  return { ...base, score, standardError: se, ci95: interval(score, se, -100, 100) };
}

export function summarizeCsat(hist: ScoreHistogram, minSample = DEFAULT_MIN_SAMPLE): CsatSummary {
  const n = count(hist, 1, 5);
  const satisfied = count(hist, 4, 5);
  const base = { metric: 'csat' as const, n, satisfied, tooSmall: n < minSample };
  if (n === 0) return { ...base, score: null, standardError: null, ci95: null };
  const p = satisfied / n;
  const score = 100 * p;
  const standardError = 100 * Math.sqrt((p * (1 - p)) / n);
  return { ...base, score, standardError, ci95: interval(score, standardError, 0, 100) };
}

export function summarizeCes(hist: ScoreHistogram, minSample = DEFAULT_MIN_SAMPLE): CesSummary {
  let n = 0;
  let sum = 0;
  for (let s = 1; s <= 7; s++) {
    n += hist[s] ?? 0;
    sum += s * (hist[s] ?? 0);
  }
  const base = { metric: 'ces' as const, n, tooSmall: n < minSample };
  if (n === 0) return { ...base, score: null, standardDeviation: null, standardError: null, ci95: null };
  const mean = sum / n;
  // A single answer has no spread to estimate: no SD, SE or interval.
  if (n < 2) return { ...base, score: mean, standardDeviation: null, standardError: null, ci95: null };
  let squares = 0;
  for (let s = 1; s <= 7; s++) squares += (hist[s] ?? 0) * (s - mean) ** 2;
  const standardDeviation = Math.sqrt(squares / (n - 1));
  const standardError = standardDeviation / Math.sqrt(n);
  return { ...base, score: mean, standardDeviation, standardError, ci95: interval(mean, standardError, 1, 7) };
}

export function summarize(metric: 'nps', hist: ScoreHistogram, minSample?: number): NpsSummary;
export function summarize(metric: 'csat', hist: ScoreHistogram, minSample?: number): CsatSummary;
export function summarize(metric: 'ces', hist: ScoreHistogram, minSample?: number): CesSummary;
export function summarize(metric: Metric, hist: ScoreHistogram, minSample?: number): ScoreSummary;
export function summarize(metric: Metric, hist: ScoreHistogram, minSample = DEFAULT_MIN_SAMPLE): ScoreSummary {
  switch (metric) {
    case 'nps':
      return summarizeNps(hist, minSample);
    case 'csat':
      return summarizeCsat(hist, minSample);
    case 'ces':
      return summarizeCes(hist, minSample);
  }
}
