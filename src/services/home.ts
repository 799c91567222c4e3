import type { Db } from '../db/client.js';
import { listActions } from '../db/queries/actions.js';
import { listAllTouchpoints } from '../db/queries/lookup.js';
import { getJourneyOverview } from '../db/queries/overview.js';
import { getScoreHistograms } from '../db/queries/scoreCounts.js';
import { touchpointScores } from '../db/queries/summaries.js';
import { pickAttention, type AttentionItem } from '../domain/attention.js';
import type { ActionWithImpact, JourneyOverviewRow } from '../domain/model.js';
import type { PeriodWindow } from '../domain/types.js';
import type { FixFirstProblem } from '../domain/fixFirst.js';
import { createFixFirstService } from './fixFirst.js';
import { getTargetsInPeriod } from '../db/queries/targets.js';
import type { TargetProgress } from '../domain/targets.js';

/** The viewer's open actions fetched for App Home (the view shows up to ten). */
const MY_ACTIONS_FETCHED = 20;

export interface HomeData {
  journeys: JourneyOverviewRow[];
  attention: AttentionItem[];
  myActions: ActionWithImpact[];
  /** Every journey's problems in customers a week, largest first: "Needs attention". */
  problems: FixFirstProblem[];
  /** Every target with its progress over the period. */
  targets: TargetProgress[];
}

export interface HomeService {
  /**
   * Everything App Home shows, in a fixed number of queries however many journeys there are: the
   * overview, every active touchpoint, one set-based histogram query for all of them (current and
   * previous period), and the viewer's open actions, all at once. A journey-detail query per journey
   * would grow with the workspace and make the tab slower to appear each time it is opened.
   */
  load(window: PeriodWindow, viewerUserId: string, now: Date): Promise<HomeData>;
}

export function createHomeService(db: Db): HomeService {
  const fixFirst = createFixFirstService(db);
  return {
    load: async (window, viewerUserId, now) => {
      // In the order touchpointScores reads them (CURRENT, PREVIOUS).
      const periods = [window.current, window.previous];
      const [journeys, touchpoints, counts, myActions, ranking, targets] = await Promise.all([
        getJourneyOverview(db, window),
        listAllTouchpoints(db),
        getScoreHistograms(db, 'all', periods),
        listActions(db, { ownerUserId: viewerUserId, statuses: ['open', 'in_progress'], limit: MY_ACTIONS_FETCHED }, now),
        fixFirst.all(window),
        getTargetsInPeriod(db, {}, window),
      ]);
      // Same summaries and comparison as the journey view (touchpointScores), for active touchpoints only.
      const attention = pickAttention(touchpoints.map((tp) => touchpointScores(counts, tp)));
      return { journeys, attention, myActions, problems: ranking.ranked, targets: targets.progress };
    },
  };
}
