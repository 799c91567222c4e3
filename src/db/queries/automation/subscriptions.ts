import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../client.js';
import { digestRuns, digestSubscriptions, type DigestRun, type DigestSubscription } from '../../schema.js';
import type { IsoWeekday } from '../../../domain/schedule.js';

export interface SubscriptionInput {
  teamId: string;
  channelId: string;
  weekday: IsoWeekday;
  hour: number;
  minute: number;
  timezone: string;
  journeyKeys: string[];
  locale: 'en' | 'ja';
  createdBy: string;
}

/**
 * One subscription per channel: subscribing again replaces the schedule. updated_at is the
 * moment the schedule took effect; fire times before it are not sent (no surprise catch-up).
 */
export async function upsertSubscription(db: Db, input: SubscriptionInput, now: Date): Promise<DigestSubscription> {
  const values = { ...input, lastError: null, lastErrorAt: null, updatedAt: now };
  const [row] = await db
    .insert(digestSubscriptions)
    .values({ ...values, createdAt: now })
    .onConflictDoUpdate({ target: digestSubscriptions.channelId, set: values })
    .returning();
  if (!row) throw new Error('upsertSubscription returned no row');
  return row;
}

export async function getSubscriptionForChannel(db: Db, channelId: string): Promise<DigestSubscription | null> {
  const [row] = await db.select().from(digestSubscriptions).where(eq(digestSubscriptions.channelId, channelId));
  return row ?? null;
}

export async function deleteSubscriptionForChannel(db: Db, channelId: string): Promise<boolean> {
  const rows = await db.delete(digestSubscriptions).where(eq(digestSubscriptions.channelId, channelId)).returning({ id: digestSubscriptions.id });
  return rows.length > 0;
}

/** Every subscription: the minute tick computes which are due (a few hundred rows at most). */
export async function listSubscriptions(db: Db): Promise<DigestSubscription[]> {
  return db.select().from(digestSubscriptions).orderBy(digestSubscriptions.id);
}

/** Periods already settled (sent, failed for good, missed) per subscription: the tick skips them without a write. */
export async function settledPeriods(db: Db, periodKeys: string[]): Promise<Set<string>> {
  if (periodKeys.length === 0) return new Set();
  const rows = await db
    .select({ subscriptionId: digestRuns.subscriptionId, periodKey: digestRuns.periodKey })
    .from(digestRuns)
    .where(and(inArray(digestRuns.periodKey, [...new Set(periodKeys)]), inArray(digestRuns.status, ['sent', 'failed', 'missed'])));
  return new Set(rows.map((r) => `${r.subscriptionId}:${r.periodKey}`));
}

export async function recordSubscriptionError(db: Db, id: number, error: string, now: Date): Promise<void> {
  await db.update(digestSubscriptions).set({ lastError: error, lastErrorAt: now }).where(eq(digestSubscriptions.id, id));
}

export async function clearSubscriptionError(db: Db, id: number): Promise<void> {
  await db
    .update(digestSubscriptions)
    .set({ lastError: null, lastErrorAt: null })
    .where(and(eq(digestSubscriptions.id, id)));
}

export async function recentRuns(db: Db, subscriptionId: number, limit = 3): Promise<DigestRun[]> {
  return db.select().from(digestRuns).where(eq(digestRuns.subscriptionId, subscriptionId)).orderBy(desc(digestRuns.periodKey)).limit(limit);
}
