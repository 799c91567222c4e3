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

export type { DigestRun, DigestSubscription } from '../db/schema.js';
export type { SubscriptionInput } from '../db/queries/automation/subscriptions.js';

/** What a digest message needs: its numbers, and the ids its journey buttons open. */
export interface DigestData {
  content: DigestContent;
  journeyIds: Map<string, number>;
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
      const input = await loadDigestInput(db, { journeyKeys: target.journeyKeys, period, timezone: target.timezone });
      return { content: composeDigest(input), journeyIds: new Map(input.journeys.map((j) => [j.key, j.id])) };
    },
  };
}
