import type { Db } from '../db/client.js';
import { getFixFirstInputs } from '../db/queries/fixFirst.js';
import { getTargetsInPeriod } from '../db/queries/targets.js';
import { journeyProblems, rankProblems, type FixFirstProblem } from '../domain/fixFirst.js';
import type { PeriodWindow } from '../domain/types.js';
import { createSegmentsService, type SegmentsService } from './segments.js';
import { createThemesService, type ThemesService } from './themes.js';

export interface FixFirstRanking {
  /** Every journey's problems together, largest first. */
  ranked: FixFirstProblem[];
  /** Each journey's own ranking (journeys without a problem have an empty list). */
  byJourney: ReadonlyMap<number, FixFirstProblem[]>;
}

/** "Where should we act": problems in customers a week against the 8 weeks before the period. */
export interface FixFirstService {
  /** One journey's problems, largest first; empty when none is significant or the journey is unknown. */
  journey(journeyId: number, window: PeriodWindow): Promise<FixFirstProblem[]>;
  /** Every journey's, in a fixed number of queries. */
  all(window: PeriodWindow): Promise<FixFirstRanking>;
}

/**
 * The top problem with what the other insight features know about it: the complaint theme that
 * costs its touchpoint most, and (for a score) the segment the change is concentrated in. Only the
 * top one, because only it is explained in the view; a feature with nothing to say adds nothing.
 */
async function explainTop(problems: FixFirstProblem[], window: PeriodWindow, themes: ThemesService, segments: SegmentsService): Promise<FixFirstProblem[]> {
  const [top, ...rest] = problems;
  if (!top) return problems;
  const [theme, segment] = await Promise.all([
    themes.top(top.touchpoint.id, window, 1).then((found) => found.find((f) => f.impact > 0)),
    top.kind === 'score' && top.metric === 'nps' ? segments.behindChange(top.touchpoint.id, window) : Promise.resolve(null),
  ]);
  return [{ ...top, ...(theme ? { theme } : {}), ...(segment ? { segment } : {}) }, ...rest];
}

export function createFixFirstService(db: Db): FixFirstService {
  const themes = createThemesService(db);
  const segments = createSegmentsService(db);
  return {
    journey: async (journeyId, window) => {
      const [[input], targets] = await Promise.all([getFixFirstInputs(db, { journeyId }, window), getTargetsInPeriod(db, { journeyId }, window)]);
      if (!input) return [];
      return explainTop(journeyProblems({ ...input, targets: targets.inputs.get(journeyId) ?? [] }), window, themes, segments);
    },
    all: async (window) => {
      const [inputs, targets] = await Promise.all([getFixFirstInputs(db, 'all', window), getTargetsInPeriod(db, {}, window)]);
      const byJourney = new Map(inputs.map((input) => [input.journey.id, journeyProblems({ ...input, targets: targets.inputs.get(input.journey.id) ?? [] })]));
      return { ranked: rankProblems([...byJourney.values()].flat()), byJourney };
    },
  };
}
