import type { JourneyRef, TouchpointRef } from './model.js';
import type { CesSummary, Compared, CsatSummary, NpsSummary, PeriodWindow } from './types.js';

/** The three scores of one group of answers, current vs previous period. */
export interface GroupScores {
  nps: Compared<NpsSummary>;
  csat: Compared<CsatSummary>;
  ces: Compared<CesSummary>;
}

/** One value of an attribute (region=関西) and its scores. */
export interface SegmentScores extends GroupScores {
  value: string;
}

/** `/journey <journey> by <attribute>` or `/journey touchpoint <j>/<t> by <attribute>`. */
export interface Breakdown {
  scope: { kind: 'journey'; journey: JourneyRef } | { kind: 'touchpoint'; touchpoint: TouchpointRef };
  attribute: string;
  window: PeriodWindow;
  /** Everyone, with or without the attribute. */
  overall: GroupScores;
  /** Largest current sample first. Small segments are kept (and marked by the view), never dropped. */
  segments: SegmentScores[];
  /** Current-period answers (any metric) that carry no value for the attribute. */
  withoutAttribute: number;
}

/** `/journey <journey> by channel`: touchpoints grouped by their channel (online, offline, …). */
export interface ChannelGroup extends GroupScores {
  /** The touchpoints' channel as defined; null for touchpoints without one. */
  channel: string | null;
  touchpoints: TouchpointRef[];
}

export interface ChannelBreakdown {
  journey: JourneyRef;
  window: PeriodWindow;
  overall: GroupScores;
  groups: ChannelGroup[];
}
