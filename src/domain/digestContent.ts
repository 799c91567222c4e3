/**
 * What a weekly digest says, composed from counts. Pure: the query layer supplies weekly NPS
 * histograms and reached counts; this decides the numbers, movers and drop-off worth showing.
 */
import { compared } from './compare.js';
import { computeFunnel } from './funnel.js';
import { addHistograms, emptyHistogram, summarizeNps } from './scores.js';
import type { Compared, NpsSummary, ScoreHistogram } from './types.js';

export interface DigestTouchpointInput {
  id: number;
  key: string;
  name: string;
  /** NPS histograms per week, index 0 = the digest's week, 1 = the week before, … (oldest last). */
  weekly: ScoreHistogram[];
  /** Customers reaching the step in the digest's week and the week before (null = no data). */
  reached: { current: number | null; previous: number | null };
}

export interface DigestJourneyInput {
  id: number;
  key: string;
  name: string;
  /** In journey order. */
  touchpoints: DigestTouchpointInput[];
}

export interface DigestComment {
  journeyName: string;
  touchpointName: string;
  score: number;
  comment: string;
}

export interface DigestInput {
  /** Local start day of each trend week, index 0 = the digest's week. */
  weekStarts: string[];
  journeys: DigestJourneyInput[];
  comments: { total: number; latest: DigestComment[] };
  actions: { completed: number; overdue: number };
  minSample: number;
}

export interface DigestMover {
  journeyKey: string;
  journeyName: string;
  touchpointKey: string;
  touchpointName: string;
  nps: Compared<NpsSummary>;
}

export interface DigestDropOff {
  journeyKey: string;
  journeyName: string;
  fromStep: string;
  toStep: string;
  /** Shares 0..1. */
  dropOff: number;
  previous: number | null;
  /** dropOff − previous in percentage points; null without a previous value. */
  changePoints: number | null;
}

export interface DigestContent {
  overall: Compared<NpsSummary>;
  journeys: { key: string; name: string; nps: Compared<NpsSummary> }[];
  movers: DigestMover[];
  largestDropOff: DigestDropOff | null;
  /** Oldest week first. */
  trend: { weekStart: string; nps: NpsSummary }[];
  comments: { total: number; examples: DigestComment[] };
  actions: { completed: number; overdue: number };
}

export const MAX_MOVERS = 3;
/** A change this large (in whole NPS points, as shown) is news even when the test cannot call it significant. */
export const LARGE_MOVE_POINTS = 10;
export const MAX_COMMENT_EXAMPLES = 3;

const week = (tp: DigestTouchpointInput, i: number): ScoreHistogram => tp.weekly[i] ?? emptyHistogram();
const sum = (hists: ScoreHistogram[]): ScoreHistogram => hists.reduce((a, b) => addHistograms(a, b), emptyHistogram());

export function composeDigest(input: DigestInput): DigestContent {
  const all = input.journeys.flatMap((j) => j.touchpoints);
  const npsOf = (tps: DigestTouchpointInput[], i: number) => summarizeNps(sum(tps.map((tp) => week(tp, i))), input.minSample);

  const journeys = input.journeys.map((j) => ({ key: j.key, name: j.name, nps: compared(npsOf(j.touchpoints, 0), npsOf(j.touchpoints, 1)) }));

  // Movers: the largest week-over-week changes among touchpoints with enough answers in both weeks,
  // significant ones first (a small-sample swing is noise, not news). A change that is neither
  // significant nor large is weekly wobble: listing it under "Biggest movers" would overstate it.
  // Large is judged on the rounded change, as it is displayed (so +9.99999 from float noise counts as +10).
  const movers: DigestMover[] = input.journeys
    .flatMap((j) =>
      j.touchpoints.map((tp) => ({
        journeyKey: j.key,
        journeyName: j.name,
        touchpointKey: tp.key,
        touchpointName: tp.name,
        nps: compared(summarizeNps(week(tp, 0), input.minSample), summarizeNps(week(tp, 1), input.minSample)),
      })),
    )
    .filter(
      (m) =>
        !m.nps.current.tooSmall &&
        !m.nps.previous.tooSmall &&
        m.nps.change.delta !== null &&
        m.nps.change.direction !== 'flat' &&
        (m.nps.change.significant || Math.round(Math.abs(m.nps.change.delta)) >= LARGE_MOVE_POINTS),
    )
    .sort(
      (a, b) =>
        Number(b.nps.change.significant) - Number(a.nps.change.significant) || Math.abs(b.nps.change.delta ?? 0) - Math.abs(a.nps.change.delta ?? 0),
    )
    .slice(0, MAX_MOVERS);

  let largestDropOff: DigestDropOff | null = null;
  for (const j of input.journeys) {
    const steps = (key: 'current' | 'previous') => j.touchpoints.map((tp) => ({ touchpointId: tp.id, key: tp.key, name: tp.name, reached: tp.reached[key] }));
    const current = computeFunnel(steps('current'));
    const previous = computeFunnel(steps('previous'));
    const top = current.largestDropOff;
    if (!top) continue;
    const before = current.steps[top.index - 1];
    const step = current.steps[top.index];
    // A drop-off measured on a handful of customers is not the week's headline.
    if (!before || !step || (before.reached ?? 0) < input.minSample) continue;
    if (largestDropOff && largestDropOff.dropOff >= top.dropOff) continue;
    const prev = previous.steps[top.index]?.dropOffFromPrevious ?? null;
    largestDropOff = {
      journeyKey: j.key,
      journeyName: j.name,
      fromStep: before.name,
      toStep: step.name,
      dropOff: top.dropOff,
      previous: prev,
      changePoints: prev === null ? null : 100 * (top.dropOff - prev),
    };
  }

  const trend = input.weekStarts.map((weekStart, i) => ({ weekStart, nps: npsOf(all, i) })).reverse();

  return {
    overall: compared(npsOf(all, 0), npsOf(all, 1)),
    journeys,
    movers,
    largestDropOff,
    trend,
    comments: { total: input.comments.total, examples: input.comments.latest.slice(0, MAX_COMMENT_EXAMPLES) },
    actions: input.actions,
  };
}
