import type { Compared, CesSummary, CsatSummary, Funnel, NpsSummary, PeriodWindow, ScoreHistogram } from './types.js';

/**
 * Result shapes of the read queries: the API that the Slack surface, digests and alerts use.
 * Implementations live beside this file (lookup.ts, overview.ts, journeyDetail.ts, touchpointDetail.ts).
 */

export interface JourneyRef {
  id: number;
  key: string;
  name: string;
  description: string | null;
  /** Active touchpoints only. */
  touchpointCount: number;
}

export interface TouchpointRef {
  id: number;
  key: string;
  name: string;
  channel: string | null;
  position: number;
  journeyId: number;
  journeyKey: string;
  journeyName: string;
}

export type LookupResult<T> =
  | { found: true; value: T }
  | { found: false; reason: 'not_found'; suggestions: T[] }
  /** A touchpoint key given without its journey that exists in several journeys. */
  | { found: false; reason: 'ambiguous'; candidates: T[] };

export interface JourneyOverviewRow {
  journey: JourneyRef;
  /** All NPS answers of the journey's touchpoints. */
  nps: Compared<NpsSummary>;
  endToEndConversion: { current: number | null; previous: number | null };
  /** Answers of every metric in the current period. */
  responses: number;
}

export interface TouchpointScores {
  touchpoint: TouchpointRef;
  nps: Compared<NpsSummary>;
  csat: Compared<CsatSummary>;
  ces: Compared<CesSummary>;
}

export interface JourneyDetail {
  journey: JourneyRef;
  window: PeriodWindow;
  overall: Compared<NpsSummary>;
  /** In journey order (position). */
  touchpoints: TouchpointScores[];
  funnel: { current: Funnel; previous: Funnel };
}

export interface WeeklyPoint {
  /** Local Monday of the week, YYYY-MM-DD. */
  weekStart: string;
  nps: NpsSummary;
}

export interface CommentRow {
  id: number;
  score: number;
  comment: string;
  customerRef: string | null;
  respondedAt: Date;
}

export interface TouchpointDetail extends TouchpointScores {
  window: PeriodWindow;
  /** Oldest first; weeks without answers are present with n = 0. */
  weeklyTrend: WeeklyPoint[];
  /** NPS answers in the current period by score (11 entries). */
  distribution: ScoreHistogram;
  /** Latest NPS detractor (0–6) comments in the current period, newest first. */
  detractorComments: CommentRow[];
  /** Customers who reached this step in the current and previous period. */
  reached: { current: number | null; previous: number | null };
}
