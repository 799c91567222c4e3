import { sql } from 'drizzle-orm';
import type { Db } from '../../client.js';
import { queryRows } from '../../rows.js';
import type { AlertRule } from '../../schema.js';
import { alertWindows, ruleTimezone, windowGroupKey, type AlertWindows } from '../../../domain/alertWindows.js';
import { emptyHistogram, npsCountsOf } from '../../../domain/scores.js';
import type { Period } from '../../../domain/types.js';
import { getReached, getScoreHistograms } from '../scoreCounts.js';

/**
 * The numbers every alert rule needs, for every touchpoint in its scope, in three set-based queries
 * whatever the number of rules: the (rule, touchpoint) pairs; NPS counts of each current and
 * previous window (getScoreHistograms: response_daily rollup plus raw answers at the window edges);
 * and the customers reaching the step and the step before it (getReached over step_metrics).
 * Windows are local days in the rule's timezone ending today, today included (alertWindows), so a
 * 7d window is today and the six days before, as the rule's channel counts days.
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

interface SubjectRow {
  rule_id: number;
  tp_id: number;
  prev_id: number | null;
}

type EvaluatedRule = Pick<AlertRule, 'id' | 'kind' | 'scope' | 'journeyId' | 'touchpointId' | 'windowDays' | 'timezone'>;

export async function loadRuleSubjects(db: Db, rules: EvaluatedRule[], now: Date): Promise<RuleSubjectCounts[]> {
  if (rules.length === 0) return [];
  // Rules sharing (timezone, window) share their two windows: period 2g is group g's current window, 2g + 1 its previous.
  const groups = new Map<string, { index: number; windows: AlertWindows }>();
  const groupOf = new Map<number, number>();
  for (const r of rules) {
    const tz = ruleTimezone(r.timezone);
    const key = windowGroupKey(tz, r.windowDays);
    let g = groups.get(key);
    if (!g) {
      g = { index: groups.size, windows: alertWindows(now, tz, r.windowDays) };
      groups.set(key, g);
    }
    groupOf.set(r.id, g.index);
  }
  const periods: Period[] = [...groups.values()].flatMap((g) => [g.windows.current, g.windows.previous]);

  const subjects = await loadSubjects(db, rules);
  const kindOf = new Map(rules.map((r) => [r.id, r.kind]));
  const npsIds = new Set<number>();
  const stepIds = new Set<number>();
  for (const s of subjects) {
    if (kindOf.get(s.rule_id) === 'dropoff_above') {
      stepIds.add(s.tp_id);
      if (s.prev_id !== null) stepIds.add(s.prev_id);
    } else npsIds.add(s.tp_id);
  }
  // Exact local days: whole UTC days from the rollup plus the raw answers at each window edge.
  const counts = npsIds.size > 0 ? await getScoreHistograms(db, [...npsIds], periods) : null;
  const reached = stepIds.size > 0 ? await getReached(db, [...stepIds], periods) : null;

  return subjects.map((s) => {
    const g = groupOf.get(s.rule_id) ?? 0;
    const nps = (i: number) => npsCountsOf(counts?.get(s.tp_id, 'nps', i) ?? emptyHistogram());
    const steps = (id: number | null) => ({
      current: id === null || !reached ? null : reached.get(id, 2 * g),
      previous: id === null || !reached ? null : reached.get(id, 2 * g + 1),
    });
    const dropoff = kindOf.get(s.rule_id) === 'dropoff_above';
    const none = { promoters: 0, detractors: 0, n: 0 };
    return {
      ruleId: s.rule_id,
      touchpointId: s.tp_id,
      previousStepId: s.prev_id,
      current: dropoff ? none : nps(2 * g),
      previous: dropoff ? none : nps(2 * g + 1),
      reached: dropoff ? steps(s.tp_id) : { current: null, previous: null },
      reachedBefore: dropoff ? steps(s.prev_id) : { current: null, previous: null },
    };
  });
}

/** Every (rule, touchpoint) pair in the rules' scopes, with the step before each touchpoint, in one query. */
async function loadSubjects(db: Db, rules: EvaluatedRule[]): Promise<SubjectRow[]> {
  const json = JSON.stringify(rules.map((r) => ({ id: r.id, kind: r.kind, scope: r.scope, journey_id: r.journeyId, touchpoint_id: r.touchpointId })));
  return queryRows<SubjectRow>(
    db,
    sql`with r as (
          select * from jsonb_to_recordset(${json}::jsonb) as x(id int, kind text, scope text, journey_id int, touchpoint_id int)
        ),
        tp as (
          select t.id, t.journey_id, lag(t.id) over (partition by t.journey_id order by t.position, t.id) as prev_id
          from touchpoints t where t.active
        )
        select r.id::int as rule_id, tp.id::int as tp_id, tp.prev_id::int as prev_id
        from r join tp on r.scope = 'all'
          or (r.scope = 'journey' and tp.journey_id = r.journey_id)
          or (r.scope = 'touchpoint' and tp.id = r.touchpoint_id)
        where r.kind <> 'dropoff_above' or tp.prev_id is not null
        order by r.id, tp.id`,
  );
}
