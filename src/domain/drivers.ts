import type { JourneyRef, TouchpointRef } from './model.js';
import type { Metric, PeriodWindow, ScoreSummary } from './types.js';
import { mulberry32 } from './random.js';

/**
 * Key drivers: how much each touchpoint's score explains a journey's outcome score, among the
 * customers who answered both. Pure; the query layer hands over answer patterns with counts.
 *
 * Method (plain words in README "Key drivers"):
 * - One row per customer: the latest score they gave each touchpoint in the period and the
 *   latest outcome score. Only customers who answered the outcome count.
 * - Missing answers are handled pairwise: the correlation of two touchpoints (or of a touchpoint
 *   and the outcome) uses every customer who answered both. Customers rarely answer every
 *   survey, so requiring complete rows would throw most of them away. A pairwise matrix can be
 *   slightly inconsistent; it is then shrunk toward the identity until it is positive definite.
 * - Importance is the Shapley value of R² (the linear regression of the outcome on the
 *   touchpoints, from the correlation matrix): each touchpoint's average gain in R² when it is
 *   added to every subset of the others. The values add up to the full model's R², are not
 *   fooled by correlated touchpoints, and for uncorrelated ones equal each squared correlation.
 *   Exact over all subsets (at most MAX_DRIVERS touchpoints).
 * - Uncertainty: customers are split into BOOTSTRAP_GROUPS random groups (by a hash of their
 *   ref) and the bootstrap resamples groups with replacement, with a seeded PRNG, so the same
 *   data always gives the same intervals. Postgres sums each group's pairwise moments, so only
 *   100 small rows reach Node, whatever the number of customers.
 * - Nothing is claimed below MIN_LINKED_CUSTOMERS linked customers, and a touchpoint with fewer
 *   than MIN_PER_DRIVER customers who answered it and the outcome is left out of the model.
 */

export const MIN_LINKED_CUSTOMERS = 100;
export const MIN_PER_DRIVER = 50;
/** 2^12 subsets per R² evaluation keeps the bootstrap well under a second. */
export const MAX_DRIVERS = 12;
export const BOOTSTRAP_REPLICATES = 200;

/** Customers with the same answers, counted once: `x[i]` is touchpoint i's score or null. */
export interface DriverPattern {
  x: ReadonlyArray<number | null>;
  y: number;
  count: number;
}

export interface DriverImportance {
  /** Index into the touchpoints given. */
  index: number;
  /** Customers who answered this touchpoint and the outcome. */
  n: number;
  /** Pearson correlation with the outcome. */
  correlation: number;
  /** Shapley share of R² (R² points this touchpoint explains). */
  shapley: number;
  /** shapley / R², 0..1: the share of what the model explains. */
  share: number;
  /** 95% bootstrap interval of `share`. */
  shareLow: number;
  shareHigh: number;
}

export type DriversResult =
  | {
      ok: true;
      /** Customers who answered the outcome and at least one modelled touchpoint. */
      n: number;
      r2: number;
      r2Low: number;
      r2High: number;
      /** Modelled touchpoints, most important first. */
      drivers: DriverImportance[];
      /** Touchpoints left out: too few linked answers (index and n). */
      excluded: Array<{ index: number; n: number }>;
    }
  | { ok: false; reason: 'too_few'; n: number; minimum: number; excluded: Array<{ index: number; n: number }> };

export interface DriversOptions {
  minLinked?: number;
  minPerDriver?: number;
  replicates?: number;
  seed?: number;
}

/**
 * Pairwise sums over one group of customers. Variables 0..k−1 are the touchpoints, k the outcome;
 * cell a·(k+1)+b (a < b) sums over the customers who answered both a and b. Customers are split
 * into random groups (by a hash of their ref) so that the bootstrap can resample groups: the
 * data never has to leave the database customer by customer.
 */
export interface MomentGroup {
  /** Customers in the group who answered the outcome and at least one touchpoint. */
  linked: number;
  n: number[];
  sx: number[];
  sy: number[];
  sxx: number[];
  syy: number[];
  sxy: number[];
}

/** Groups the bootstrap resamples: enough for stable 95% intervals, few enough to sum at once. */
export const BOOTSTRAP_GROUPS = 100;

function emptyGroup(size: number): MomentGroup {
  const cells = () => new Array<number>(size * size).fill(0);
  return { linked: 0, n: cells(), sx: cells(), sy: cells(), sxx: cells(), syy: cells(), sxy: cells() };
}

