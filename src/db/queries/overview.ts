import type { Db } from '../client.js';
import { compared } from '../../domain/compare.js';
import { summarizeNps } from '../../domain/scores.js';
import type { PeriodWindow } from '../../domain/types.js';
import { listAllTouchpoints, listJourneys } from './lookup.js';
import { getReachedToLastDay, getScoreHistograms, totalAnswers } from './scoreCounts.js';
import { CURRENT, funnelOf, PREVIOUS } from './summaries.js';
import type { JourneyOverviewRow } from '../../domain/model.js';

/** Every journey (by name) with its NPS over all its active touchpoints, answers, and end-to-end conversion. */
export async function getJourneyOverview(db: Db, window: PeriodWindow): Promise<JourneyOverviewRow[]> {
  const [journeys, touchpoints] = await Promise.all([listJourneys(db), listAllTouchpoints(db)]);
  const ids = touchpoints.map((t) => t.id);
  const periods = [window.current, window.previous];
  const [counts, { reached, through }] = await Promise.all([getScoreHistograms(db, ids, periods), getReachedToLastDay(db, ids, window)]);
  return journeys.map((journey) => {
    const steps = touchpoints.filter((t) => t.journeyId === journey.id); // already in position order
    const stepIds = steps.map((t) => t.id);
    return {
      journey,
      nps: compared(summarizeNps(counts.total(stepIds, 'nps', CURRENT)), summarizeNps(counts.total(stepIds, 'nps', PREVIOUS))),
      endToEndConversion: {
        current: funnelOf(reached, steps, CURRENT).endToEndConversion,
        previous: funnelOf(reached, steps, PREVIOUS).endToEndConversion,
        ...(through ? { through } : {}),
      },
      responses: totalAnswers(counts, stepIds, CURRENT),
    };
  });
}
