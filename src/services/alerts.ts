import type { Db } from '../db/client.js';
import { acknowledgeIncident, getIncidentView, snoozeIncident } from '../db/queries/automation/incidents.js';
import { createRule, deleteRule, listRulesForChannel, type RuleInput, type RuleListing } from '../db/queries/automation/rules.js';
import { getScoreHistograms } from '../db/queries/scoreCounts.js';
import type { AlertRule } from '../db/schema.js';
import { ruleTimezone } from '../domain/alertWindows.js';
import type { IncidentView } from '../domain/model.js';
import { addDays, localDay, localPeriod } from '../domain/periods.js';
import { summarizeNps } from '../domain/scores.js';
import type { AlertInsight } from '../domain/insights.js';
import type { Period, PeriodWindow } from '../domain/types.js';
import { createSegmentsService } from './segments.js';
import { createThemesService } from './themes.js';

export type { AlertRule } from '../db/schema.js';
export type { RuleInput, RuleListing, RuleScope } from '../db/queries/automation/rules.js';

/** One point of an alert's weekly NPS chart: a 7-day span of local days and its NPS (null without answers). */
export interface AlertTrendPoint {
  startDay: string;
  nps: number | null;
}

const ALERT_TREND_WEEKS = 8;

export interface AlertsService {
  createRule(input: RuleInput, now: Date): Promise<AlertRule>;
  /** Removes a rule of this channel; a rule of another channel is not found. */
  removeRule(channelId: string, ruleId: number): Promise<boolean>;
  rulesForChannel(channelId: string): Promise<RuleListing[]>;
  /** False when the incident is resolved or gone. */
  acknowledge(incidentId: number, userId: string, now: Date): Promise<boolean>;
  snooze(incidentId: number, userId: string, until: Date, now: Date): Promise<boolean>;
  incident(incidentId: number): Promise<IncidentView | null>;
  /**
   * The weekly NPS an alert message charts: seven-day spans of local days in the rule's timezone
   * ending today, the days the rule counts, so the chart agrees with the numbers. Empty for drop-off rules.
   */
  trend(incident: IncidentView, now: Date): Promise<AlertTrendPoint[]>;
  /**
   * For an NPS alert: the segment its fall is concentrated in and the top complaint themes since the
   * fall began (from the rule's window before the incident opened up to today), each against the
   * 8 weeks before. Null for drop-off rules. Explaining never blocks an alert: callers send without it on error.
   */
  insight(incident: IncidentView, now: Date): Promise<AlertInsight | null>;
}

const INSIGHT_BASELINE_DAYS = 56;
const INSIGHT_THEMES = 3;

/** Since the fall began (the rule's window before the incident opened) up to today, against the 8 weeks before. */
function insightWindow(incident: IncidentView, now: Date): PeriodWindow {
  const tz = ruleTimezone(incident.timezone);
  const start = addDays(localDay(incident.openedAt, tz), -incident.windowDays);
  const end = addDays(localDay(now, tz), 1);
  return {
    spec: `${incident.windowDays}d`,
    timezone: tz,
    current: localPeriod(start, end, tz),
    previous: localPeriod(addDays(start, -INSIGHT_BASELINE_DAYS), start, tz),
  };
}

export function createAlertsService(db: Db): AlertsService {
  const segments = createSegmentsService(db);
  const themes = createThemesService(db);
  return {
    insight: async (incident, now) => {
      if (incident.kind === 'dropoff_above') return null;
      const window = insightWindow(incident, now);
      const [segment, top] = await Promise.all([segments.behindChange(incident.touchpointId, window), themes.top(incident.touchpointId, window, INSIGHT_THEMES)]);
      return { segment, themes: top.filter((f) => f.impact > 0) };
    },
    createRule: (input, now) => createRule(db, input, now),
    removeRule: (channelId, ruleId) => deleteRule(db, channelId, ruleId),
    rulesForChannel: (channelId) => listRulesForChannel(db, channelId),
    acknowledge: (incidentId, userId, now) => acknowledgeIncident(db, incidentId, userId, now),
    snooze: (incidentId, userId, until, now) => snoozeIncident(db, incidentId, userId, until, now),
    incident: (incidentId) => getIncidentView(db, incidentId),
    trend: async (incident, now) => {
      if (incident.kind === 'dropoff_above') return [];
      const tz = ruleTimezone(incident.timezone);
      const tomorrow = addDays(localDay(now, tz), 1);
      const weeks: Period[] = Array.from({ length: ALERT_TREND_WEEKS }, (_, i) =>
        localPeriod(addDays(tomorrow, -7 * (i + 1)), addDays(tomorrow, -7 * i), tz),
      ).reverse();
      const counts = await getScoreHistograms(db, [incident.touchpointId], weeks);
      return weeks.map((w, i) => ({ startDay: w.startDay, nps: summarizeNps(counts.get(incident.touchpointId, 'nps', i)).score }));
    },
  };
}
