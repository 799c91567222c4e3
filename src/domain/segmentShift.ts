import { compareScores } from './compare.js';
import type { SegmentConcentration } from './insights.js';
import type { ScoreSummary } from './types.js';

/**
 * Where a change of a score is concentrated: the change of everyone's score between two periods
 * split, segment by segment of one attribute, into "this segment got worse (or better)" and
 * "the mix of customers shifted". Pure arithmetic on per-segment summaries, so it works for NPS,
 * CSAT or CES (a score is the mean of a per-answer value) and for drop-off shares.
 *
 * With segment shares w (answers in the segment / all answers) and scores x in the previous (0)
 * and current (1) period, everyone's score is X = Σ w·x and its change is
 *   ΔX = Σ [ w̄·(x1 − x0) ]  +  Σ [ (x̄ − X̄)·(w1 − w0) ]
 *        within-segment           mix
 * with w̄, x̄, X̄ the averages of the two periods. The identity is exact (Σ (w1 − w0) = 0), and
 * a segment whose share grows only pulls the total down when it scores below average.
 * Answers without the attribute must be passed as a segment of their own so the shares add up.
 */

export interface SegmentInput {
  value: string;
  previous: ScoreSummary;
  current: ScoreSummary;
}

export interface SegmentPart {
  value: string;
  /** The segment's own change (x1 − x0); null when it has answers in only one period. */
  change: number | null;
  /** w̄·(x1 − x0): the total's change due to this segment's own scores. */
  within: number;
  /** (x̄ − X̄)·(w1 − w0): the total's change due to this segment's share moving. */
  mix: number;
  currentN: number;
  previousN: number;
  /** True when the segment's own change is significant at 95% with enough answers on both sides. */
  significant: boolean;
}

export interface Decomposition {
  /** X1 − X0; null when either period has no answers. */
  total: number | null;
  within: number;
  mix: number;
  parts: SegmentPart[];
}

export function decomposeChange(segments: readonly SegmentInput[]): Decomposition {
  const n0 = segments.reduce((a, s) => a + (s.previous.score === null ? 0 : s.previous.n), 0);
  const n1 = segments.reduce((a, s) => a + (s.current.score === null ? 0 : s.current.n), 0);
  if (n0 === 0 || n1 === 0) {
    return { total: null, within: 0, mix: 0, parts: segments.map((s) => emptyPart(s)) };
  }
  const share0 = (s: SegmentInput) => (s.previous.score === null ? 0 : s.previous.n / n0);
  const share1 = (s: SegmentInput) => (s.current.score === null ? 0 : s.current.n / n1);
  const x0 = segments.reduce((a, s) => a + share0(s) * (s.previous.score ?? 0), 0);
  const x1 = segments.reduce((a, s) => a + share1(s) * (s.current.score ?? 0), 0);
  const xBar = (x0 + x1) / 2;
  const parts = segments.map((s): SegmentPart => {
    const w0 = share0(s);
    const w1 = share1(s);
    const prev = s.previous.score;
    const cur = s.current.score;
    // A segment present in one period only has no change of its own: all of it is mix.
    const within = prev !== null && cur !== null ? ((w0 + w1) / 2) * (cur - prev) : 0;
    const level = prev !== null && cur !== null ? (prev + cur) / 2 : (cur ?? prev ?? xBar);
    return {
      value: s.value,
      change: prev !== null && cur !== null ? cur - prev : null,
      within,
      mix: (level - xBar) * (w1 - w0),
      currentN: s.current.n,
      previousN: s.previous.n,
      significant: compareScores(s.current, s.previous).significant,
    };
  });
  return {
    total: x1 - x0,
    within: parts.reduce((a, p) => a + p.within, 0),
    mix: parts.reduce((a, p) => a + p.mix, 0),
    parts,
  };
}

function emptyPart(s: SegmentInput): SegmentPart {
  const change = s.previous.score !== null && s.current.score !== null ? s.current.score - s.previous.score : null;
  return { value: s.value, change, within: 0, mix: 0, currentN: s.current.n, previousN: s.previous.n, significant: false };
}

/** A segment explains "most" of a change from this share of it. */
export const MIN_CONCENTRATION_SHARE = 0.5;

/**
 * The one segment of one attribute that explains most of the total's change, or null when none
 * does: its own change must be significant and point the same way as the total's, and its part
 * (within + mix) must be at least half of the total's change. `others` gives the change of
 * everyone outside a segment (the caller has the counts to pool them exactly).
 */
export function concentrationOf(
  attribute: string,
  segments: readonly SegmentInput[],
  others: (value: string) => number | null,
): SegmentConcentration | null {
  const d = decomposeChange(segments);
  if (d.total === null || d.total === 0) return null;
  const total = d.total;
  let best: { part: SegmentPart; share: number } | null = null;
  for (const part of d.parts) {
    if (!part.significant || part.change === null || Math.sign(part.change) !== Math.sign(total)) continue;
    const share = (part.within + part.mix) / total;
    if (share >= MIN_CONCENTRATION_SHARE && (!best || share > best.share)) best = { part, share };
  }
  if (!best || best.part.change === null) return null;
  return {
    attribute,
    value: best.part.value,
    change: best.part.change,
    n: best.part.currentN,
    othersChange: others(best.part.value) ?? 0,
    share: best.share,
  };
}

/** Of several attributes' concentrations, the one that explains the largest share. */
export function strongestConcentration(candidates: ReadonlyArray<SegmentConcentration | null>): SegmentConcentration | null {
  let best: SegmentConcentration | null = null;
  for (const c of candidates) if (c && (!best || c.share > best.share)) best = c;
  return best;
}
