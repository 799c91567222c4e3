import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { queryRows } from '../rows.js';
import type { ActionStatus } from '../../domain/enums.js';
import type { ActionFilter, ActionRow, ActionWithImpact, LogActionInput, SetStatusResult } from '../../domain/model.js';
import { npsScore, type NpsCounts } from '../../domain/scores.js';

/**
 * Improvement actions: what a team decided to do about a touchpoint, and whether it helped.
 * Each action stores the touchpoint's NPS over the 30 days before it was logged (the baseline);
 * the "NPS since" is computed on read from the responses after it was logged.
 *
 * NPS counts come from the response_daily rollup for whole UTC days plus raw responses for the
 * partial day at the start of a window, so they stay cheap on a busy touchpoint.
 */

export const BASELINE_DAYS = 30;

/**
 * NPS counts for one touchpoint in [from, to): raw answers for the partial UTC days at both
 * edges, the daily rollup for the whole days between.
 */
export async function npsCountsBetween(db: Db, touchpointId: number, from: Date, to: Date): Promise<NpsCounts> {
  const [row] = await queryRows<NpsCounts>(db, npsCountsSql(sql`${touchpointId}::int`, sql`${from.toISOString()}::timestamptz`, sql`${to.toISOString()}::timestamptz`));
  return row ?? { n: 0, promoters: 0, detractors: 0 };
}

/** A scalar subquery-friendly SELECT of n/promoters/detractors for (touchpoint, from, to). */
function npsCountsSql(tp: SQL, from: SQL, to: SQL): SQL {
  return sql`
    with b as (
      select ${from} as f, ${to} as t,
             (date_trunc('day', ${from} at time zone 'UTC') + interval '1 day')::date as d1,
             (date_trunc('day', ${to} at time zone 'UTC'))::date as d2
    ),
    whole as (
      select coalesce(sum(c0+c1+c2+c3+c4+c5+c6+c7+c8+c9+c10), 0)::int as n,
             coalesce(sum(c9+c10), 0)::int as promoters,
             coalesce(sum(c0+c1+c2+c3+c4+c5+c6), 0)::int as detractors
      from response_daily rd, b
      where rd.touchpoint_id = ${tp} and rd.metric = 'nps' and rd.day >= b.d1 and rd.day < b.d2
    ),
    edges as (
      select count(*)::int as n,
             count(*) filter (where r.score >= 9)::int as promoters,
             count(*) filter (where r.score <= 6)::int as detractors
      from responses r, b
      where r.touchpoint_id = ${tp} and r.metric = 'nps' and r.responded_at >= b.f and r.responded_at < b.t
        and (b.d1 >= b.d2
             or r.responded_at < (b.d1::timestamp at time zone 'UTC')
             or r.responded_at >= (b.d2::timestamp at time zone 'UTC'))
    )
    select (whole.n + edges.n)::int as n, (whole.promoters + edges.promoters)::int as promoters,
           (whole.detractors + edges.detractors)::int as detractors
    from whole, edges`;
}

