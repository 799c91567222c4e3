import type { WebClient } from '@slack/web-api';
import type { ChartService } from '../charts/service.js';
import type { Config } from '../config.js';
import type { DigestNotice } from '../jobs/notifier.js';
import type { AlertInsight } from '../domain/insights.js';
import type { IncidentView } from '../domain/model.js';
import { resolveLocale, type Locale } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { AlertTrendPoint } from '../services/alerts.js';
import { deliverChart } from './charts.js';
import type { Message } from './kit/blocks.js';
import { buildAlertMessage } from './views/alert.js';
import { alertChartRequest, digestChartRequest } from './views/charts.js';
import { buildDigestMessage } from './views/digest.js';

/**
 * Digest and alert messages from what the jobs (or a button) already loaded: the chart is
 * rendered and uploaded, the pure view builds the blocks. No database here.
 */
export interface MessageDeps {
  config: Pick<Config, 'DEFAULT_LOCALE'>;
  logger: Logger;
  /** For chart uploads (local chart mode). */
  web: WebClient;
  charts: ChartService;
}

/** A stored locale ('en', 'ja', or anything older), as one we speak. */
export function localeOf(value: string, config: Pick<Config, 'DEFAULT_LOCALE'>): Locale {
  return resolveLocale(value, config.DEFAULT_LOCALE);
}

export async function digestMessage(deps: MessageDeps, notice: DigestNotice, opts: { preview?: boolean; locale?: Locale } = {}): Promise<Message> {
  const locale = opts.locale ?? localeOf(notice.target.locale, deps.config);
  const { content, journeyIds } = notice.data;
  const chart = await deliverChart(deps, digestChartRequest(locale, content));
  const { target } = notice;
  return buildDigestMessage(content, {
    locale,
    period: notice.period,
    channelId: target.channelId,
    schedule: { weekday: target.weekday, hour: target.hour, minute: target.minute, timezone: target.timezone },
    journeyIds,
    chart,
    ...(opts.preview ? { preview: true } : {}),
    ...(notice.data.problems ? { problems: notice.data.problems } : {}),
    ...(notice.data.targets ? { targets: notice.data.targets } : {}),
    ...(notice.data.risingThemes ? { risingThemes: notice.data.risingThemes } : {}),
  });
}

export async function alertMessage(
  deps: MessageDeps,
  incident: IncidentView,
  trend: readonly AlertTrendPoint[],
  now: Date,
  insight: AlertInsight | null = null,
): Promise<Message> {
  const locale = localeOf(incident.locale, deps.config);
  const chart = await deliverChart(deps, alertChartRequest(locale, incident, trend));
  return buildAlertMessage(incident, { locale, now, chart, insight });
}
