import { sql } from 'drizzle-orm';
import type { Db } from '../../client.js';
import { queryRows } from '../../rows.js';
import type { IncidentStatus } from '../../../domain/enums.js';
import type { IncidentView } from '../../../domain/model.js';

export type { IncidentView } from '../../../domain/model.js';

/** Unresolved incidents, and the latest resolution per (rule, touchpoint) within the cooldown horizon. */
export interface IncidentStateRow {
  id: number;
  ruleId: number;
  touchpointId: number;
  status: IncidentStatus;
  snoozedUntilMs: number | null;
  resolvedAtMs: number | null;
  notifiedBadness: number;
  worsenCount: number;
  lastValue: number;
  /** nps_drop: the baseline NPS frozen at opening. */
  lastPrevious: number | null;
  /** When it opened, or last re-opened: recovery evidence counts from that local day. */
  openedAtMs: number;
  resolveNoted: boolean;
  /** Snoozed, and the snooze is over: the message should stop saying "snoozed". */
  snoozeExpired: boolean;
}

export async function loadIncidentStates(db: Db, sinceResolved: Date, now: Date): Promise<IncidentStateRow[]> {
  return queryRows<IncidentStateRow>(
    db,
    sql`select i.id::int as id, i.rule_id::int as "ruleId", i.touchpoint_id::int as "touchpointId", i.status,
          (extract(epoch from i.snoozed_until) * 1000)::float8 as "snoozedUntilMs",
          (extract(epoch from i.resolved_at) * 1000)::float8 as "resolvedAtMs",
          i.notified_badness::float8 as "notifiedBadness", i.worsen_count::int as "worsenCount", i.last_value::float8 as "lastValue",
          i.last_previous::float8 as "lastPrevious", (extract(epoch from i.opened_at) * 1000)::float8 as "openedAtMs",
          exists (select 1 from alert_notifications n where n.incident_id = i.id and n.kind = 'resolve') as "resolveNoted",
          (i.status = 'snoozed' and i.snoozed_until <= ${now.toISOString()}::timestamptz) as "snoozeExpired"
        from alert_incidents i
        where i.status <> 'resolved' or i.resolved_at >= ${sinceResolved.toISOString()}::timestamptz
        order by i.resolved_at desc nulls first`,
  );
}

interface ViewRow extends Omit<IncidentView, 'openedAt' | 'lastEvaluatedAt' | 'acknowledgedAt' | 'snoozedUntil' | 'resolvedAt'> {
  openedAtMs: number;
  lastEvaluatedAtMs: number;
  acknowledgedAtMs: number | null;
  snoozedUntilMs: number | null;
  resolvedAtMs: number | null;
}

const ms = (v: number | null) => (v === null ? null : new Date(v));

export async function getIncidentView(db: Db, incidentId: number): Promise<IncidentView | null> {
  const rows = await queryRows<ViewRow>(
    db,
    sql`select i.id::int as id, i.status, i.rule_id::int as "ruleId", r.kind, i.threshold::float8 as threshold,
          r.window_days::int as "windowDays", r.min_sample::int as "minSample", r.locale,
          coalesce(r.timezone, 'UTC') as timezone, i.channel_id as "channelId",
          i.message_ts as "messageTs", i.opened_value::float8 as "openedValue", i.last_value::float8 as "lastValue",
          i.last_sample::int as "lastSample", i.last_previous::float8 as "lastPrevious", i.worsen_count::int as "worsenCount",
          (extract(epoch from i.opened_at) * 1000)::float8 as "openedAtMs",
          (extract(epoch from i.last_evaluated_at) * 1000)::float8 as "lastEvaluatedAtMs",
          i.acknowledged_by as "acknowledgedBy", (extract(epoch from i.acknowledged_at) * 1000)::float8 as "acknowledgedAtMs",
          i.snoozed_by as "snoozedBy", (extract(epoch from i.snoozed_until) * 1000)::float8 as "snoozedUntilMs",
          (extract(epoch from i.resolved_at) * 1000)::float8 as "resolvedAtMs",
          t.id::int as "touchpointId", t.key as "touchpointKey", t.name as "touchpointName",
          (select p.name from touchpoints p where p.journey_id = t.journey_id and p.active and (p.position, p.id) < (t.position, t.id)
             order by p.position desc, p.id desc limit 1) as "previousStepName",
          j.id::int as "journeyId", j.key as "journeyKey", j.name as "journeyName"
        from alert_incidents i
        join alert_rules r on r.id = i.rule_id
        join touchpoints t on t.id = i.touchpoint_id
        join journeys j on j.id = t.journey_id
        where i.id = ${incidentId}`,
  );
  const r = rows[0];
  if (!r) return null;
  const { openedAtMs, lastEvaluatedAtMs, acknowledgedAtMs, snoozedUntilMs, resolvedAtMs, ...rest } = r;
  return {
    ...rest,
    openedAt: new Date(openedAtMs),
    lastEvaluatedAt: new Date(lastEvaluatedAtMs),
    acknowledgedAt: ms(acknowledgedAtMs),
    snoozedUntil: ms(snoozedUntilMs),
    resolvedAt: ms(resolvedAtMs),
  };
}

/** Stores where the first post landed; only the first writer wins (a retried post never overwrites). */
export async function setIncidentMessage(db: Db, incidentId: number, channelId: string, ts: string): Promise<void> {
  await db.execute(sql`update alert_incidents set message_ts = ${ts}, channel_id = ${channelId} where id = ${incidentId} and message_ts is null`);
}

export async function acknowledgeIncident(db: Db, incidentId: number, userId: string, now: Date): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update alert_incidents set status = case when status = 'snoozed' then status else 'acknowledged' end,
          acknowledged_by = ${userId}, acknowledged_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
        where id = ${incidentId} and status <> 'resolved' returning id::int as id`,
  );
  return rows.length > 0;
}

export async function snoozeIncident(db: Db, incidentId: number, userId: string, until: Date, now: Date): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update alert_incidents set status = 'snoozed', snoozed_by = ${userId}, snoozed_until = ${until.toISOString()}::timestamptz,
          updated_at = ${now.toISOString()}::timestamptz
        where id = ${incidentId} and status <> 'resolved' returning id::int as id`,
  );
  return rows.length > 0;
}
