import type { Db } from '../client.js';
import { compared } from '../../domain/compare.js';
import { summarizeNps } from '../../domain/scores.js';
import type { PeriodWindow } from '../../domain/types.js';
import { getJourneyRef, listTouchpoints } from './lookup.js';
import { getReachedToLastDay, getScoreHistograms } from './scoreCounts.js';
import { CURRENT, funnelOf, PREVIOUS, touchpointScores } from './summaries.js';
import type { JourneyDetail } from '../../domain/model.js';

/**
 * Every active touchpoint's scores (current vs previous period) and the journey's funnel.
 * Four small indexed queries, all at once; none reads more than a day of raw answers per
 * period edge (see scoreCounts.ts), which keeps it fast at any data size.
 * Null when the journey does not exist.
 */
export async function getJourneyDetail(db: Db, journeyId: number, window: PeriodWindow): Promise<JourneyDetail | null> {
  const periods = [window.current, window.previous];
  // All four at once: the counts select the journey's touchpoints themselves, saving a round trip.
  const [journey, touchpoints, counts, { reached, through }] = await Promise.all([
    getJourneyRef(db, journeyId),
    listTouchpoints(db, journeyId),
    getScoreHistograms(db, { journeyId }, periods),
    getReachedToLastDay(db, { journeyId }, window),
  ]);
  if (!journey) return null;
  const ids = touchpoints.map((t) => t.id);
  return {
    journey,
    window,
    overall: compared(summarizeNps(counts.total(ids, 'nps', CURRENT)), summarizeNps(counts.total(ids, 'nps', PREVIOUS))),
    touchpoints: touchpoints.map((t) => touchpointScores(counts, t)),
    funnel: { current: funnelOf(reached, touchpoints, CURRENT), previous: funnelOf(reached, touchpoints, PREVIOUS), through },
  };
}