/** Moment groups from answer patterns, customers dealt to the groups in turn (the query hashes refs instead). */
export function momentGroups(touchpoints: number, patterns: readonly DriverPattern[], groups = BOOTSTRAP_GROUPS): MomentGroup[] {
  const size = touchpoints + 1;
  const out = Array.from({ length: groups }, () => emptyGroup(size));
  let next = 0;
  for (const p of patterns) {
    const values = [...p.x.slice(0, touchpoints), p.y];
    const any = values.slice(0, touchpoints).some((v) => v !== null && v !== undefined);
    for (let c = 0; c < p.count; c++) {
      const g = out[next]!;
      next = (next + 1) % groups;
      if (any) g.linked++;
      for (let a = 0; a < size; a++) {
        const va = values[a];
        if (va === null || va === undefined) continue;
        for (let b = a + 1; b < size; b++) {
          const vb = values[b];
          if (vb === null || vb === undefined) continue;
          const cell = a * size + b;
          g.n[cell]! += 1;
          g.sx[cell]! += va;
          g.sy[cell]! += vb;
          g.sxx[cell]! += va * va;
          g.syy[cell]! += vb * vb;
          g.sxy[cell]! += va * vb;
        }
      }
    }
  }
  return out;
}

/** Weighted sums of the groups' moments. */
function combine(groups: readonly MomentGroup[], weights: ArrayLike<number> | null, size: number): MomentGroup {
  const total = emptyGroup(size);
  groups.forEach((g, i) => {
    const w = weights ? weights[i]! : 1;
    if (w === 0) return;
    total.linked += w * g.linked;
    for (let c = 0; c < size * size; c++) {
      total.n[c]! += w * g.n[c]!;
      total.sx[c]! += w * g.sx[c]!;
      total.sy[c]! += w * g.sy[c]!;
      total.sxx[c]! += w * g.sxx[c]!;
      total.syy[c]! += w * g.syy[c]!;
      total.sxy[c]! += w * g.sxy[c]!;
    }
  });
  return total;
}

function correlationAt(m: MomentGroup, size: number, a: number, b: number): number {
  const c = a < b ? a * size + b : b * size + a;
  const n = m.n[c]!;
  if (n < 2) return 0;
  // Cell (a, b) with a < b holds a's sums in sx/sxx and b's in sy/syy.
  const cov = m.sxy[c]! - (m.sx[c]! * m.sy[c]!) / n;
  const va = m.sxx[c]! - (m.sx[c]! * m.sx[c]!) / n;
  const vb = m.syy[c]! - (m.sy[c]! * m.sy[c]!) / n;
  // A touchpoint (or outcome) everyone scored the same carries no information.
  if (!(va > 1e-9) || !(vb > 1e-9)) return 0;
  return Math.max(-1, Math.min(1, cov / Math.sqrt(va * vb)));
}

/** Correlation matrix of the chosen touchpoints (row-major) and their correlations with the outcome (variable size−1). */
function correlations(m: MomentGroup, size: number, vars: readonly number[]): { matrix: Float64Array; withOutcome: Float64Array } {
  const k = vars.length;
  const matrix = new Float64Array(k * k);
  const withOutcome = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    matrix[a * k + a] = 1;
    withOutcome[a] = correlationAt(m, size, vars[a]!, size - 1);
    for (let b = a + 1; b < k; b++) {
      const r = correlationAt(m, size, vars[a]!, vars[b]!);
      matrix[a * k + b] = r;
      matrix[b * k + a] = r;
    }
  }
  return { matrix, withOutcome };
}

/** R² of the outcome on the predictors in `mask`, or null when that sub-matrix is not positive definite. */
function subsetR2(matrix: Float64Array, k: number, withOutcome: Float64Array, mask: number): number | null {
  const idx: number[] = [];
  for (let i = 0; i < k; i++) if (mask & (1 << i)) idx.push(i);
  const s = idx.length;
  if (s === 0) return 0;
  // Cholesky of R_SS, then R² = |L⁻¹ r_S|².
  const chol = new Float64Array(s * s);
  for (let i = 0; i < s; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[idx[i]! * k + idx[j]!]!;
      for (let l = 0; l < j; l++) sum -= chol[i * s + l]! * chol[j * s + l]!;
      if (i === j) {
        if (!(sum > 1e-10)) return null;
        chol[i * s + i] = Math.sqrt(sum);
      } else chol[i * s + j] = sum / chol[j * s + j]!;
    }
  }
  let r2 = 0;
  const z = new Float64Array(s);
  for (let i = 0; i < s; i++) {
    let sum = withOutcome[idx[i]!]!;
    for (let l = 0; l < i; l++) sum -= chol[i * s + l]! * z[l]!;
    z[i] = sum / chol[i * s + i]!;
    r2 += z[i]! * z[i]!;
  }
  return r2;
}

