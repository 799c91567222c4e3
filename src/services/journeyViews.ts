import type { Db } from '../db/client.js';
import { listActions } from '../db/queries/actions.js';
import { getJourneyDetail } from '../db/queries/journeyDetail.js';
import { getJourneyOverview } from '../db/queries/overview.js';
import { getTouchpointDetail } from '../db/queries/touchpointDetail.js';
import type { ActionWithImpact, JourneyDetail, JourneyOverviewRow, TouchpointDetail } from '../domain/model.js';
import type { SegmentConcentration, ThemeFinding } from '../domain/insights.js';
import type { PeriodWindow } from '../domain/types.js';
import { createSegmentsService } from './segments.js';
import { createThemesService, type PlacedThemeFinding } from './themes.js';

export interface JourneyView {
  detail: JourneyDetail;
  /** Open and in-progress actions on the journey's touchpoints, newest first. */
  openActions: ActionWithImpact[];
  /** Top complaint themes across the touchpoints, with where. */
  complaints?: PlacedThemeFinding[];
}

export interface TouchpointView {
  detail: TouchpointDetail;
  /** Every action on the touchpoint, newest first. */
  actions: ActionWithImpact[];
  /** Where a significant NPS change is concentrated (region=関西), when one segment explains most of it. */
  concentration?: SegmentConcentration | null;
  /** Top complaint themes of the period. */
  themes?: ThemeFinding[];
}

/** Weeks in a touchpoint's trend and how many detractor comments it quotes. */
const TREND_WEEKS = 12;
const COMMENTS = 5;

/** The three read views (journey list, journey, touchpoint): everything each shows, for one period. */
export interface JourneyViewsService {
  overview(window: PeriodWindow): Promise<JourneyOverviewRow[]>;
  /** Null when the journey does not exist (a button on an old message). */
  journey(journeyId: number, window: PeriodWindow, now: Date): Promise<JourneyView | null>;
  /** Null when the touchpoint does not exist or is retired. */
  touchpoint(touchpointId: number, window: PeriodWindow, now: Date): Promise<TouchpointView | null>;
}

/** Themes shown in the views (touchpoint: "What detractors say"; journey: "Top complaints"). */
const THEMES_SHOWN = 3;

export function createJourneyViewsService(db: Db): JourneyViewsService {
  const segments = createSegmentsService(db);
  const themes = createThemesService(db);
  return {
    overview: (window) => getJourneyOverview(db, window),
    journey: async (journeyId, window, now) => {
      const [detail, openActions, complaints] = await Promise.all([
        getJourneyDetail(db, journeyId, window),
        listActions(db, { journeyId, statuses: ['open', 'in_progress'] }, now),
        themes.topAcross(journeyId, window, THEMES_SHOWN),
      ]);
      return detail ? { detail, openActions, complaints } : null;
    },
    touchpoint: async (touchpointId, window, now) => {
      const [detail, actions, top] = await Promise.all([
        getTouchpointDetail(db, touchpointId, window, { weeks: TREND_WEEKS, comments: COMMENTS }),
        listActions(db, { touchpointId }, now),
        themes.top(touchpointId, window, THEMES_SHOWN),
      ]);
      if (!detail) return null;
      const concentration = detail.nps.change.significant ? await segments.behindChange(touchpointId, window) : null;
      return { detail, actions, concentration, themes: top };
    },
  };
}
