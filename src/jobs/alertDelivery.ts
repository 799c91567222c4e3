import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { claimNotifications, finishNotification } from '../db/queries/automation/claims.js';
import { getIncidentView, setIncidentMessage } from '../db/queries/automation/incidents.js';
import { recordRuleError } from '../db/queries/automation/rules.js';
import { failureOutcome } from './notifier.js';
import type { JobContext } from './context.js';
import type { AlertInsight } from '../domain/insights.js';
import type { IncidentView } from '../domain/model.js';

export const NOTIFICATION_LEASE_MS = 10 * 60_000;
const BATCH = 20;
const MAX_BATCHES = 10;

export interface DeliverySummary {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Drains the alert outbox: claims due notifications (SKIP LOCKED, so replicas split the work) and
 * sends each. Only the claim holder can mark a row sent; an expired claim is retried by anyone.
 */
export async function deliverAlertNotifications(ctx: JobContext, now: Date): Promise<DeliverySummary> {
  const summary: DeliverySummary = { sent: 0, retrying: 0, failed: 0 };
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const claims = await claimNotifications(ctx.db, { owner: ctx.owner, now, leaseMs: NOTIFICATION_LEASE_MS, limit: BATCH });
    if (claims.length === 0) break;
    for (const c of claims) {
      const log = ctx.logger.child({ incidentId: c.incidentId, kind: c.kind, notificationId: c.id });
      const view = await getIncidentView(ctx.db, c.incidentId);
      if (!view) {
        await finishNotification(ctx.db, { id: c.id, owner: ctx.owner, now, outcome: 'failed', error: 'incident no longer exists' });
        continue;
      }
      try {
        const charted = c.kind === 'open' || c.kind === 'update';
        const trend = charted ? await ctx.services.alerts.trend(view, now) : [];
        const insight = charted ? await explainIncident(ctx, view, now) : null;
        const { ts } = await ctx.notifier.sendIncident({ incident: view, kind: c.kind, trend, insight, now });
        if (c.kind === 'open' && ts) await setIncidentMessage(ctx.db, view.id, view.channelId, ts);
        await finishNotification(ctx.db, { id: c.id, owner: ctx.owner, now, outcome: 'sent' });
        summary.sent++;
        ctx.metrics?.recordDelivery('alert', 'sent');
      } catch (err) {
        const e = failureOutcome(err, c.attempts, now.getTime() - c.createdAtMs, now);
        if (e.permanent) {
          await finishNotification(ctx.db, { id: c.id, owner: ctx.owner, now, outcome: 'failed', error: e.message });
          await recordRuleError(ctx.db, view.ruleId, e.message, now);
          // Without the first post there is nothing to edit or reply to: give up its follow-ups too.
          if (c.kind === 'open') await failFollowUps(ctx.db, view.id, e.message, now);
          log.warn('alert notification failed permanently; not retried', { error: e.message });
          summary.failed++;
          ctx.metrics?.recordDelivery('alert', 'failed');
          continue;
        }
        await finishNotification(ctx.db, { id: c.id, owner: ctx.owner, now, outcome: 'retry', error: e.message, retryAt: e.retryAt });
        summary.retrying++;
        ctx.metrics?.recordDelivery('alert', 'retry');
        if (e.stuck) {
          await recordRuleError(ctx.db, view.ruleId, `alert not delivered for ${e.waitedMinutes} min: ${e.message}`, now);
          log.warn('alert notification still failing', { error: e.message, attempts: c.attempts, waitedMinutes: e.waitedMinutes });
        } else {
          log.info('alert notification failed; will retry', { error: e.message, attempts: c.attempts });
        }
      }
    }
    if (claims.length < BATCH) break;
  }
  return summary;
}

/** The segment and themes behind the fall; an alert is sent without them rather than held up by them. */
async function explainIncident(ctx: JobContext, view: IncidentView, now: Date): Promise<AlertInsight | null> {
  try {
    return await ctx.services.alerts.insight(view, now);
  } catch (err) {
    ctx.logger.warn('alert insight failed; sending without it', { incidentId: view.id, error: err instanceof Error ? err.name : 'unknown' });
    return null;
  }
}

async function failFollowUps(db: Db, incidentId: number, error: string, now: Date): Promise<void> {
  await db.execute(
    sql`update alert_notifications set status = 'failed', last_error = ${`first post failed: ${error}`}, updated_at = ${now.toISOString()}::timestamptz
        where incident_id = ${incidentId} and status = 'pending'`,
  );
}