/** R² of every subset (index = bitmask). Shrinks the predictor matrix toward I until all are defined. */
function allSubsetR2(matrix: Float64Array, withOutcome: Float64Array, k: number): Float64Array {
  for (let shrink = 0; shrink <= 1; shrink += 0.05) {
    const m = shrink === 0 ? matrix : matrix.map((v, i) => (i % (k + 1) === 0 ? 1 : v * (1 - shrink)));
    const r2 = new Float64Array(1 << k);
    let ok = true;
    for (let mask = 1; mask < 1 << k && ok; mask++) {
      const value = subsetR2(m, k, withOutcome, mask);
      if (value === null) ok = false;
      else r2[mask] = Math.min(1, value);
    }
    if (ok) return r2;
  }
  // Unreachable: with shrink 1 the matrix is the identity.
  return new Float64Array(1 << k);
}

/**
 * Shapley values of R² from a correlation matrix (k×k row-major) and the predictors'
 * correlations with the outcome. Exported for hand-checked tests.
 */
export function shapleyR2(matrix: ArrayLike<number>, withOutcome: ArrayLike<number>): { r2: number; shapley: number[] } {
  const k = withOutcome.length;
  if (k === 0) return { r2: 0, shapley: [] };
  if (k > MAX_DRIVERS) throw new Error(`shapleyR2: at most ${MAX_DRIVERS} predictors`);
  const r2 = allSubsetR2(Float64Array.from(matrix), Float64Array.from(withOutcome), k);
  // weight(s) = s!(k−s−1)!/k!: the chance that exactly the s others come before i in a random order.
  const factorial = [1];
  for (let i = 1; i <= k; i++) factorial.push(factorial[i - 1]! * i);
  const weight = Array.from({ length: k }, (_, s) => (factorial[s]! * factorial[k - s - 1]!) / factorial[k]!);
  const shapley = new Array<number>(k).fill(0);
  const full = (1 << k) - 1;
  for (let mask = 0; mask <= full; mask++) {
    const size = popcount(mask);
    for (let i = 0; i < k; i++) {
      if (mask & (1 << i)) continue;
      shapley[i]! += weight[size]! * (r2[mask | (1 << i)]! - r2[mask]!);
    }
  }
  return { r2: r2[full]!, shapley };
}

function popcount(v: number): number {
  let c = 0;
  for (let x = v; x; x &= x - 1) c++;
  return c;
}

/** Importance of each of `touchpoints` touchpoints for the outcome, from answer patterns (tests, small data). */
export function keyDrivers(touchpoints: number, patterns: readonly DriverPattern[], options: DriversOptions = {}): DriversResult {
  return keyDriversFromGroups(touchpoints, momentGroups(touchpoints, patterns), options);
}

/** Importance of each touchpoint for the outcome, with intervals from a bootstrap over the customer groups. */
export function keyDriversFromGroups(touchpoints: number, groups: readonly MomentGroup[], options: DriversOptions = {}): DriversResult {
  const minLinked = options.minLinked ?? MIN_LINKED_CUSTOMERS;
  const minPerDriver = options.minPerDriver ?? MIN_PER_DRIVER;
  const replicates = options.replicates ?? BOOTSTRAP_REPLICATES;
  const size = touchpoints + 1;
  const total = combine(groups, null, size);

  const perTouchpoint = Array.from({ length: touchpoints }, (_, i) => total.n[i * size + touchpoints]!);
  const candidates = perTouchpoint
    .map((n, index) => ({ index, n }))
    .filter((d) => d.n >= minPerDriver)
    .sort((a, b) => b.n - a.n || a.index - b.index);
  const vars = candidates.slice(0, MAX_DRIVERS).map((d) => d.index).sort((a, b) => a - b);
  const excluded = perTouchpoint.map((n, index) => ({ index, n })).filter((d) => !vars.includes(d.index));

  const linked = total.linked;
  if (vars.length === 0 || linked < minLinked) return { ok: false, reason: 'too_few', n: linked, minimum: minLinked, excluded };

  const estimate = (m: MomentGroup) => {
    const c = correlations(m, size, vars);
    return { ...shapleyR2(c.matrix, c.withOutcome), withOutcome: c.withOutcome };
  };
  const point = estimate(total);
  const shareOf = (shapley: number, r2: number) => (r2 > 1e-12 ? Math.max(0, shapley) / r2 : 0);

  const rand = mulberry32(options.seed ?? 0x5eed);
  const shares: number[][] = vars.map(() => []);
  const r2s: number[] = [];
  const weights = new Float64Array(groups.length);
  for (let b = 0; b < replicates && groups.length > 1; b++) {
    weights.fill(0);
    for (let i = 0; i < groups.length; i++) weights[Math.floor(rand() * groups.length)]! += 1;
    const e = estimate(combine(groups, weights, size));
    r2s.push(e.r2);
    e.shapley.forEach((s, i) => shares[i]!.push(shareOf(s, e.r2)));
  }

  const drivers: DriverImportance[] = vars.map((index, i) => {
    const share = shareOf(point.shapley[i]!, point.r2);
    return {
      index,
      n: perTouchpoint[index]!,
      correlation: point.withOutcome[i]!,
      shapley: point.shapley[i]!,
      share,
      shareLow: shares[i]!.length > 0 ? quantile(shares[i]!, 0.025) : share,
      shareHigh: shares[i]!.length > 0 ? quantile(shares[i]!, 0.975) : share,
    };
  });
  drivers.sort((a, b) => b.share - a.share || a.index - b.index);
  return {
    ok: true,
    n: linked,
    r2: point.r2,
    r2Low: r2s.length > 0 ? quantile(r2s, 0.025) : point.r2,
    r2High: r2s.length > 0 ? quantile(r2s, 0.975) : point.r2,
    drivers,
    excluded,
  };
}

