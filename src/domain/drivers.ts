import type { JourneyRef, TouchpointRef } from './model.js';
import type { Metric, PeriodWindow, ScoreSummary } from './types.js';

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
 * - Uncertainty: a seeded Poisson bootstrap over customers (each distinct answer pattern seen
 *   c times is re-drawn Poisson(c) times), so the same data always gives the same intervals.
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

/** Pairwise sums over customers who answered both variables; variable k is the outcome. */
interface PairMoments {
  size: number;
  n: Float64Array;
  sx: Float64Array;
  sy: Float64Array;
  sxx: Float64Array;
  syy: Float64Array;
  sxy: Float64Array;
}

function pairMoments(patterns: readonly DriverPattern[], vars: readonly number[], weights: ArrayLike<number> | null): PairMoments {
  const size = vars.length + 1;
  const cells = size * size;
  const m: PairMoments = {
    size,
    n: new Float64Array(cells),
    sx: new Float64Array(cells),
    sy: new Float64Array(cells),
    sxx: new Float64Array(cells),
    syy: new Float64Array(cells),
    sxy: new Float64Array(cells),
  };
  const values = new Float64Array(size);
  const present = new Uint8Array(size);
  for (let p = 0; p < patterns.length; p++) {
    const pattern = patterns[p]!;
    const w = weights ? weights[p]! : pattern.count;
    if (w === 0) continue;
    for (let v = 0; v < vars.length; v++) {
      const value = pattern.x[vars[v]!];
      present[v] = value === null || value === undefined ? 0 : 1;
      values[v] = value ?? 0;
    }
    present[size - 1] = 1;
    values[size - 1] = pattern.y;
    for (let a = 0; a < size; a++) {
      if (!present[a]) continue;
      const xa = values[a]!;
      for (let b = a + 1; b < size; b++) {
        if (!present[b]) continue;
        const xb = values[b]!;
        const c = a * size + b;
        m.n[c]! += w;
        m.sx[c]! += w * xa;
        m.sy[c]! += w * xb;
        m.sxx[c]! += w * xa * xa;
        m.syy[c]! += w * xb * xb;
        m.sxy[c]! += w * xa * xb;
      }
    }
  }
  return m;
}

function correlationAt(m: PairMoments, a: number, b: number): number {
  const c = a < b ? a * m.size + b : b * m.size + a;
  const n = m.n[c]!;
  if (n < 2) return 0;
  const cov = m.sxy[c]! - (m.sx[c]! * m.sy[c]!) / n;
  const vx = m.sxx[c]! - (m.sx[c]! * m.sx[c]!) / n;
  const vy = m.syy[c]! - (m.sy[c]! * m.sy[c]!) / n;
  // A touchpoint (or outcome) everyone scored the same carries no information.
  if (!(vx > 1e-12) || !(vy > 1e-12)) return 0;
  const r = cov / Math.sqrt(vx * vy);
  return Math.max(-1, Math.min(1, r));
}

/** Predictor correlation matrix (k×k, row-major) and correlations with the outcome. */
function correlations(m: PairMoments): { matrix: Float64Array; withOutcome: Float64Array } {
  const k = m.size - 1;
  const matrix = new Float64Array(k * k);
  const withOutcome = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    matrix[a * k + a] = 1;
    withOutcome[a] = correlationAt(m, a, k);
    for (let b = a + 1; b < k; b++) {
      const r = correlationAt(m, a, b);
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

/** Importance of each of `touchpoints` touchpoints for the outcome, with bootstrap intervals. */
export function keyDrivers(touchpoints: number, patterns: readonly DriverPattern[], options: DriversOptions = {}): DriversResult {
  const minLinked = options.minLinked ?? MIN_LINKED_CUSTOMERS;
  const minPerDriver = options.minPerDriver ?? MIN_PER_DRIVER;
  const replicates = options.replicates ?? BOOTSTRAP_REPLICATES;

  const perTouchpoint = new Array<number>(touchpoints).fill(0);
  for (const p of patterns) for (let i = 0; i < touchpoints; i++) if (p.x[i] !== null && p.x[i] !== undefined) perTouchpoint[i]! += p.count;
  const candidates = perTouchpoint
    .map((n, index) => ({ index, n }))
    .filter((d) => d.n >= minPerDriver)
    .sort((a, b) => b.n - a.n || a.index - b.index);
  const vars = candidates.slice(0, MAX_DRIVERS).map((d) => d.index).sort((a, b) => a - b);
  const excluded = perTouchpoint.map((n, index) => ({ index, n })).filter((d) => !vars.includes(d.index));

  let linked = 0;
  for (const p of patterns) if (vars.some((v) => p.x[v] !== null && p.x[v] !== undefined)) linked += p.count;
  if (vars.length === 0 || linked < minLinked) {
    // Say how many are linked at all, so the reader sees how far from the minimum the data is.
    let any = 0;
    for (const p of patterns) if (p.x.some((v) => v !== null && v !== undefined)) any += p.count;
    return { ok: false, reason: 'too_few', n: vars.length === 0 ? any : linked, minimum: minLinked, excluded };
  }

  const estimate = (weights: ArrayLike<number> | null) => {
    const c = correlations(pairMoments(patterns, vars, weights));
    return { ...shapleyR2(c.matrix, c.withOutcome), withOutcome: c.withOutcome };
  };
  const point = estimate(null);
  const shareOf = (shapley: number, r2: number) => (r2 > 1e-12 ? Math.max(0, shapley) / r2 : 0);

  const rand = mulberry32(options.seed ?? 0x5eed);
  const shares: number[][] = vars.map(() => []);
  const r2s: number[] = [];
  const weights = new Float64Array(patterns.length);
  for (let b = 0; b < replicates; b++) {
    for (let p = 0; p < patterns.length; p++) weights[p] = poisson(patterns[p]!.count, rand);
    const e = estimate(weights);
    r2s.push(e.r2);
    e.shapley.forEach((s, i) => shares[i]!.push(shareOf(s, e.r2)));
  }

  const drivers: DriverImportance[] = vars.map((index, i) => ({
    index,
    n: perTouchpoint[index]!,
    correlation: point.withOutcome[i]!,
    shapley: point.shapley[i]!,
    share: shareOf(point.shapley[i]!, point.r2),
    shareLow: quantile(shares[i]!, 0.025),
    shareHigh: quantile(shares[i]!, 0.975),
  }));
  drivers.sort((a, b) => b.share - a.share || a.index - b.index);
  return { ok: true, n: linked, r2: point.r2, r2Low: quantile(r2s, 0.025), r2High: quantile(r2s, 0.975), drivers, excluded };
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

/** Poisson(mean) draw: Knuth's product method for small means, a rounded normal for large ones. */
function poisson(mean: number, rand: () => number): number {
  if (mean > 30) {
    const u = Math.max(rand(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rand();
  while (p > limit) {
    k++;
    p *= rand();
  }
  return k;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
