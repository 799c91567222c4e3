/**
 * The evidence behind an alert: a one-sided CUSUM over completed local days. Pure.
 *
 * Every answer (or customer, for drop-off) is a number y: an NPS answer is +100 (promoter), 0 or
 * −100 (detractor), so their mean is the NPS; a customer who left at a step is 100, one who went
 * on 0, so their mean is the drop-off %. A day is the tally (n, Σy, Σy²) of its answers.
 *
 * To tell "the level is at a" from "the level is at b", each day adds the Gaussian log-likelihood
 * ratio of its answers, (b − a)/σ² · (Σy − n·(a + b)/2): positive when the day's mean is past the
 * midpoint towards b, weighted by how many answers it has. The CUSUM S = max(0, S + increment)
 * starts at 0 and forgets good days; it raises an alarm when S ≥ h. For a random walk of these
 * increments the chance to climb h before falling back is about e^(−h), whatever the volume
 * (the drift/variance ratio of a log-likelihood ratio is always ½), which is why one h serves 100
 * and 2,000 answers a week alike; h was then tuned by simulation (bench/alertQuality.bench.ts) to
 * ≤ 1 false alarm per 200 touchpoint-weeks, counting one test per touchpoint per completed day.
 */

/** The answers of one local day or period: count, sum and sum of squares of their values. */
export interface Tally {
  n: number;
  sum: number;
  sumSq: number;
}

export interface DayTally extends Tally {
  /** Local day, YYYY-MM-DD in the rule's timezone. */
  day: string;
}

export const EMPTY_TALLY: Tally = { n: 0, sum: 0, sumSq: 0 };

/** NPS answers as a tally: promoters count +100, detractors −100. */
export function npsTally(promoters: number, detractors: number, n: number): Tally {
  return { n, sum: 100 * (promoters - detractors), sumSq: 10_000 * (promoters + detractors) };
}

/** Customers reaching a step as a tally of who left (100) and who went on (0). */
export function dropOffTally(reachedBefore: number | null, reached: number | null): Tally {
  if (reachedBefore === null || reached === null || reachedBefore <= 0) return EMPTY_TALLY;
  const lost = Math.max(0, reachedBefore - reached);
  return { n: reachedBefore, sum: 100 * lost, sumSq: 10_000 * lost };
}

export function addTallies(tallies: readonly Tally[]): Tally {
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (const t of tallies) {
    n += t.n;
    sum += t.sum;
    sumSq += t.sumSq;
  }
  return { n, sum, sumSq };
}

export function mean(t: Tally): number | null {
  return t.n > 0 ? t.sum / t.n : null;
}

/** Variance of one answer, with a floor so a period of all-promoters cannot make evidence infinite. */
export function answerVariance(t: Tally, floor: number): number {
  if (t.n < 2) return floor;
  const m = t.sum / t.n;
  return Math.max(floor, t.sumSq / t.n - m * m);
}

/**
 * Log-likelihood ratio of "level b" over "level a" for one day. `maxN` caps how many answers a
 * day may weigh (funnel days of thousands of customers vary more from day to day than coin flips).
 */
export function llrIncrement(day: Tally, a: number, b: number, variance: number, maxN = Infinity): number {
  if (day.n <= 0) return 0;
  const weight = Math.min(day.n, maxN) / day.n;
  return (weight * (b - a) * (day.sum - (day.n * (a + b)) / 2)) / variance;
}

/** S_t = max(0, S_{t−1} + x_t) from S_0 = 0; returns the last S. */
export function cusum(increments: readonly number[]): number {
  let s = 0;
  for (const x of increments) s = Math.max(0, s + x);
  return s;
}

/** The last S and the index where its current run began (after the last time S was 0). */
export function cusumRun(increments: readonly number[]): { value: number; start: number } {
  let s = 0;
  let start = 0;
  increments.forEach((x, i) => {
    s = Math.max(0, s + x);
    if (s === 0) start = i + 1;
  });
  return { value: s, start };
}
