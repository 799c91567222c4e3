import { digestPeriodFor, previousFireTime, type IsoWeekday } from '../domain/schedule.js';
import { claimDigestRun, finishDigestRun, recordMissedDigest } from '../db/queries/automation/claims.js';
import { clearSubscriptionError, listSubscriptions, recordSubscriptionError, settledPeriods } from '../db/queries/automation/subscriptions.js';
import type { JobContext } from './context.js';
import { failureOutcome } from './notifier.js';

export type { JobContext } from './context.js';

/** A digest not sent within this long after its time is recorded as missed (a stale digest helps nobody). */
export const DIGEST_CATCH_UP_MS = 24 * 60 * 60_000;
/** Longer than the background Slack client's whole retry budget, so a live sender never loses its claim. */
export const DIGEST_LEASE_MS = 10 * 60_000;


export interface DigestTickSummary {
  sent: number;
  retrying: number;
  failed: number;
  missed: number;
}

/**
 * Sends every digest whose weekly time has come. Reads the subscriptions each tick, so a new,
 * changed or removed subscription takes effect on the next minute without a restart. Whichever
 * replica claims (subscription, period) first sends it; the others get no row back and move on.
 */
export async function runDueDigests(ctx: JobContext, now: Date): Promise<DigestTickSummary> {
  const summary: DigestTickSummary = { sent: 0, retrying: 0, failed: 0, missed: 0 };
  const due = (await listSubscriptions(ctx.db)).flatMap((sub) => {
    const schedule = { weekday: sub.weekday as IsoWeekday, hour: sub.hour, minute: sub.minute, timezone: sub.timezone };
    const fire = previousFireTime(schedule, now);
    // Subscribed (or rescheduled) after this week's time: the first digest is next week's.
    if (fire.getTime() < sub.updatedAt.getTime()) return [];
    return [{ sub, fire, period: digestPeriodFor(fire, sub.timezone) }];
  });
  // One read instead of a write attempt per subscription per minute for the rest of the week.
  const settled = await settledPeriods(ctx.db, due.map((d) => d.period.key));
  for (const { sub, fire, period } of due) {
    if (settled.has(`${sub.id}:${period.key}`)) continue;
    const late = now.getTime() - fire.getTime();
    const log = ctx.logger.child({ subscriptionId: sub.id, channelId: sub.channelId, periodKey: period.key });

    if (late > DIGEST_CATCH_UP_MS) {
      // Every replica was down (or Slack failed) for a day: a stale digest helps nobody. Record it once, visibly.
      const reason = `not sent within ${DIGEST_CATCH_UP_MS / 3_600_000} h of its time`;
      const recorded = await recordMissedDigest(ctx.db, { subscriptionId: sub.id, periodKey: period.key, scheduledFor: fire, now, reason });
      const stale = recorded ? null : await claimDigestRun(ctx.db, { subscriptionId: sub.id, periodKey: period.key, scheduledFor: fire, owner: ctx.owner, now, leaseMs: DIGEST_LEASE_MS });
      if (stale) await finishDigestRun(ctx.db, { runId: stale.runId, owner: ctx.owner, now, outcome: 'failed', error: reason });
      if (recorded || stale) {
        await recordSubscriptionError(ctx.db, sub.id, `digest for the week of ${period.key} was ${reason}`, now);
        log.warn('weekly digest missed', { reason });
        summary.missed++;
        ctx.metrics?.recordDelivery('digest', 'missed');
      }
      continue;
    }
    const claim = await claimDigestRun(ctx.db, {
      subscriptionId: sub.id,
      periodKey: period.key,
      scheduledFor: fire,
      owner: ctx.owner,
      now,
      leaseMs: DIGEST_LEASE_MS,
    });
    if (!claim) continue;
    try {
      const data = await ctx.services.digests.content({ journeyKeys: sub.journeyKeys, timezone: sub.timezone }, period);
      const { ts } = await ctx.notifier.postDigest({ target: sub, period, data });
      await finishDigestRun(ctx.db, { runId: claim.runId, owner: ctx.owner, now, outcome: 'sent', messageTs: ts });
      if (sub.lastError) await clearSubscriptionError(ctx.db, sub.id);
      log.info('weekly digest sent', { attempts: claim.attempts });
      summary.sent++;
      ctx.metrics?.recordDelivery('digest', 'sent');
    } catch (err) {
      const e = failureOutcome(err, claim.attempts, late, now);
      if (e.permanent) {
        await finishDigestRun(ctx.db, { runId: claim.runId, owner: ctx.owner, now, outcome: 'failed', error: e.message });
        await recordSubscriptionError(ctx.db, sub.id, e.message, now);
        log.warn('weekly digest failed permanently; not retried this week', { error: e.message });
        summary.failed++;
        ctx.metrics?.recordDelivery('digest', 'failed');
        continue;
      }
      await finishDigestRun(ctx.db, { runId: claim.runId, owner: ctx.owner, now, outcome: 'retry', error: e.message, retryAt: e.retryAt });
      summary.retrying++;
      ctx.metrics?.recordDelivery('digest', 'retry');
      if (e.stuck) {
        await recordSubscriptionError(ctx.db, sub.id, `still not sent after ${e.waitedMinutes} min: ${e.message}`, now);
        log.warn('weekly digest still failing', { error: e.message, attempts: claim.attempts, lateMinutes: e.waitedMinutes });
      } else {
        log.info('weekly digest send failed; will retry', { error: e.message, attempts: claim.attempts, retryAt: e.retryAt.toISOString() });
      }
    }
  }
  return summary;
}
