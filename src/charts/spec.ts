import type { ChartConfiguration } from 'chart.js';

/**
 * A Chart.js v4 configuration made only of JSON values (no callbacks), so the same spec can be
 * sent to QuickChart as a URL or rendered locally. Builders are pure.
 */
export type ChartSpec = ChartConfiguration<'line' | 'bar'>;

export interface ChartOptions {
  title?: string;
  /** Label of the value axis, e.g. "NPS". */
  yLabel?: string;
  /** A target value, drawn as a dashed green line across the chart. */
  target?: number;
}

const BLUE = 'rgb(37, 99, 235)';
const BLUE_FILL = 'rgba(37, 99, 235, 0.15)';
const BLUE_LIGHT = 'rgba(37, 99, 235, 0.45)';
const RED = 'rgb(220, 38, 38)';
const GREY = 'rgb(148, 163, 184)';
const GREEN = 'rgb(22, 163, 74)';
const AMBER = 'rgb(245, 158, 11)';

export interface TrendPoint {
  label: string;
  /** null where the period had no responses: the line shows a gap, not a fake zero. */
  value: number | null;
  /** Confidence interval, drawn as a shaded band when given. */
  low?: number | null;
  high?: number | null;
  /** A period still running (the week so far): drawn lighter and dashed, apart from the full ones. */
  partial?: boolean;
}

/** NPS over time (−100…100), with the confidence band when the points carry one. */
export function npsTrendChart(points: TrendPoint[], opts: ChartOptions = {}): ChartSpec {
  const labels = points.map((p) => p.label);
  const hasBand = points.some((p) => p.low != null && p.high != null);
  const datasets: ChartSpec['data']['datasets'] = [];
  if (hasBand) {
    datasets.push(
      { type: 'line', label: 'low', data: points.map((p) => p.low ?? null), borderWidth: 0, pointRadius: 0, fill: false, backgroundColor: BLUE_FILL },
      { type: 'line', label: 'high', data: points.map((p) => p.high ?? null), borderWidth: 0, pointRadius: 0, fill: '-1', backgroundColor: BLUE_FILL },
    );
  }
  // Partial points leave the solid line; a dashed, lighter segment joins them to the last full point.
  const partialAt = (i: number) => points[i]?.partial === true;
  if (points.some((p) => p.partial)) {
    datasets.push({
      type: 'line',
      label: 'partial',
      data: points.map((p, i) => (partialAt(i) || partialAt(i + 1) ? p.value : null)),
      borderColor: BLUE_LIGHT,
      backgroundColor: '#ffffff',
      pointBorderColor: BLUE_LIGHT,
      borderWidth: 3,
      borderDash: [6, 4],
      pointRadius: points.map((_, i) => (partialAt(i) ? 4 : 0)),
      spanGaps: false,
      tension: 0.2,
    });
  }
  datasets.push({
    type: 'line',
    label: opts.yLabel ?? 'NPS',
    data: points.map((p) => (p.partial ? null : p.value)),
    borderColor: BLUE,
    backgroundColor: BLUE,
    borderWidth: 3,
    pointRadius: 4,
    spanGaps: false,
    tension: 0.2,
  });
  if (opts.target !== undefined) {
    datasets.push({ type: 'line', label: 'target', data: points.map(() => opts.target ?? null), borderColor: GREEN, borderDash: [8, 6], borderWidth: 2, pointRadius: 0, fill: false });
  }
  const range = npsAxisRange(opts.target !== undefined ? [...points, { label: 'target', value: opts.target }] : points);
  return {
    type: 'line',
    data: { labels, datasets },
    options: {
      layout: { padding: { left: 8, right: 28, top: 4, bottom: 4 } },
      plugins: {
        title: titleOf(opts.title),
        // The band's two edge series are not worth a legend entry.
        legend: { display: false },
      },
      scales: {
        y: { min: range.min, max: range.max, ticks: { stepSize: range.stepSize }, title: { display: Boolean(opts.yLabel), text: opts.yLabel ?? '' }, grid: { color: 'rgba(0,0,0,0.08)' } },
        x: { grid: { display: false } },
      },
    },
  };
}

