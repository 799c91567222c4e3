import type { Db } from '../db/client.js';
import { loadDigestInput } from '../db/queries/automation/digestData.js';
import {
  deleteSubscriptionForChannel,
  getSubscriptionForChannel,
  recentRuns,
  upsertSubscription,
  type SubscriptionInput,
} from '../db/queries/automation/subscriptions.js';
import type { DigestRun, DigestSubscription } from '../db/schema.js';
import { composeDigest, type DigestContent } from '../domain/digestContent.js';
import type { DigestPeriod } from '../domain/schedule.js';
import type { FixFirstProblem } from '../domain/fixFirst.js';
import { createFixFirstService } from './fixFirst.js';
import { createThemesService, type PlacedThemeFinding } from './themes.js';
import { weekWindow } from './fixFirstWindows.js';
import { getTargetsInPeriod } from '../db/queries/targets.js';
import type { TargetProgress } from '../domain/targets.js';

export type { DigestRun, DigestSubscription } from '../db/schema.js';
export type { SubscriptionInput } from '../db/queries/automation/subscriptions.js';

/** What a digest message needs: its numbers, and the ids its journey buttons open. */
export interface DigestData {
  content: DigestContent;
  journeyIds: Map<string, number>;
  /** The week's problems of the digest's journeys, largest first (the digest leads with the top one). */
  problems?: FixFirstProblem[];
  /** The digest's journeys' targets with their progress over the week. */
  targets?: TargetProgress[];
  /** Complaint themes new or significantly rising this week at the digest's journeys, most mentioned first. */
  risingThemes?: PlacedThemeFinding[];
}

const RISING_THEMES_SHOWN = 3;
/** A theme "new this week" needs a few mentions, or every one-off phrase would be news. */
const MIN_NEW_THEME_MENTIONS = 5;

function isRising(f: PlacedThemeFinding): boolean {
  return f.impact > 0 && (f.trend === 'rising' ? f.significant : f.trend === 'new' && f.mentions >= MIN_NEW_THEME_MENTIONS);
}

export interface DigestsService {
  /** One subscription per channel: subscribing again replaces the schedule from `now` on. */
  subscribe(input: SubscriptionInput, now: Date): Promise<DigestSubscription>;
  unsubscribe(channelId: string): Promise<boolean>;
  /** The channel's subscription and its latest run, or null when it has none. */
  status(channelId: string): Promise<{ subscription: DigestSubscription; lastRun: DigestRun | null } | null>;
  /** The digest of `period` for these journeys (all when empty), in local days of `timezone`. */
  content(target: { journeyKeys: string[]; timezone: string }, period: DigestPeriod): Promise<DigestData>;
}

export function createDigestsService(db: Db): DigestsService {
  const fixFirst = createFixFirstService(db);
  const themes = createThemesService(db);
  return {
    subscribe: (input, now) => upsertSubscription(db, input, now),
    unsubscribe: (channelId) => deleteSubscriptionForChannel(db, channelId),
    status: async (channelId) => {
      const subscription = await getSubscriptionForChannel(db, channelId);
      if (!subscription) return null;
      const [lastRun] = await recentRuns(db, subscription.id, 1);
      return { subscription, lastRun: lastRun ?? null };
    },
    content: async (target, period) => {
      const window = weekWindow(period, target.timezone);
      const [input, ranking, targets] = await Promise.all([
        loadDigestInput(db, { journeyKeys: target.journeyKeys, period, timezone: target.timezone }),
        fixFirst.all(window),
        getTargetsInPeriod(db, {}, window),
      ]);
      const keys = new Set(input.journeys.map((j) => j.key));
      const problems = ranking.ranked.filter((p) => keys.has(p.journey.key));
      const targetsShown = targets.progress.filter((p) => keys.has(p.target.journey.key));
      const themeLists = await Promise.all(input.journeys.map((j) => themes.topAcross(j.id, window, 10)));
      const risingThemes = themeLists
        .flat()
        .filter(isRising)
        .sort((a, b) => b.mentions - a.mentions)
        .slice(0, RISING_THEMES_SHOWN);
      return {
        content: composeDigest(input),
        journeyIds: new Map(input.journeys.map((j) => [j.key, j.id])),
        problems,
        targets: targetsShown,
        risingThemes,
      };
    },
  };
}