/** Linear-interpolated quantile; the point itself when there are no replicates. */
function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}


// ── Importance × performance ───────────────────────────────────────────────

export type DriverQuadrant = 'act' | 'keep' | 'watch' | 'secondary';

/**
 * The quadrant CX teams read drivers in. Important = share at least the average share (1/k);
 * low = performance below the average of the modelled touchpoints, where performance is each
 * score placed on 0..1 of its own scale (NPS −100..100, CSAT 0..100 %, CES 1..7), so touchpoints
 * surveyed with different metrics can sit on one axis.
 *  - act: important and low — fix these first;
 *  - keep: important and high — protect;
 *  - watch: less important and low;
 *  - secondary: less important and high.
 */
export function quadrantOf(share: number, driverCount: number, performance: number | null, averagePerformance: number | null): DriverQuadrant | null {
  if (performance === null || averagePerformance === null || driverCount === 0) return null;
  const important = share >= 1 / driverCount;
  const low = performance < averagePerformance;
  if (important) return low ? 'act' : 'keep';
  return low ? 'watch' : 'secondary';
}

/** A score on 0..1 of its metric's scale. */
export function normalizedPerformance(metric: 'nps' | 'csat' | 'ces', score: number | null): number | null {
  if (score === null) return null;
  if (metric === 'nps') return (score + 100) / 200;
  if (metric === 'csat') return score / 100;
  return (score - 1) / 6;
}

// ── What the drivers view shows ────────────────────────────────────────────

export interface DriverRow {
  touchpoint: TouchpointRef;
  metric: Metric;
  /** The touchpoint's score over every answer in the period (what the journey view shows). */
  score: ScoreSummary;
  /** Customers who answered it and the outcome. */
  linked: number;
  /** Null when left out of the model (fewer than MIN_PER_DRIVER linked customers). */
  importance: DriverImportance | null;
  quadrant: DriverQuadrant | null;
}

export interface JourneyDrivers {
  journey: JourneyRef;
  window: PeriodWindow;
  /** Null when the journey has no touchpoint with answers to use as its outcome. */
  outcome: { touchpoint: TouchpointRef; metric: Metric; score: ScoreSummary } | null;
  /** ok: importance is known; too_few: below the minimum sample; no_data: no outcome answers or no other touchpoint. */
  status: 'ok' | 'too_few' | 'no_data';
  /** Customers who answered the outcome and at least one other touchpoint (the modelled ones when ok). */
  linkedCustomers: number;
  minimum: number;
  /** Share of the outcome's variation the touchpoints explain together, with its 95% interval. */
  r2: { value: number; low: number; high: number } | null;
  /** Modelled touchpoints, most important first, then those left out (in journey order). */
  drivers: DriverRow[];
}

/** Importance share (0..1) by touchpoint id, for rankings that weigh touchpoints by how much they matter. */
export function importanceByTouchpoint(drivers: JourneyDrivers): Map<number, { share: number; low: number; high: number }> {
  const out = new Map<number, { share: number; low: number; high: number }>();
  if (drivers.status !== 'ok') return out;
  for (const d of drivers.drivers) if (d.importance) out.set(d.touchpoint.id, { share: d.importance.share, low: d.importance.shareLow, high: d.importance.shareHigh });
  return out;
}