export interface FunnelStepInput {
  label: string;
  /** Users who reached the step. */
  reached: number;
}

/**
 * Horizontal bars, one per step in order: the highlighted step (the one whose drop-off got worse, or
 * else the largest drop-off) is red; `levelIndex`, a largest drop-off that is only a level, is amber.
 */
export function funnelChart(steps: FunnelStepInput[], opts: ChartOptions & { highlightIndex?: number; levelIndex?: number } = {}): ChartSpec {
  const colors = steps.map((_, i) => (i === opts.highlightIndex ? RED : i === opts.levelIndex ? AMBER : BLUE));
  return {
    type: 'bar',
    data: {
      labels: steps.map((s) => s.label),
      datasets: [{ label: opts.yLabel ?? 'reached', data: steps.map((s) => s.reached), backgroundColor: colors, borderWidth: 0 }],
    },
    options: {
      indexAxis: 'y',
      layout: { padding: { left: 8, right: 28, top: 4, bottom: 4 } },
      plugins: { title: titleOf(opts.title), legend: { display: false } },
      scales: { x: { beginAtZero: true, title: { display: Boolean(opts.yLabel), text: opts.yLabel ?? '' } }, y: { grid: { display: false } } },
    },
  };
}

export interface HistogramBin {
  /** The score (e.g. 0…10 for NPS). */
  score: number;
  count: number;
}

/** Score distribution; for NPS, detractors (0–6) red, passives (7–8) grey, promoters (9–10) green. */
export function distributionChart(histogram: HistogramBin[], opts: ChartOptions & { metric?: 'nps' | 'csat' | 'ces' } = {}): ChartSpec {
  const color = (score: number): string => {
    if (opts.metric !== 'nps' && opts.metric !== undefined) return BLUE;
    return score <= 6 ? RED : score <= 8 ? GREY : GREEN;
  };
  return {
    type: 'bar',
    data: {
      labels: histogram.map((b) => String(b.score)),
      datasets: [{ label: opts.yLabel ?? 'responses', data: histogram.map((b) => b.count), backgroundColor: histogram.map((b) => color(b.score)), borderWidth: 0 }],
    },
    options: {
      layout: { padding: { left: 8, right: 28, top: 4, bottom: 4 } },
      plugins: { title: titleOf(opts.title), legend: { display: false } },
      scales: { y: { beginAtZero: true, title: { display: Boolean(opts.yLabel), text: opts.yLabel ?? '' } }, x: { grid: { display: false } } },
    },
  };
}

/**
 * The NPS axis spans the data (and its band) rounded out to whole ticks with some headroom, within
 * −100…100: a fixed −100…100 axis flattens the few-point moves teams care about. The bounds are
 * multiples of the tick step, which is given to Chart.js too: otherwise it picks its own step
 * (20 for a wide range) and squeezes an extra label at an odd bound (−40 on top of −50).
 */
export function npsAxisRange(points: TrendPoint[]): { min: number; max: number; stepSize: number } {
  const values = points.flatMap((p) => [p.value, p.low, p.high]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (values.length === 0) return { min: -100, max: 100, stepSize: 20 };
  const lo = Math.min(...values) - 5;
  const hi = Math.max(...values) + 5;
  const stepSize = hi - lo > 60 ? 20 : 10;
  let min = Math.max(-100, Math.floor(lo / stepSize) * stepSize);
  let max = Math.min(100, Math.ceil(hi / stepSize) * stepSize);
  if (max - min < 2 * stepSize) {
    min = Math.max(-100, min - stepSize);
    max = Math.min(100, max + stepSize);
  }
  return { min, max, stepSize };
}

function titleOf(title: string | undefined): { display: boolean; text: string; font: { size: number } } {
  return { display: Boolean(title), text: title ?? '', font: { size: 18 } };
}
