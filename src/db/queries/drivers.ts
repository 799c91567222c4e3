import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { queryRows } from '../rows.js';
import { BOOTSTRAP_GROUPS, type MomentGroup } from '../../domain/drivers.js';
import type { JourneyRef, TouchpointRef } from '../../domain/model.js';
import type { Metric, Period, ScoreHistogram } from '../../domain/types.js';
import { getJourneyRef, listTouchpoints } from './lookup.js';
import { getScoreHistograms } from './scoreCounts.js';

/**
 * What key drivers are computed from, for one journey and period: each active touchpoint with
 * the metric it is judged by, and the customers' answer patterns (latest answer per touchpoint
 * in the period, linked by responses.customer_ref), aggregated in Postgres to pairwise sums in
 * 100 random groups of customers — 100 rows reach Node whether 1,000 or 1,000,000 customers answered.
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
  /**
   * Pairwise moments of the customers who answered the outcome, in BOOTSTRAP_GROUPS groups by a
   * hash of their ref; variable i < candidates.length is candidates[i], the last one the outcome.
   */
  groups: MomentGroup[];
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
  if (!outcome || outcome.metric === null || candidates.length === 0) return { journey, outcome, candidates, groups: [] };

  const groups = await momentGroupsOf(db, outcome, candidates, period);
  return { journey, outcome, candidates, groups };
}

interface GroupRow {
  linked: number;
  n: number[];
  sx: number[];
  sy: number[];
  sxx: number[];
  syy: number[];
  sxy: number[];
}

async function momentGroupsOf(db: Db, outcome: DriverTouchpointInput, candidates: DriverTouchpointInput[], period: Period): Promise<MomentGroup[]> {
  const all = [outcome, ...candidates];
  const ids = `{${all.map((i) => Math.trunc(i.touchpoint.id)).join(',')}}`;
  // The latest answer of a customer at a touchpoint: the score packed under the answer time, so
  // one max() per column finds it without sorting each customer's answers.
  const latest = (input: DriverTouchpointInput): SQL =>
    sql`(max(a.packed) filter (where a.tp = ${input.touchpoint.id}::int and a.metric = ${input.metric ?? ''}) % 16)::int`;
  const k = candidates.length;
  const size = k + 1;
  // Variable i < k is touchpoint i (column xi), variable k the outcome (column y).
  const column = (v: number) => sql.raw(v === k ? 'y' : `x${v}`);
  const pairs: Array<[number, number]> = [];
  for (let a = 0; a < size; a++) for (let b = a + 1; b < size; b++) pairs.push([a, b]);
  const both = ([a, b]: [number, number]) => sql`${column(a)} is not null and ${column(b)} is not null`;
  const sums = (value: (pair: [number, number]) => SQL) =>
    sql`array[${sql.join(
      pairs.map((pair) => sql`coalesce(sum(${value(pair)}) filter (where ${both(pair)}), 0)::float8`),
      sql`, `,
    )}]`;
  const anyTouchpoint = sql.join(candidates.map((_, i) => sql`${column(i)} is not null`), sql` or `);
  // One pass over the period's answers: JIT compiling the ~100 aggregate expressions costs more
  // than it saves, and the per-customer hash table (200,000 customers ≈ 30 MB) should not spill to disk.
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
    return queryRows<GroupRow>(
    tx,
    sql`with a as (
          select r.customer_ref as c, r.touchpoint_id as tp, r.metric,
                 (extract(epoch from r.responded_at) * 1000)::bigint * 16 + r.score as packed
          from responses r
          where r.touchpoint_id = any(${ids}::int[])
            and r.responded_at >= ${period.start.toISOString()}::timestamptz
            and r.responded_at < ${period.end.toISOString()}::timestamptz
            and r.customer_ref is not null
        ),
        per_customer as (
          select (abs(hashtext(a.c)) % ${BOOTSTRAP_GROUPS}::int) as g,
                 ${latest(outcome)} as y,
                 ${sql.join(
                   candidates.map((c, i) => sql`${latest(c)} as ${column(i)}`),
                   sql`, `,
                 )}
          from a
          group by a.c
        )
        select count(*) filter (where ${anyTouchpoint})::int as linked,
               ${sums(() => sql`1`)} as n,
               ${sums(([a]) => column(a))} as sx,
               ${sums(([, b]) => column(b))} as sy,
               ${sums(([a]) => sql`${column(a)} * ${column(a)}`)} as sxx,
               ${sums(([, b]) => sql`${column(b)} * ${column(b)}`)} as syy,
               ${sums(([a, b]) => sql`${column(a)} * ${column(b)}`)} as sxy
        from per_customer
        where y is not null
        group by g`,
    );
  });
  const cells = (values: number[]) => {
    const out = new Array<number>(size * size).fill(0);
    pairs.forEach(([a, b], i) => {
      out[a * size + b] = Number(values[i] ?? 0);
    });
    return out;
  };
  return rows.map((r) => ({
    linked: Number(r.linked),
    n: cells(r.n),
    sx: cells(r.sx),
    sy: cells(r.sy),
    sxx: cells(r.sxx),
    syy: cells(r.syy),
    sxy: cells(r.sxy),
  }));
}