export async function logAction(db: Db, input: LogActionInput): Promise<ActionRow> {
  const from = new Date(input.now.getTime() - BASELINE_DAYS * 86_400_000);
  const baseline = await npsCountsBetween(db, input.touchpointId, from, input.now);
  const score = npsScore(baseline);
  const requestKey = input.requestKey ?? null;
  // A request seen before (same key) inserts nothing; the action it stored is returned below.
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into improvement_actions
          (touchpoint_id, description, owner_user_id, due_date, status, created_by_user_id, team_id,
           baseline_nps, baseline_responses, incident_id, request_key, created_at, updated_at)
        values (${input.touchpointId}, ${input.description.trim()}, ${input.ownerUserId ?? null}, ${input.dueDate ?? null}::date,
                'open', ${input.createdByUserId}, ${input.teamId ?? null}, ${score}, ${baseline.n}, ${input.incidentId ?? null},
                ${requestKey}, ${input.now.toISOString()}::timestamptz, ${input.now.toISOString()}::timestamptz)
        on conflict (request_key) do nothing
        returning id::int as id`,
  );
  const id = row?.id ?? (requestKey === null ? undefined : await actionIdForRequest(db, requestKey));
  if (id === undefined) throw new Error('logAction: insert returned no row');
  const stored = await getAction(db, id);
  if (!stored) throw new Error(`logAction: action ${id} vanished after insert`);
  return stored;
}

async function actionIdForRequest(db: Db, requestKey: string): Promise<number | undefined> {
  const [row] = await queryRows<{ id: number }>(db, sql`select id::int as id from improvement_actions where request_key = ${requestKey}`);
  return row?.id;
}

interface RawActionRow {
  id: number;
  touchpoint_id: number;
  tp_key: string;
  tp_name: string;
  tp_channel: string | null;
  tp_position: number;
  journey_id: number;
  journey_key: string;
  journey_name: string;
  description: string;
  owner_user_id: string | null;
  due_date: string | null;
  status: ActionStatus;
  created_by_user_id: string;
  team_id: string | null;
  incident_id: number | null;
  baseline_nps: number | null;
  baseline_responses: number | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

const ACTION_COLUMNS = sql`
  a.id::int as id, a.touchpoint_id::int as touchpoint_id, t.key as tp_key, t.name as tp_name, t.channel as tp_channel,
  t.position::int as tp_position, j.id::int as journey_id, j.key as journey_key, j.name as journey_name,
  a.description, a.owner_user_id, a.due_date::text as due_date, a.status, a.created_by_user_id, a.team_id,
  a.incident_id::int as incident_id, a.baseline_nps::float8 as baseline_nps, a.baseline_responses::int as baseline_responses,
  to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
  to_char(a.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as updated_at,
  to_char(a.completed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as completed_at`;

function toActionRow(r: RawActionRow): ActionRow {
  return {
    id: r.id,
    touchpoint: {
      id: r.touchpoint_id,
      key: r.tp_key,
      name: r.tp_name,
      channel: r.tp_channel,
      position: r.tp_position,
      journeyId: r.journey_id,
      journeyKey: r.journey_key,
      journeyName: r.journey_name,
    },
    description: r.description,
    ownerUserId: r.owner_user_id,
    dueDate: r.due_date,
    status: r.status,
    createdByUserId: r.created_by_user_id,
    teamId: r.team_id,
    incidentId: r.incident_id,
    baseline: { score: r.baseline_nps, responses: r.baseline_responses ?? 0 },
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    completedAt: r.completed_at ? new Date(r.completed_at) : null,
  };
}

export async function getAction(db: Db, id: number): Promise<ActionRow | null> {
  const rows = await queryRows<RawActionRow>(
    db,
    sql`select ${ACTION_COLUMNS}
        from improvement_actions a join touchpoints t on t.id = a.touchpoint_id join journeys j on j.id = t.journey_id
        where a.id = ${id}`,
  );
  const first = rows[0];
  return first ? toActionRow(first) : null;
}

/** Actions matching the filter, newest first, each with its NPS since logging (up to `now`). */
export async function listActions(db: Db, filter: ActionFilter, now: Date): Promise<ActionWithImpact[]> {
  const conditions: SQL[] = [sql`true`];
  if (filter.statuses && filter.statuses.length > 0) {
    conditions.push(sql`a.status in (select value from jsonb_array_elements_text(${JSON.stringify(filter.statuses)}::jsonb))`);
  }
  if (filter.ownerUserId !== undefined) conditions.push(sql`a.owner_user_id = ${filter.ownerUserId}`);
  if (filter.touchpointId !== undefined) conditions.push(sql`a.touchpoint_id = ${filter.touchpointId}`);
  if (filter.journeyId !== undefined) conditions.push(sql`t.journey_id = ${filter.journeyId}`);
  const limit = Math.max(1, Math.min(filter.limit ?? 50, 500));
  const rows = await queryRows<RawActionRow & NpsCounts>(
    db,
    sql`select ${ACTION_COLUMNS}, s.n, s.promoters, s.detractors
        from improvement_actions a
        join touchpoints t on t.id = a.touchpoint_id
        join journeys j on j.id = t.journey_id
        cross join lateral (${npsCountsSql(sql`a.touchpoint_id`, sql`a.created_at`, sql`${now.toISOString()}::timestamptz`)}) s
        where ${sql.join(conditions, sql` and `)}
        order by a.created_at desc, a.id desc
        limit ${limit}`,
  );
  return rows.map((r) => withImpact(toActionRow(r), { n: r.n, promoters: r.promoters, detractors: r.detractors }));
}

function withImpact(action: ActionRow, since: NpsCounts): ActionWithImpact {
  const score = npsScore(since);
  const delta = score !== null && action.baseline.score !== null ? score - action.baseline.score : null;
  return { ...action, since: { ...since, score }, delta };
}

/** The NPS since an action was logged, compared with its baseline. */
export async function getActionImpact(db: Db, id: number, now: Date): Promise<ActionWithImpact | null> {
  const action = await getAction(db, id);
  if (!action) return null;
  const since = await npsCountsBetween(db, action.touchpoint.id, action.createdAt, now);
  return withImpact(action, since);
}


/**
 * Moves an action to `status`. With `expectedFrom`, the update only happens when the action is
 * still in that status, so two people pressing buttons on old messages cannot undo each other.
 */
export async function setActionStatus(
  db: Db,
  id: number,
  status: ActionStatus,
  now: Date,
  expectedFrom?: ActionStatus,
): Promise<SetStatusResult> {
  const updated = await queryRows<{ id: number }>(
    db,
    sql`update improvement_actions set
          status = ${status},
          completed_at = case when ${status}::text = 'done' then ${now.toISOString()}::timestamptz else null end,
          updated_at = ${now.toISOString()}::timestamptz
        where id = ${id} ${expectedFrom ? sql`and status = ${expectedFrom}` : sql``}
        returning id::int as id`,
  );
  const action = await getAction(db, id);
  if (!action) return { ok: false, reason: 'not_found' };
  if (updated.length === 0) return { ok: false, reason: 'stale', action };
  return { ok: true, action };
}
