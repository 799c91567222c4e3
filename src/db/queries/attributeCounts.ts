import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { queryRows } from '../rows.js';
import { withSnappyPlan } from './readTx.js';
import { planPeriod } from './scoreCounts.js';
import { emptyHistogram } from '../../domain/scores.js';
import type { Metric, Period, ScoreHistogram } from '../../domain/types.js';

/**
 * Answer counts by attribute key and value (summed over a set of touchpoints), metric, period and
 * score. Same plan as scoreCounts.ts: whole UTC days from the response_attribute_daily rollup,
 * the partial days at each period edge from raw `responses` (at most 12 hours per edge), so a
 * 90-day breakdown reads ~180 days of rollup rows for one key and never 90 days of raw answers.
 */

export interface AttributeCounts {
  /** Every (key, value) with answers in any of the periods, values sorted. */
  segments(): Array<{ key: string; value: string }>;
  get(key: string, value: string, metric: Metric, period: number): ScoreHistogram;
}

interface Row {
  k: string;
  v: string;
  metric: Metric;
  i: number;
  c: number[];
}

/**
 * @param key one attribute key, or null for every key (the segment behind a change reads all of
 *   them, for one touchpoint and two short periods).
 */
export async function getAttributeHistograms(
  db: Db,
  touchpointIds: readonly number[],
  key: string | null,
  periods: readonly Period[],
): Promise<AttributeCounts> {
  const table = new Map<string, ScoreHistogram>();
  const seen = new Map<string, { key: string; value: string }>();
  const id = (k: string, v: string) => `${k}\u0000${v}`;
  const plans = periods.map((p, i) => planPeriod(p, i));
  const days = plans.flatMap((p) => (p.days ? [p.days] : []));
  const raw = plans.flatMap((p) => p.raw);
  if (touchpointIds.length > 0 && (days.length > 0 || raw.length > 0)) {
    const ids = `{${touchpointIds.map((t) => Math.trunc(t)).join(',')}}`;
    const rollupCols = sql.raw(Array.from({ length: 11 }, (_, s) => `c${s}`).join(', '));
    const keyFilter = key === null ? sql`` : sql` and attr_key = ${key}`;
    const rawKeyFilter = key === null ? sql`` : sql` and a.key = ${key}`;
    const branches = [
      ...days.map(
        (d) => sql`select attr_key, attr_value, metric, ${d.i}::int as i, ${rollupCols}
          from response_attribute_daily
          where touchpoint_id = any(${ids}::int[])${keyFilter} and day >= ${d.lo}::date and day < ${d.hi}::date`,
      ),
      ...raw.map((r) => {
        const cols = sql.raw(Array.from({ length: 11 }, (_, s) => `(r.score = ${s})::int * ${r.sign}`).join(', '));
        return sql`select a.key, a.value, r.metric, ${r.i}::int as i, ${cols}
          from responses r cross join lateral jsonb_each_text(r.attributes) as a
          where r.touchpoint_id = any(${ids}::int[])
            and r.responded_at >= ${r.s}::timestamptz and r.responded_at < ${r.e}::timestamptz
            and r.attributes is not null and jsonb_typeof(r.attributes) = 'object' and a.value is not null${rawKeyFilter}`;
      }),
    ];
    const sums = sql.raw(Array.from({ length: 11 }, (_, s) => `sum(c${s})::int`).join(', '));
    const rows = await withSnappyPlan(db, (tx) =>
      queryRows<Row>(
        tx,
        sql`select k, v, metric, i, array[${sums}] as c
          from (${sql.join(branches, sql` union all `)}) as parts(k, v, metric, i, ${rollupCols})
          group by k, v, metric, i`,
      ),
    );
    for (const row of rows) {
      const hist = row.c.map(Number);
      if (hist.every((x) => x === 0)) continue;
      table.set(`${id(row.k, row.v)}\u0000${row.metric}\u0000${row.i}`, hist);
      seen.set(id(row.k, row.v), { key: row.k, value: row.v });
    }
  }
  return {
    segments: () => [...seen.values()].sort((a, b) => (a.key === b.key ? a.value.localeCompare(b.value) : a.key.localeCompare(b.key))),
    get: (k, v, metric, i) => table.get(`${id(k, v)}\u0000${metric}\u0000${i}`) ?? emptyHistogram(),
  };
}

/**
 * Attribute keys answers of these touchpoints carry (for "did you mean"). A skip scan over the
 * rollup's primary key: one index probe per key, however many rows each key has.
 */
export async function listAttributeKeys(db: Db, touchpointIds: readonly number[]): Promise<string[]> {
  if (touchpointIds.length === 0) return [];
  const ids = `{${touchpointIds.map((t) => Math.trunc(t)).join(',')}}`;
  const rows = await queryRows<{ k: string }>(
    db,
    sql`with recursive tps as (select unnest(${ids}::int[]) as tp),
        keys(tp, k) as (
          select tps.tp, (select min(attr_key) from response_attribute_daily where touchpoint_id = tps.tp) from tps
          union all
          select keys.tp, (select min(attr_key) from response_attribute_daily where touchpoint_id = keys.tp and attr_key > keys.k)
          from keys where keys.k is not null
        )
        select distinct k from keys where k is not null order by k`,
  );
  return rows.map((r) => r.k);
}

/**
 * Customers who reached each step, per segment of one attribute (step_metric_segments), summed
 * over the period's local days; touchpoint → value → reached.
 */
export async function getSegmentReached(db: Db, touchpointIds: readonly number[], key: string, period: Period): Promise<Map<number, Map<string, number>>> {
  const out = new Map<number, Map<string, number>>();
  if (touchpointIds.length === 0) return out;
  const ids = `{${touchpointIds.map((t) => Math.trunc(t)).join(',')}}`;
  const rows = await queryRows<{ touchpoint_id: number; v: string; reached: number }>(
    db,
    sql`select touchpoint_id, attr_value as v, sum(reached)::float8 as reached from step_metric_segments
        where touchpoint_id = any(${ids}::int[]) and attr_key = ${key} and day >= ${period.startDay}::date and day < ${period.endDay}::date
        group by touchpoint_id, attr_value`,
  );
  for (const r of rows) {
    let m = out.get(r.touchpoint_id);
    if (!m) out.set(r.touchpoint_id, (m = new Map<string, number>()));
    m.set(r.v, Number(r.reached));
  }
  return out;
}
