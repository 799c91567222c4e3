/**
 * The shapes in which one insight feature hands its finding to another's message: comment themes
 * (why), the segment behind a change (who) and the ranked problem (fix first). Each feature fills
 * its own; a view that shows another feature's finding takes it as an optional field, so a
 * message never waits for a feature that has nothing to say.
 */

/** A comment theme at one touchpoint over one period, with its cost in NPS points. */
export interface ThemeFinding {
  /** Short human label as shown ("箱が潰れて", "late delivery"). */
  label: string;
  language: 'ja' | 'en';
  mentions: number;
  /** NPS points the touchpoint would gain if the theme's mentioners scored like the rest (Thematic's impact). */
  impact: number;
  trend: 'new' | 'rising' | 'steady' | 'fading';
  /** True only when the counts allow the rise or the impact to be told from noise. */
  significant: boolean;
  /** Up to three raw quotes; views escape and trim them. */
  quotes: string[];
}

/** Where a significant change of a touchpoint's score (or a step's drop-off) is concentrated. */
export interface SegmentConcentration {
  attribute: string;
  value: string;
  /** Change within the segment, in the metric's points (NPS points, drop-off percentage points). */
  change: number;
  /** Answers (or customers) in the segment in the current period. */
  n: number;
  /** Change of everyone outside the segment, in the same unit. */
  othersChange: number;
  /** Share (0..1) of the total change the segment explains. */
  share: number;
}

/** What an NPS alert can say about its fall: the segment it is concentrated in and what detractors say since it began. */
export interface AlertInsight {
  segment: SegmentConcentration | null;
  themes: ThemeFinding[];
}
