import type { Metric } from '../domain/types.js';
import { fnv1a, mulberry32 } from '../domain/random.js';
import {
  COMMENTS,
  DEMO_DAYS,
  DEMO_JOURNEYS,
  TOUCHPOINT_COMPLAINTS,
  type DemoJourney,
  type DemoSurvey,
  type DemoTouchpoint,
  type NpsMix,
  type RecentShift,
  type Sentiment,
} from './data.js';
import { demoComplaint } from './themes.js';

/**
 * Generates the demo dataset for the ~6 months up to `now`. Pure and deterministic: every
 * (touchpoint, metric, day) draws from its own PRNG seeded by its name, so a day's answers
 * and their ids are the same whenever the generator runs; running it on a later day only
 * adds the days since. (Scores of the last 14 days depend on `now`, but answers already
 * stored keep their ids, so they are never counted twice.)
 */

export interface DemoResponse {
  id: string;
  journey: string;
  touchpoint: string;
  metric: Metric;
  score: number;
  comment?: string;
  customer: string;
  respondedAt: string;
}

export interface DemoStepMetric {
  journey: string;
  touchpoint: string;
  day: string;
  reached: number;
}

export interface DemoDataset {
  journeys: DemoJourney[];
  responses: DemoResponse[];
  stepMetrics: DemoStepMetric[];
}

const DAY_MS = 86_400_000;

export function generateDemo(now: Date, days = DEMO_DAYS): DemoDataset {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const responses: DemoResponse[] = [];
  const stepMetrics: DemoStepMetric[] = [];
  for (let daysAgo = days - 1; daysAgo >= 0; daysAgo--) {
    const dayStart = today - daysAgo * DAY_MS;
    const day = new Date(dayStart).toISOString().slice(0, 10);
    const weekday = new Date(dayStart).getUTCDay();
    const weekendFactor = weekday === 0 || weekday === 6 ? 0.7 : 1;
    // Today is still going on: only the part of it that has passed.
    const dayFraction = daysAgo === 0 ? (now.getTime() - dayStart) / DAY_MS : 1;
    for (const journey of DEMO_JOURNEYS) {
      for (const tp of journey.touchpoints) {
        for (const survey of tp.surveys) {
          const rand = prng(`${journey.key}/${tp.key}/${survey.metric}/${day}`);
          const count = Math.round(survey.perDay * weekendFactor * (0.8 + 0.4 * rand()));
          for (let i = 0; i < count; i++) {
            const at = dayStart + Math.floor(rand() * DAY_MS);
            const score = drawScore(survey, daysAgo, rand);
            const comment = drawComment(journey.key, tp, survey.metric, score, daysAgo, rand);
            const customer = `cust-${1000 + Math.floor(rand() * 9000)}`;
            if (at > now.getTime()) continue;
            responses.push({
              id: `${journey.key}:${tp.key}:${survey.metric}:${day}:${i}`,
              journey: journey.key,
              touchpoint: tp.key,
              metric: survey.metric,
              score,
              ...(comment ? { comment } : {}),
              customer,
              respondedAt: new Date(at).toISOString(),
            });
          }
        }
      }
      const rand = prng(`${journey.key}/funnel/${day}`);
      let reached = 0;
      for (const tp of journey.touchpoints) {
        if (tp.entries !== undefined) reached = tp.entries * weekendFactor * (0.9 + 0.2 * rand());
        else reached = reached * shifted(tp.conversion ?? 1, tp.conversionShift, daysAgo) * (0.97 + 0.06 * rand());
        stepMetrics.push({ journey: journey.key, touchpoint: tp.key, day, reached: Math.round(reached * dayFraction) });
      }
    }
  }
  return { journeys: DEMO_JOURNEYS, responses, stepMetrics };
}

function shifted<T>(base: T, shift: RecentShift<T> | undefined, daysAgo: number): T {
  if (!shift || daysAgo >= 14) return base;
  return daysAgo >= 7 ? shift.before : shift.recent;
}

const DETRACTOR_SCORES = [0, 1, 2, 3, 3, 4, 4, 5, 5, 5, 6, 6, 6, 6];

function drawScore(survey: DemoSurvey, daysAgo: number, rand: () => number): number {
  if (survey.metric === 'nps') {
    const mix: NpsMix = shifted(survey.mix ?? { promoters: 0.5, detractors: 0.2 }, survey.shift, daysAgo);
    const r = rand();
    if (r < mix.detractors) return DETRACTOR_SCORES[Math.floor(rand() * DETRACTOR_SCORES.length)] ?? 6;
    if (r < 1 - mix.promoters) return rand() < 0.45 ? 7 : 8;
    return rand() < 0.45 ? 10 : 9;
  }
  const max = survey.metric === 'csat' ? 5 : 7;
  const spread = survey.metric === 'csat' ? 0.9 : 1.2;
  return Math.min(max, Math.max(1, Math.round((survey.mean ?? max / 2) + gaussian(rand) * spread)));
}

function sentimentOf(metric: Metric, score: number): Sentiment {
  if (metric === 'nps') return score <= 6 ? 'negative' : score <= 8 ? 'neutral' : 'positive';
  if (metric === 'csat') return score <= 2 ? 'negative' : score === 3 ? 'neutral' : 'positive';
  return score <= 3 ? 'negative' : score === 4 ? 'neutral' : 'positive';
}

const COMMENT_RATE: Record<Sentiment, number> = { negative: 0.45, neutral: 0.15, positive: 0.3 };

function drawComment(journey: string, tp: DemoTouchpoint, metric: Metric, score: number, daysAgo: number, rand: () => number): string | undefined {
  const sentiment = sentimentOf(metric, score);
  if (rand() >= COMMENT_RATE[sentiment]) return undefined;
  const lang = rand() < 0.7 ? 'ja' : 'en';
  const specific = TOUCHPOINT_COMPLAINTS[`${journey}/${tp.key}`];
  // Recent complaints name the concrete problem, so the fallen score explains itself.
  const useSpecific = sentiment === 'negative' && specific !== undefined && rand() < (daysAgo < 14 ? 0.8 : 0.3);
  const bank = useSpecific ? specific[lang] : COMMENTS[sentiment][lang];
  const r = rand();
  return (useSpecific ? demoComplaint(`${journey}/${tp.key}`, lang, daysAgo, r) : null) ?? bank[Math.floor(r * bank.length)];
}

/** mulberry32 seeded by an FNV-1a hash of a name: small, fast and stable across Node versions. */
export function prng(name: string): () => number {
  return mulberry32(fnv1a(name));
}

function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
