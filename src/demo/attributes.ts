import type { Metric } from '../domain/types.js';
import { prng } from './generate.js';

/**
 * Customer attributes for the demo's answers: region (関東, 関西, …), plan and device. Drawn from
 * a PRNG of the answer's own id, so adding them changes no score, id or comment of the demo.
 *
 * The story: the fall of オンライン購入 › 配送 is concentrated in 関西 (a regional courier
 * failing). Over the last 14 days a delivery answer is assigned to 関西 with the probability
 * Bayes gives for its score, so that 関西 draws from a poor mix and takes a growing share of the
 * answers (more complaints come from there), while the other regions stay about where they were:
 *   days 7–13: 関西 22% of answers, mix 15% promoters / 65% detractors (NPS −50); others ≈ +27
 *   days 0–6:  関西 46.5% of answers, mix 2% / 96% (NPS −94);                      others ≈ +26
 * Before that, and at every other touchpoint, 関西 is 22% of answers whatever the score.
 */

const REGIONS: ReadonlyArray<readonly [string, number]> = [
  ['関東', 0.38],
  ['関西', 0.22],
  ['中部', 0.15],
  ['九州', 0.12],
  ['北海道', 0.07],
  ['東北', 0.06],
];
const PLANS: ReadonlyArray<readonly [string, number]> = [
  ['free', 0.5],
  ['standard', 0.35],
  ['premium', 0.15],
];
const DEVICES: ReadonlyArray<readonly [string, number]> = [
  ['mobile', 0.6],
  ['desktop', 0.33],
  ['tablet', 0.07],
];

export const STORY_REGION = '関西';
const STORY_TOUCHPOINT = 'online-purchase/delivery';

type Category = 'promoter' | 'passive' | 'detractor';
interface Mix {
  promoter: number;
  passive: number;
  detractor: number;
}
/** What the generator draws delivery NPS from (data.ts), and the share and mix 関西 takes of it. */
const STORY: ReadonlyArray<{ fromDay: number; toDay: number; all: Mix; share: number; region: Mix }> = [
  { fromDay: 7, toDay: 14, all: { promoter: 0.4, passive: 0.3, detractor: 0.3 }, share: 0.22, region: { promoter: 0.15, passive: 0.2, detractor: 0.65 } },
  { fromDay: 0, toDay: 7, all: { promoter: 0.25, passive: 0.2, detractor: 0.55 }, share: 0.465, region: { promoter: 0.02, passive: 0.02, detractor: 0.96 } },
];

const DAY_MS = 86_400_000;

function pick(rand: () => number, table: ReadonlyArray<readonly [string, number]>): string {
  let r = rand();
  for (const [value, weight] of table) {
    if (r < weight) return value;
    r -= weight;
  }
  return table[table.length - 1]![0];
}

function categoryOf(score: number): Category {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

export interface DemoAnswerRef {
  id: string;
  journey: string;
  touchpoint: string;
  metric: Metric;
  score: number;
  respondedAt: string;
}

/** The attributes of one demo answer, generated on `now`'s UTC day (as generateDemo is). */
export function demoAttributes(answer: DemoAnswerRef, now: Date): Record<string, string> {
  const rand = prng(`attributes/${answer.id}`);
  const today = Math.floor(now.getTime() / DAY_MS);
  const daysAgo = today - Math.floor(Date.parse(answer.respondedAt) / DAY_MS);
  const story =
    `${answer.journey}/${answer.touchpoint}` === STORY_TOUCHPOINT && answer.metric === 'nps'
      ? STORY.find((s) => daysAgo >= s.fromDay && daysAgo < s.toDay)
      : undefined;
  let region: string;
  if (story) {
    const c = categoryOf(answer.score);
    // P(関西 | category) = share · P(category | 関西) / P(category).
    const inRegion = Math.min(1, (story.share * story.region[c]) / story.all[c]);
    region = rand() < inRegion ? STORY_REGION : pick(rand, REGIONS.filter(([r]) => r !== STORY_REGION).map(([r, w]) => [r, w / (1 - 0.22)] as const));
  } else {
    region = pick(rand, REGIONS);
  }
  return { region, plan: pick(rand, PLANS), device: pick(rand, DEVICES) };
}
