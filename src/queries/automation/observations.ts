import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import type { AlertRule } from '../../db/schema.js';

/**
 * The numbers every alert rule needs, for every touchpoint in its scope, in ONE query over the
 * response_daily rollup and step_metrics: NPS counts of the current and previous window and the
 * customers reaching the step and the step before it. Windows are whole UTC days ending today
 * (today included), so a 7d window is today and the six days before.
 */
export interface RuleSubjectCounts {
  ruleId: number;
  touchpointId: number;
  /** The step before this touchpoint in its journey (drop-off rules only). */
  previousStepId: number | null;
  current: { promoters: number; detractors: number; n: number };
  previous: { promoters: number; detractors: number; n: number };
  /** Customers reaching this step / the step before it, current and previous window (null = no data). */
  reached: { current: number | null; previous: number | null };
  reachedBefore: { current: number | null; previous: number | null };
}

interface Row {
  rule_id: number;
  tp_id: number;
  prev_id: number | null;
  prom: number;
  det: number;
  n: number;
  prom_p: number;
  det_p: number;
  n_p: number;
  reached: number | null;
  reached_p: number | null;
  before: number | null;
  before_p: number | null;
}

export async function loadRuleSubjects(db: Db, rules: Pick<AlertRule, 'id' | 'kind' | 'scope' | 'journeyId' | 'touchpointId' | 'windowDays'>[], now: Date): Promise<RuleSubjectCounts[]> {
  if (rules.length === 0) return [];
  const today = now.toISOString().slice(0, 10);
  const json = JSON.stringify(
    rules.map((r) => ({ id: r.id, kind: r.kind, scope: r.scope, journey_id: r.journeyId, touchpoint_id: r.touchpointId, w: r.windowDays })),
  );
  const rows = await queryRows<Row>(
    db,
    sql`with r as (
          select * from jsonb_to_recordset(${json}::jsonb) as x(id int, kind text, scope text, journey_id int, touchpoint_id int, w int)
        ),
        tp as (
          select t.id, t.journey_id, lag(t.id) over (partition by t.journey_id order by t.position, t.id) as prev_id
          from touchpoints t where t.active
        ),
        subj as (
          select r.id as rule_id, r.kind, r.w, tp.id as tp_id, tp.prev_id
          from r join tp on r.scope = 'all'
            or (r.scope = 'journey' and tp.journey_id = r.journey_id)
            or (r.scope = 'touchpoint' and tp.id = r.touchpoint_id)
          where r.kind <> 'dropoff_above' or tp.prev_id is not null
        ),
        need_nps as (select distinct tp_id, w from subj where kind <> 'dropoff_above'),
        nps as (
          select q.tp_id, q.w,
            coalesce(sum(d.c9 + d.c10) filter (where d.day > ${today}::date - q.w), 0)::int as prom,
            coalesce(sum(d.c0 + d.c1 + d.c2 + d.c3 + d.c4 + d.c5 + d.c6) filter (where d.day > ${today}::date - q.w), 0)::int as det,
            coalesce(sum(d.c0 + d.c1 + d.c2 + d.c3 + d.c4 + d.c5 + d.c6 + d.c7 + d.c8 + d.c9 + d.c10) filter (where d.day > ${today}::date - q.w), 0)::int as n,
            coalesce(sum(d.c9 + d.c10) filter (where d.day <= ${today}::date - q.w), 0)::int as prom_p,
            coalesce(sum(d.c0 + d.c1 + d.c2 + d.c3 + d.c4 + d.c5 + d.c6) filter (where d.day <= ${today}::date - q.w), 0)::int as det_p,
            coalesce(sum(d.c0 + d.c1 + d.c2 + d.c3 + d.c4 + d.c5 + d.c6 + d.c7 + d.c8 + d.c9 + d.c10) filter (where d.day <= ${today}::date - q.w), 0)::int as n_p
          from need_nps q
          join response_daily d on d.touchpoint_id = q.tp_id and d.metric = 'nps'
            and d.day > ${today}::date - 2 * q.w and d.day <= ${today}::date
          group by q.tp_id, q.w
        ),
        need_steps as (
          select tp_id as id, w from subj where kind = 'dropoff_above'
          union
          select prev_id as id, w from subj where kind = 'dropoff_above'
        ),
        steps as (
          select s.id, s.w,
            sum(m.reached) filter (where m.day > ${today}::date - s.w)::int as cur,
            sum(m.reached) filter (where m.day <= ${today}::date - s.w)::int as prev
          from need_steps s
          join step_metrics m on m.touchpoint_id = s.id and m.day > ${today}::date - 2 * s.w and m.day <= ${today}::date
          group by s.id, s.w
        )
        select subj.rule_id::int as rule_id, subj.tp_id::int as tp_id, subj.prev_id::int as prev_id,
          coalesce(nps.prom, 0)::int as prom, coalesce(nps.det, 0)::int as det, coalesce(nps.n, 0)::int as n,
          coalesce(nps.prom_p, 0)::int as prom_p, coalesce(nps.det_p, 0)::int as det_p, coalesce(nps.n_p, 0)::int as n_p,
          st.cur as reached, st.prev as reached_p, sb.cur as before, sb.prev as before_p
        from subj
        left join nps on subj.kind <> 'dropoff_above' and nps.tp_id = subj.tp_id and nps.w = subj.w
        left join steps st on subj.kind = 'dropoff_above' and st.id = subj.tp_id and st.w = subj.w
        left join steps sb on subj.kind = 'dropoff_above' and sb.id = subj.prev_id and sb.w = subj.w`,
  );
  return rows.map((r) => ({
    ruleId: r.rule_id,
    touchpointId: r.tp_id,
    previousStepId: r.prev_id,
    current: { promoters: r.prom, detractors: r.det, n: r.n },
    previous: { promoters: r.prom_p, detractors: r.det_p, n: r.n_p },
    reached: { current: r.reached, previous: r.reached_p },
    reachedBefore: { current: r.before, previous: r.before_p },
  }));
}
