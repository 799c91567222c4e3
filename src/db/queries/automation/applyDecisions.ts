import { sql } from 'drizzle-orm';
import type { Db } from '../../client.js';
import { queryRows } from '../../rows.js';
import type { NotificationKind } from '../../../domain/enums.js';

/**
 * Writes one evaluation's outcome in a handful of set-based statements (one per kind of change),
 * so the cost does not grow with a statement per touchpoint. Arrays travel as one JSON parameter.
 */

export interface OpenRow {
  rule_id: number;
  tp: number;
  channel: string;
  threshold: number;
  value: number;
  sample: number;
  previous: number | null;
  badness: number;
}
export interface UpdateRow {
  id: number;
  value: number;
  sample: number;
  previous: number | null;
  badness: number;
  worsened: boolean;
}
export interface ResolveRow {
  id: number;
  value: number | null;
  sample: number | null;
  previous: number | null;
}
export interface ReopenRow {
  id: number;
  value: number;
  sample: number;
  previous: number | null;
  badness: number;
}
export interface QueueRow {
  incident: number;
  kind: NotificationKind;
  seq: number;
}

export interface DecisionBatch {
  opens: OpenRow[];
  updates: UpdateRow[];
  resolves: ResolveRow[];
  reopens: ReopenRow[];
  /** Notifications for existing incidents (opens queue their own). */
  queue: QueueRow[];
}

export async function applyDecisions(db: Db, batch: DecisionBatch, now: Date): Promise<{ opened: number }> {
  const ts = now.toISOString();
  let opened = 0;
  const queue = [...batch.queue];
  if (batch.opens.length > 0) {
    const ids = await queryRows<{ id: number }>(
      db,
      sql`insert into alert_incidents (rule_id, touchpoint_id, status, threshold, opened_value, last_value, last_sample, last_previous,
            notified_badness, opened_at, last_evaluated_at, channel_id, created_at, updated_at)
          select rule_id, tp, 'open', threshold, value, value, sample, previous, badness,
            ${ts}::timestamptz, ${ts}::timestamptz, channel, ${ts}::timestamptz, ${ts}::timestamptz
          from jsonb_to_recordset(${JSON.stringify(batch.opens)}::jsonb)
            as x(rule_id int, tp int, channel text, threshold float8, value float8, sample int, previous float8, badness float8)
          on conflict (rule_id, touchpoint_id) where status <> 'resolved' do nothing
          returning id::int as id`,
    );
    opened = ids.length;
    for (const { id } of ids) queue.push({ incident: id, kind: 'open', seq: 0 });
  }
  if (batch.updates.length > 0) {
    await db.execute(
      sql`update alert_incidents i set last_value = x.value, last_sample = x.sample, last_previous = x.previous,
            last_evaluated_at = ${ts}::timestamptz, updated_at = ${ts}::timestamptz,
            notified_badness = case when x.worsened then x.badness else i.notified_badness end,
            worsen_count = i.worsen_count + case when x.worsened then 1 else 0 end,
            status = case when i.status = 'snoozed' and i.snoozed_until <= ${ts}::timestamptz
                          then (case when i.acknowledged_at is null then 'open' else 'acknowledged' end) else i.status end
          from jsonb_to_recordset(${JSON.stringify(batch.updates)}::jsonb)
            as x(id int, value float8, sample int, previous float8, badness float8, worsened boolean)
          where i.id = x.id and i.status <> 'resolved'`,
    );
  }
  if (batch.resolves.length > 0) {
    await db.execute(
      sql`update alert_incidents i set status = 'resolved', resolved_at = ${ts}::timestamptz, last_evaluated_at = ${ts}::timestamptz,
            updated_at = ${ts}::timestamptz, last_value = coalesce(x.value, i.last_value), last_sample = coalesce(x.sample, i.last_sample),
            last_previous = coalesce(x.previous, i.last_previous)
          from jsonb_to_recordset(${JSON.stringify(batch.resolves)}::jsonb) as x(id int, value float8, sample int, previous float8)
          where i.id = x.id and i.status <> 'resolved'`,
    );
  }
  if (batch.reopens.length > 0) {
    await db.execute(
      // opened_at moves to the re-opening: the evidence that it is back again counts from there.
      sql`update alert_incidents i set status = 'open', resolved_at = null, reopen_count = i.reopen_count + 1, opened_at = ${ts}::timestamptz,
            acknowledged_by = null, acknowledged_at = null, snoozed_by = null, snoozed_until = null,
            last_value = x.value, last_sample = x.sample, last_previous = x.previous,
            notified_badness = greatest(i.notified_badness, x.badness),
            last_evaluated_at = ${ts}::timestamptz, updated_at = ${ts}::timestamptz
          from jsonb_to_recordset(${JSON.stringify(batch.reopens)}::jsonb) as x(id int, value float8, sample int, previous float8, badness float8)
          where i.id = x.id and i.status = 'resolved'`,
    );
  }
  const updates = queue.filter((q) => q.kind === 'update');
  const others = queue.filter((q) => q.kind !== 'update');
  if (others.length > 0) {
    await db.execute(
      sql`insert into alert_notifications (incident_id, kind, seq, status, created_at, updated_at)
          select incident, kind, seq, 'pending', ${ts}::timestamptz, ${ts}::timestamptz
          from jsonb_to_recordset(${JSON.stringify(others)}::jsonb) as x(incident int, kind text, seq int)
          on conflict (incident_id, kind, seq) do nothing`,
    );
  }
  if (updates.length > 0) {
    // The single `update` row per incident is re-armed: the sender renders the latest state.
    await db.execute(
      sql`insert into alert_notifications (incident_id, kind, seq, status, created_at, updated_at)
          select distinct incident, kind, seq, 'pending', ${ts}::timestamptz, ${ts}::timestamptz
          from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as x(incident int, kind text, seq int)
          on conflict (incident_id, kind, seq) do update
            set status = 'pending', next_attempt_at = null, attempts = 0, last_error = null, updated_at = excluded.updated_at`,
    );
  }
  return { opened };
}
