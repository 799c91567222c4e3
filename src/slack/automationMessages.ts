import type { WebClient } from '@slack/web-api';
import type { ChartService } from '../charts/service.js';
import { npsTrendChart } from '../charts/spec.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { composeDigest } from '../domain/digestContent.js';
import type { DigestPeriod } from '../domain/schedule.js';
import { summarizeNps } from '../domain/scores.js';
import { ruleTimezone } from '../domain/alertWindows.js';
import { addDays, localDay, localPeriod } from '../domain/periods.js';
import type { Period } from '../domain/types.js';
import { intlTag, resolveLocale, t, type Locale } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { loadDigestInput } from '../db/queries/automation/digestData.js';
import type { IncidentView } from '../db/queries/automation/incidents.js';
import { getScoreHistograms } from '../db/queries/scoreCounts.js';
import type { Message } from './kit/blocks.js';
import { chartBlock } from './charts.js';
import { buildAlertMessage } from './views/alert.js';
import { buildDigestMessage } from './views/digest.js';

export interface RenderDeps {
  config: Config;
  logger: Logger;
  db: Db;
  /** Used for chart uploads (local chart mode). */
  web: WebClient;
  charts: ChartService;
}

export interface DigestTarget {
  channelId: string;
  journeyKeys: string[];
  timezone: string;
  locale: string;
  weekday: number;
  hour: number;
  minute: number;
}

/** Week labels on charts: "Nov 16" / "11月16日" (the year would crowd the axis). */
function shortDay(locale: Locale, day: string): string {
  return new Intl.DateTimeFormat(intlTag(locale), { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

export function localeOf(value: string, config: Config): Locale {
  return resolveLocale(value, config.DEFAULT_LOCALE);
}

/** Loads, composes and renders one digest (with its trend chart). */
export async function renderDigest(deps: RenderDeps, target: DigestTarget, period: DigestPeriod, opts: { preview?: boolean } = {}): Promise<Message> {
  const locale = localeOf(target.locale, deps.config);
  const input = await loadDigestInput(deps.db, { journeyKeys: target.journeyKeys, period, timezone: target.timezone });
  const content = composeDigest(input);
  const journeyIds = new Map(input.journeys.map((j) => [j.key, j.id]));
  const title = t(locale, 'digest.chartTitle', { weeks: content.trend.length });
  const hasData = content.trend.some((p) => p.nps.n > 0);
  const rendered = hasData
    ? await deps.charts.render(
        npsTrendChart(
          content.trend.map((p) => ({ label: shortDay(locale, p.weekStart), value: p.nps.score, low: p.nps.ci95?.low ?? null, high: p.nps.ci95?.high ?? null })),
          { yLabel: 'NPS' },
        ),
        { title, altText: title },
      )
    : null;
  const chart = await chartBlock(deps.web, rendered, { logger: deps.logger, filename: 'digest-nps.png' });
  return buildDigestMessage(content, {
    locale,
    period,
    channelId: target.channelId,
    schedule: { weekday: target.weekday, hour: target.hour, minute: target.minute, timezone: target.timezone },
    journeyIds,
    chart,
    ...(opts.preview ? { preview: true } : {}),
  });
}

const ALERT_TREND_WEEKS = 8;

/** Renders an incident's message, with a small weekly NPS chart for the NPS rules. */
export async function renderAlert(deps: RenderDeps, view: IncidentView, now: Date, opts: { chart?: boolean } = {}): Promise<Message> {
  const locale = localeOf(view.locale, deps.config);
  let chart = null;
  if (opts.chart !== false && view.kind !== 'dropoff_above') {
    // Seven-day spans of local days in the rule's timezone ending today: the days the rule counts, so the chart agrees with the numbers.
    const tz = ruleTimezone(view.timezone);
    const tomorrow = addDays(localDay(now, tz), 1);
    const weeks: Period[] = Array.from({ length: ALERT_TREND_WEEKS }, (_, i) =>
      localPeriod(addDays(tomorrow, -7 * (i + 1)), addDays(tomorrow, -7 * i), tz),
    ).reverse();
    const counts = await getScoreHistograms(deps.db, [view.touchpointId], weeks);
    const points = weeks.map((w, i) => ({ label: shortDay(locale, w.startDay), value: summarizeNps(counts.get(view.touchpointId, 'nps', i)).score }));
    if (points.some((p) => p.value !== null)) {
      const title = t(locale, 'alert.chartTitle', { touchpoint: view.touchpointName });
      const rendered = await deps.charts.render(npsTrendChart(points, { yLabel: 'NPS' }), { title, altText: title, size: { width: 600, height: 260 } });
      chart = await chartBlock(deps.web, rendered, { logger: deps.logger, filename: 'alert-nps.png' });
    }
  }
  return buildAlertMessage(view, { locale, now, chart });
}
