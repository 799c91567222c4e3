import { sql } from 'drizzle-orm';
import type { Db } from '../../client.js';
import { queryRows } from '../../rows.js';
import type { AlertRule } from '../../schema.js';
import { dropOffTally, EMPTY_TALLY, npsTally, type DayTally, type Tally } from '../../../domain/alertEvidence.js';
import type { SubjectInput } from '../../../domain/alertEngine.js';
import { evidenceWindows, ruleTimezone, windowGroupKey, type EvidenceWindows } from '../../../domain/alertWindows.js';
import { BASELINE_DAYS, type SubjectEvidence } from '../../../domain/thresholds.js';
import { emptyHistogram, npsCountsOf } from '../../../domain/scores.js';
import type { Period } from '../../../domain/types.js';
import { getReached, getScoreHistograms } from '../scoreCounts.js';

/**
 * The evidence every alert rule needs, for every touchpoint in its scope, in three set-based queries
 * whatever the number of rules: the (rule, touchpoint) pairs; NPS counts of each completed local day
 * of the evidence window and of the baseline before it (getScoreHistograms: response_daily rollup
 * plus raw answers at the day edges); and the customers reaching the step and the step before it,
 * per day (getReached over step_metrics). Days are local days in the rule's timezone; today, not
 * yet over, is never part of it (evidenceWindows).
 */
type EvaluatedRule = Pick<AlertRule, 'id' | 'kind' | 'scope' | 'journeyId' | 'touchpointId' | 'windowDays' | 'timezone'>;

interface SubjectRow {
  rule_id: number;
  tp_id: number;
  prev_id: number | null;
}

export async function loadRuleEvidence(db: Db, rules: readonly EvaluatedRule[], now: Date): Promise<SubjectInput[]> {
  if (rules.length === 0) return [];
  // Rules sharing (timezone, window) share their days: group g's periods start at offset[g] (days…, baseline).
  const groups = new Map<string, { offset: number; windows: EvidenceWindows }>();
  const groupOf = new Map<number, { offset: number; windows: EvidenceWindows }>();
  const periods: Period[] = [];
  for (const r of rules) {
    const tz = ruleTimezone(r.timezone);
    const key = windowGroupKey(tz, r.windowDays);
    let g = groups.get(key);
    if (!g) {
      g = { offset: periods.length, windows: evidenceWindows(now, tz, r.windowDays, BASELINE_DAYS) };
      periods.push(...g.windows.days, g.windows.baseline);
      groups.set(key, g);
    }
    groupOf.set(r.id, g);
  }

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
  const counts = npsIds.size > 0 ? await getScoreHistograms(db, [...npsIds], periods) : null;
  const reached = stepIds.size > 0 ? await getReached(db, [...stepIds], periods) : null;

  return subjects.flatMap((s) => {
    const g = groupOf.get(s.rule_id);
    if (!g) return [];
    const dropoff = kindOf.get(s.rule_id) === 'dropoff_above';
    const tally = (i: number): Tally => {
      if (dropoff) return reached && s.prev_id !== null ? dropOffTally(reached.get(s.prev_id, i), reached.get(s.tp_id, i)) : EMPTY_TALLY;
      const c = npsCountsOf(counts?.get(s.tp_id, 'nps', i) ?? emptyHistogram());
      return npsTally(c.promoters, c.detractors, c.n);
    };
    const days: DayTally[] = g.windows.days.map((p, i) => ({ day: p.startDay, ...tally(g.offset + i) }));
    const evidence: SubjectEvidence = { days, baseline: tally(g.offset + g.windows.days.length) };
    return [{ ruleId: s.rule_id, touchpointId: s.tp_id, evidence }];
  });
}

/** Every (rule, touchpoint) pair in the rules' scopes, with the step before each touchpoint, in one query. */
async function loadSubjects(db: Db, rules: readonly EvaluatedRule[]): Promise<SubjectRow[]> {
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
