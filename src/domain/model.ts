import type { ActionStatus, AlertKind, IncidentStatus } from './enums.js';
import type { NpsCounts } from './scores.js';
import type { Compared, CesSummary, CsatSummary, Funnel, NpsSummary, PeriodWindow, ScoreHistogram } from './types.js';

/**
 * The shapes the product talks in: what queries return, services hand on and views render.
 * Data only; the query layer (src/db/queries) fills them.
 */

/** A journey and its ordered touchpoints as a sender defines them (validated by src/ingest/schemas.ts). */
export interface JourneyDefinitionInput {
  name: string;
  description?: string | null | undefined;
  touchpoints: ReadonlyArray<{ key: string; name: string; channel?: string | null | undefined }>;
  /** Key of the touchpoint whose score is the journey's outcome (key drivers); default the last one. */
  outcome?: string | null | undefined;
}

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
  /** `through`: the last day with step counts, when they stop before the period's end (see stepCountSpan). */
  endToEndConversion: { current: number | null; previous: number | null; through?: string | null };
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
  /** `through`: the last day with step counts, when they stop before the period's end (see stepCountSpan). */
  funnel: { current: Funnel; previous: Funnel; through?: string | null };
}

export interface WeeklyPoint {
  /** Local Monday of the week, YYYY-MM-DD. */
  weekStart: string;
  nps: NpsSummary;
  /** Days of the week the point covers, when fewer than 7 (the week still running). */
  partialDays?: number;
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
  reached: { current: number | null; previous: number | null; through?: string | null };
}

// ── Improvement actions ─────────────────────────────────────────────────────

export interface ActionRow {
  id: number;
  touchpoint: TouchpointRef;
  description: string;
  ownerUserId: string | null;
  /** YYYY-MM-DD (a calendar day, no timezone). */
  dueDate: string | null;
  status: ActionStatus;
  createdByUserId: string;
  teamId: string | null;
  incidentId: number | null;
  /** NPS over the 30 days before logging; score null when there were no answers. */
  baseline: { score: number | null; responses: number };
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
}

export interface ActionWithImpact extends ActionRow {
  /** NPS answers since the action was logged (up to `now`). */
  since: NpsCounts & { score: number | null };
  /** since.score − baseline.score; null when either is missing. */
  delta: number | null;
}

export interface LogActionInput {
  touchpointId: number;
  description: string;
  ownerUserId?: string | null;
  dueDate?: string | null;
  createdByUserId: string;
  teamId?: string | null;
  incidentId?: number | null;
  /**
   * Identifies the Slack request that asked for it (a hash of its trigger_id): logging again with
   * the same key returns the action already stored, so a replayed request adds nothing.
   */
  requestKey?: string | null;
  now: Date;
}

export interface ActionFilter {
  statuses?: readonly ActionStatus[];
  ownerUserId?: string;
  touchpointId?: number;
  journeyId?: number;
  /** Newest first; default 50. */
  limit?: number;
}

export type SetStatusResult =
  | { ok: true; action: ActionRow }
  | { ok: false; reason: 'not_found' }
  /** The action is no longer in the status the button was rendered for (someone else changed it). */
  | { ok: false; reason: 'stale'; action: ActionRow };

// ── Alert incidents ─────────────────────────────────────────────────────────

/** Everything a message about an incident shows. */
export interface IncidentView {
  id: number;
  status: IncidentStatus;
  ruleId: number;
  kind: AlertKind;
  threshold: number;
  windowDays: number;
  minSample: number;
  locale: string;
  /** The rule's timezone: its windows are local days there. */
  timezone: string;
  channelId: string;
  messageTs: string | null;
  openedValue: number;
  lastValue: number;
  lastSample: number;
  lastPrevious: number | null;
  worsenCount: number;
  openedAt: Date;
  lastEvaluatedAt: Date;
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
  snoozedBy: string | null;
  snoozedUntil: Date | null;
  resolvedAt: Date | null;
  touchpointId: number;
  touchpointKey: string;
  touchpointName: string;
  previousStepName: string | null;
  journeyId: number;
  journeyKey: string;
  journeyName: string;
}
