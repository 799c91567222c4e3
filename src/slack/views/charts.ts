import { distributionChart, funnelChart, npsTrendChart, type ChartSpec } from '../../charts/spec.js';
import type { RenderSize } from '../../charts/size.js';
import type { DigestContent } from '../../domain/digestContent.js';
import type { IncidentView, JourneyDetail, TouchpointDetail } from '../../domain/model.js';
import { formatNumber, t, type Locale } from '../../i18n/index.js';
import type { AlertTrendPoint } from '../../services/alerts.js';
import { npsValue, shortDayText } from './format.js';

/**
 * The charts each view shows, as data: a Chart.js spec with its title and alt text. Pure; the Slack
 * side renders it in CHART_MODE and uploads it (src/slack/charts.ts). Null when there is nothing to draw.
 */
export interface ChartRequest {
  spec: ChartSpec;
  title: string;
  altText: string;
  size?: RenderSize;
  filename: string;
}


/** `changedTouchpointId`: the step whose drop-off got worse (fix first); it is the one coloured red. */
export function funnelChartRequest(locale: Locale, detail: JourneyDetail, changedTouchpointId?: number): ChartRequest | null {
  const steps = detail.funnel.current.steps;
  if (!steps.some((s) => s.reached !== null && s.reached > 0)) return null;
  const largest = detail.funnel.current.largestDropOff?.index;
  const changed = steps.findIndex((s) => s.touchpointId === changedTouchpointId);
  const highlight = changed >= 0 ? changed : largest;
  const level = changed >= 0 && largest !== changed ? largest : undefined;
  const title = t(locale, 'journey.detail.chartTitle', { journey: detail.journey.name });
  const spec = funnelChart(
    steps.map((s) => ({ label: s.name, reached: s.reached ?? 0 })),
    { title, ...(highlight !== undefined ? { highlightIndex: highlight } : {}), ...(level !== undefined ? { levelIndex: level } : {}) },
  );
  const altText = t(locale, 'journey.detail.chartAlt', {
    journey: detail.journey.name,
    steps: steps.map((s) => `${s.name} ${s.reached === null ? '—' : formatNumber(locale, s.reached)}`).join(', '),
  });
  return { spec, title, altText, filename: 'funnel.png' };
}

/** `target`: an NPS target on the touchpoint, drawn as a line. */
export function touchpointTrendChartRequest(locale: Locale, detail: TouchpointDetail, target?: number): ChartRequest | null {
  if (!detail.weeklyTrend.some((w) => w.nps.n > 0)) return null;
  const title = t(locale, 'journey.touchpoint.trendTitle', { touchpoint: detail.touchpoint.name });
  const spec = npsTrendChart(
    detail.weeklyTrend.map((w) => ({
      label: shortDayText(locale, w.weekStart),
      value: w.nps.score,
      low: w.nps.ci95?.low ?? null,
      high: w.nps.ci95?.high ?? null,
      ...(w.partialDays ? { partial: true } : {}),
    })),
    { title, yLabel: 'NPS', ...(target !== undefined ? { target } : {}) },
  );
  const altText = t(locale, 'journey.touchpoint.trendAlt', {
    touchpoint: detail.touchpoint.name,
    points: detail.weeklyTrend
      .filter((w) => w.nps.n > 0)
      .map((w) => `${w.weekStart} ${npsValue(locale, w.nps.score)}`)
      .join(', '),
  });
  return { spec, title, altText, filename: 'nps-trend.png' };
}

export function distributionChartRequest(locale: Locale, detail: TouchpointDetail): ChartRequest | null {
  if (!detail.distribution.some((c) => c > 0)) return null;
  const title = t(locale, 'journey.touchpoint.distTitle', { touchpoint: detail.touchpoint.name });
  const spec = distributionChart(
    detail.distribution.map((count, score) => ({ score, count })),
    { title, metric: 'nps' },
  );
  const altText = t(locale, 'journey.touchpoint.distAlt', { counts: detail.distribution.map((c, s) => `${s}: ${c}`).join(', ') });
  return { spec, title, altText, size: { width: 800, height: 300 }, filename: 'distribution.png' };
}

export function digestChartRequest(locale: Locale, content: DigestContent): ChartRequest | null {
  if (!content.trend.some((p) => p.nps.n > 0)) return null;
  const title = t(locale, 'digest.chartTitle', { weeks: content.trend.length });
  const spec = npsTrendChart(
    content.trend.map((p) => ({ label: shortDayText(locale, p.weekStart), value: p.nps.score, low: p.nps.ci95?.low ?? null, high: p.nps.ci95?.high ?? null })),
    { yLabel: 'NPS' },
  );
  return { spec, title, altText: title, filename: 'digest-nps.png' };
}

export function alertChartRequest(locale: Locale, incident: IncidentView, trend: readonly AlertTrendPoint[]): ChartRequest | null {
  if (!trend.some((p) => p.nps !== null)) return null;
  const title = t(locale, 'alert.chartTitle', { touchpoint: incident.touchpointName });
  const spec = npsTrendChart(
    trend.map((p) => ({ label: shortDayText(locale, p.startDay), value: p.nps })),
    { yLabel: 'NPS' },
  );
  return { spec, title, altText: title, size: { width: 600, height: 260 }, filename: 'alert-nps.png' };
}
