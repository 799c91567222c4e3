import type { Db } from '../client.js';
import { BASELINE_DAYS, SCORE_PROBLEM_METRICS, type JourneyProblemsInput, type ScoreInput, type StepInput } from '../../domain/fixFirst.js';
import { addDays, daysBetween } from '../../domain/localTime.js';
import { localPeriod } from '../../domain/periods.js';
import type { Period, PeriodWindow } from '../../domain/types.js';
import type { JourneyRef, TouchpointRef } from '../../domain/model.js';
import { getJourneyRef, listAllTouchpoints, listJourneys, listTouchpoints } from './lookup.js';
import { getReached, getScoreHistograms, type ReachedCounts, type ScoreCounts } from './scoreCounts.js';

/** Period indexes of the counts read here: the window's current period and its baseline. */
const NOW = 0;
const BASELINE = 1;

/** The BASELINE_DAYS local days just before the window's current period. */
export function baselinePeriod(window: PeriodWindow): Period {
  const start = window.current.startDay;
  return localPeriod(addDays(start, -BASELINE_DAYS), start, window.timezone);
}

export function periodDays(window: PeriodWindow): number {
  return daysBetween(window.current.startDay, window.current.endDay);
}

/**
 * What the fix-first ranking needs for one journey or all of them: each step's entrants and
 * reached, and each touchpoint's NPS and CSAT histograms, now and over the baseline. Three set-based
 * queries whatever the number of journeys (the same rollups the journey view reads). Targets are
 * added by the caller.
 */
export async function getFixFirstInputs(db: Db, scope: { journeyId: number } | 'all', window: PeriodWindow): Promise<Omit<JourneyProblemsInput, 'targets'>[]> {
  const periods = [window.current, baselinePeriod(window)];
  const selection = scope === 'all' ? 'all' : scope;
  const [journeys, touchpoints, counts, reached] = await Promise.all([
    scope === 'all' ? listJourneys(db) : getJourneyRef(db, scope.journeyId).then((j) => (j ? [j] : [])),
    scope === 'all' ? listAllTouchpoints(db) : listTouchpoints(db, scope.journeyId),
    getScoreHistograms(db, selection, periods),
    getReached(db, selection, periods),
  ]);
  const days = periodDays(window);
  return journeys.map((journey) =>
    journeyInputs(
      journey,
      touchpoints.filter((t) => t.journeyId === journey.id),
      counts,
      reached,
      days,
    ),
  );
}

function ref(t: { id: number; key: string; name: string }) {
  return { id: t.id, key: t.key, name: t.name };
}

/** Touchpoints in journey order: step i is entered by those who reached step i − 1. */
function journeyInputs(journey: JourneyRef, steps: readonly TouchpointRef[], counts: ScoreCounts, reached: ReachedCounts, days: number): Omit<JourneyProblemsInput, 'targets'> {
  const stepInputs: StepInput[] = [];
  steps.forEach((tp, i) => {
    const from = steps[i - 1];
    if (!from) return;
    stepInputs.push({
      from: ref(from),
      touchpoint: ref(tp),
      now: { entered: reached.get(from.id, NOW), reached: reached.get(tp.id, NOW) },
      baseline: { entered: reached.get(from.id, BASELINE), reached: reached.get(tp.id, BASELINE) },
    });
  });
  const scores: ScoreInput[] = steps.flatMap((tp) =>
    SCORE_PROBLEM_METRICS.map((metric) => ({
      touchpoint: ref(tp),
      metric,
      now: counts.get(tp.id, metric, NOW),
      baseline: counts.get(tp.id, metric, BASELINE),
      reach: reached.get(tp.id, NOW),
    })),
  );
  return { journey: ref(journey), periodDays: days, steps: stepInputs, scores };
}
