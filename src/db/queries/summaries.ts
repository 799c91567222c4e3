import { compared } from '../../domain/compare.js';
import { computeFunnel } from '../../domain/funnel.js';
import { summarizeCes, summarizeCsat, summarizeNps } from '../../domain/scores.js';
import type { Funnel } from '../../domain/types.js';
import type { ReachedCounts, ScoreCounts } from './scoreCounts.js';
import type { TouchpointRef, TouchpointScores } from '../../domain/model.js';

/** Period indexes used by the read queries: the window's current and previous period come first. */
export const CURRENT = 0;
export const PREVIOUS = 1;

/** One touchpoint's three scores, current vs previous. */
export function touchpointScores(counts: ScoreCounts, touchpoint: TouchpointRef): TouchpointScores {
  const id = touchpoint.id;
  return {
    touchpoint,
    nps: compared(summarizeNps(counts.get(id, 'nps', CURRENT)), summarizeNps(counts.get(id, 'nps', PREVIOUS))),
    csat: compared(summarizeCsat(counts.get(id, 'csat', CURRENT)), summarizeCsat(counts.get(id, 'csat', PREVIOUS))),
    ces: compared(summarizeCes(counts.get(id, 'ces', CURRENT)), summarizeCes(counts.get(id, 'ces', PREVIOUS))),
  };
}

/** The funnel over touchpoints given in journey order, for one period. */
export function funnelOf(reached: ReachedCounts, touchpoints: readonly TouchpointRef[], period: number): Funnel {
  return computeFunnel(
    touchpoints.map((t) => ({ touchpointId: t.id, key: t.key, name: t.name, reached: reached.get(t.id, period) })),
  );
}
