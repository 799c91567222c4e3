import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { queryRows } from '../rows.js';
import type { DriverPattern } from '../../domain/drivers.js';
import type { JourneyRef, TouchpointRef } from '../../domain/model.js';
import type { Metric, Period, ScoreHistogram } from '../../domain/types.js';
import { getJourneyRef, listTouchpoints } from './lookup.js';
import { getScoreHistograms } from './scoreCounts.js';

/**
 * What key drivers are computed from, for one journey and period: each active touchpoint with
 * the metric it is judged by, and the customers' answer patterns (latest answer per touchpoint
 * in the period, linked by responses.customer_ref), aggregated in Postgres so that only
 * distinct patterns with their counts reach Node — a few thousand rows for 200,000 customers.
 */

export interface DriverTouchpointInput {
  touchpoint: TouchpointRef;
  /** NPS when the touchpoint has NPS answers in the period, else CSAT, else CES; null without answers. */
  metric: Metric | null;
  /** Every answer of that metric in the period (not only linked customers'). */
  histogram: ScoreHistogram;
}

export interface DriversData {
  journey: JourneyRef;
  /** The outcome touchpoint: the journey's `outcome_key` when active, else the last active touchpoint. */
  outcome: DriverTouchpointInput | null;
  /** The other active touchpoints with answers, in journey order; `patterns[].x[i]` is `candidates[i]`'s score. */
  candidates: DriverTouchpointInput[];
  /** Customers who answered the outcome, grouped by their answers. */
  patterns: DriverPattern[];
}

const METRIC_ORDER: readonly Metric[] = ['nps', 'csat', 'ces'];

export async function getDriversData(db: Db, journeyId: number, period: Period): Promise<DriversData | null> {
  const [journey, touchpoints, counts, outcomeKeyRows] = await Promise.all([
    getJourneyRef(db, journeyId),
    listTouchpoints(db, journeyId),
    getScoreHistograms(db, { journeyId }, [period]),
    queryRows<{ outcome_key: string | null }>(db, sql`select outcome_key from journeys where id = ${journeyId}`),
  ]);
  if (!journey) return null;
  const inputs: DriverTouchpointInput[] = touchpoints.map((touchpoint) => {
    const metric = METRIC_ORDER.find((m) => counts.get(touchpoint.id, m, 0).some((c) => c > 0)) ?? null;
    return { touchpoint, metric, histogram: metric ? counts.get(touchpoint.id, metric, 0) : [] };
  });
  const outcomeKey = outcomeKeyRows[0]?.outcome_key ?? null;
  const outcome = inputs.find((i) => i.touchpoint.key === outcomeKey) ?? inputs[inputs.length - 1] ?? null;
  const candidates = inputs.filter((i) => i !== outcome && i.metric !== null);
  if (!outcome || outcome.metric === null || candidates.length === 0) return { journey, outcome, candidates, patterns: [] };

  const patterns = await answerPatterns(db, outcome, candidates, period);
  return { journey, outcome, candidates, patterns };
}

interface PatternRow {
  y: number;
  n: number;
  [column: `x${number}`]: number | null;
}

async function answerPatterns(db: Db, outcome: DriverTouchpointInput, candidates: DriverTouchpointInput[], period: Period): Promise<DriverPattern[]> {
  const all = [outcome, ...candidates];
  const ids = `{${all.map((i) => Math.trunc(i.touchpoint.id)).join(',')}}`;
  const pairs = `{${all.map((i) => `${Math.trunc(i.touchpoint.id)}:${i.metric ?? ''}`).join(',')}}`;
  // The latest answer of a customer at a touchpoint: the score packed under the answer time, so
  // one max() per column finds it without sorting each customer's answers.
  const latest = (touchpointId: number): SQL =>
    sql`(max(a.packed) filter (where a.tp = ${touchpointId}::int) % 16)::int`;
  const columns = candidates.map((c, i) => sql`${latest(c.touchpoint.id)} as ${sql.raw(`x${i}`)}`);
  const groupBy = candidates.map((_, i) => sql.raw(`x${i}`));
  const rows = await queryRows<PatternRow>(
    db,
    sql`with a as (
          select r.customer_ref as c, r.touchpoint_id as tp,
                 (extract(epoch from r.responded_at) * 1000)::bigint * 16 + r.score as packed
          from responses r
          where r.touchpoint_id = any(${ids}::int[])
            and r.responded_at >= ${period.start.toISOString()}::timestamptz
            and r.responded_at < ${period.end.toISOString()}::timestamptz
            and r.customer_ref is not null
            and (r.touchpoint_id::text || ':' || r.metric) = any(${pairs}::text[])
        ),
        per_customer as (
          select ${latest(outcome.touchpoint.id)} as y, ${sql.join(columns, sql`, `)}
          from a
          group by a.c
          having bool_or(a.tp = ${outcome.touchpoint.id}::int)
        )
        select y, ${sql.join(groupBy, sql`, `)}, count(*)::int as n
        from per_customer
        group by y, ${sql.join(groupBy, sql`, `)}`,
  );
  return rows.map((r) => ({
    y: Number(r.y),
    count: Number(r.n),
    x: candidates.map((_, i) => {
      const v = r[`x${i}`];
      return v === null || v === undefined ? null : Number(v);
    }),
  }));
}
