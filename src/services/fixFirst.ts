import type { Db } from '../db/client.js';
import { getFixFirstInputs } from '../db/queries/fixFirst.js';
import { getTargetsInPeriod } from '../db/queries/targets.js';
import { journeyProblems, rankProblems, type FixFirstProblem } from '../domain/fixFirst.js';
import type { PeriodWindow } from '../domain/types.js';

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

export function createFixFirstService(db: Db): FixFirstService {
  return {
    journey: async (journeyId, window) => {
      const [[input], targets] = await Promise.all([getFixFirstInputs(db, { journeyId }, window), getTargetsInPeriod(db, { journeyId }, window)]);
      return input ? journeyProblems({ ...input, targets: targets.inputs.get(journeyId) ?? [] }) : [];
    },
    all: async (window) => {
      const [inputs, targets] = await Promise.all([getFixFirstInputs(db, 'all', window), getTargetsInPeriod(db, {}, window)]);
      const byJourney = new Map(inputs.map((input) => [input.journey.id, journeyProblems({ ...input, targets: targets.inputs.get(input.journey.id) ?? [] })]));
      return { ranked: rankProblems([...byJourney.values()].flat()), byJourney };
    },
  };
}
