import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { queryRows } from '../rows.js';
import { withSnappyPlan } from './readTx.js';
import { addHistograms, emptyHistogram } from '../../domain/scores.js';
import { stepCountSpan } from '../../domain/periods.js';
import { METRICS, type Metric, type Period, type PeriodWindow, type ScoreHistogram } from '../../domain/types.js';

/**
 * Answer counts by touchpoint, metric, period and score, exact for any timezone and cheap at
 * any data size. Whole UTC days come from the response_daily rollup (kept by triggers, so rows
 * written with plain SQL count too); the partial UTC days at each period edge come from raw
 * `responses` through the (touchpoint_id, responded_at) index. At each edge we read whichever
 * side of the UTC day is shorter — adding the part inside the period, or taking the whole day
 * from the rollup and subtracting the part outside — so an edge never reads more than 12 hours
 * of raw answers, and the cost does not grow with the length of the period.
 */

/** Touchpoint ids, every touchpoint, or the active touchpoints of one journey (saves a round trip). */
export type TouchpointSelection = readonly number[] | 'all' | { journeyId: number };

export interface ScoreCounts {
  /** Histogram (11 entries) of one touchpoint, metric and period (index into the periods given); zeros when none. */
  get(touchpointId: number, metric: Metric, period: number): ScoreHistogram;
  /** Histogram summed over several touchpoints. */
  total(touchpointIds: Iterable<number>, metric: Metric, period: number): ScoreHistogram;
}

export interface ReachedCounts {
  /** Sum of step_metrics.reached over the period's local days; null when no day has data. */
  get(touchpointId: number, period: number): number | null;
}

const DAY_MS = 86_400_000;

interface DayRange {
  i: number;
  lo: string;
  hi: string;
}
interface RawRange {
  i: number;
  s: string;
  e: string;
  sign: 1 | -1;
}

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** How to count one period: rollup days [lo, hi) plus signed raw time ranges. Exported for tests. */
export function planPeriod(period: Period, i: number): { days: DayRange | null; raw: RawRange[] } {
  const s = period.start.getTime();
  const e = period.end.getTime();
  if (e <= s) return { days: null, raw: [] };
  const sDay = Math.floor(s / DAY_MS) * DAY_MS;
  const eDay = Math.floor(e / DAY_MS) * DAY_MS;
  // Shorter than two UTC days: raw answers alone are cheaper and simpler.
  if (eDay - sDay < 2 * DAY_MS) return { days: null, raw: [{ i, s: iso(s), e: iso(e), sign: 1 }] };
  const raw: RawRange[] = [];
  let lo = sDay;
  if (s > sDay) {
    if (sDay + DAY_MS - s <= s - sDay) {
      raw.push({ i, s: iso(s), e: iso(sDay + DAY_MS), sign: 1 });
      lo = sDay + DAY_MS;
    } else {
      raw.push({ i, s: iso(sDay), e: iso(s), sign: -1 });
    }
  }
  let hi = eDay;
  if (e > eDay) {
    if (e - eDay <= eDay + DAY_MS - e) {
      raw.push({ i, s: iso(eDay), e: iso(e), sign: 1 });
    } else {
      raw.push({ i, s: iso(e), e: iso(eDay + DAY_MS), sign: -1 });
      hi = eDay + DAY_MS;
    }
  }
  return { days: lo < hi ? { i, lo: utcDay(lo), hi: utcDay(hi) } : null, raw };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * `= any(int[])` from one text parameter (drizzle would expand a JS array into a list); 'all'
 * becomes an array subquery, which still lets the primary-key index take the condition.
 */
function touchpointFilter(column: SQL, touchpoints: TouchpointSelection): SQL {
  if (touchpoints === 'all') return sql`${column} = any(array(select id from touchpoints))`;
  if ('journeyId' in touchpoints) {
    return sql`${column} = any(array(select id from touchpoints where journey_id = ${touchpoints.journeyId}::int and active))`;
  }
  const ids: readonly number[] = touchpoints;
  return sql`${column} = any(${`{${ids.map((id) => Math.trunc(id)).join(',')}}`}::int[])`;
}

function isEmptySelection(touchpoints: TouchpointSelection): boolean {
  return touchpoints !== 'all' && !('journeyId' in touchpoints) && touchpoints.length === 0;
}

interface CountRow {
  touchpoint_id: number;
  metric: Metric;
  i: number;
  c: number[];
}

export async function getScoreHistograms(db: Db, touchpoints: TouchpointSelection, periods: readonly Period[]): Promise<ScoreCounts> {
  const plans = periods.map((p, i) => planPeriod(p, i));
  const days = plans.flatMap((p) => (p.days ? [p.days] : []));
  const raw = plans.flatMap((p) => p.raw);
  const table = new Map<string, ScoreHistogram>();
  const key = (tp: number, metric: Metric, i: number) => `${tp}:${metric}:${i}`;
  const noRows = isEmptySelection(touchpoints);
  if (!noRows && (days.length > 0 || raw.length > 0)) {
    // One UNION ALL branch per day range and per raw range, each with plain scalar bounds: the
    // planner then sees every range exactly and uses index range scans (with a JSON list of
    // ranges it guessed 100 rows, scanned whole touchpoints and even switched on JIT).
    const rollupCols = sql.raw(Array.from({ length: 11 }, (_, s) => `c${s}`).join(', '));
    const branches = [
      ...days.map(
        (d) => sql`select touchpoint_id, metric, ${d.i}::int as i, ${rollupCols}
          from response_daily
          where ${touchpointFilter(sql`touchpoint_id`, touchpoints)}
            and metric in ('nps', 'csat', 'ces') and day >= ${d.lo}::date and day < ${d.hi}::date`,
      ),
      ...raw.map((r) => {
        const cols = sql.raw(Array.from({ length: 11 }, (_, s) => `(score = ${s})::int * ${r.sign}`).join(', '));
        return sql`select touchpoint_id, metric, ${r.i}::int as i, ${cols}
          from responses
          where ${touchpointFilter(sql`touchpoint_id`, touchpoints)}
            and responded_at >= ${r.s}::timestamptz and responded_at < ${r.e}::timestamptz`;
      }),
    ];
    const sums = sql.raw(Array.from({ length: 11 }, (_, s) => `sum(c${s})::int`).join(', '));
    const rows = await withSnappyPlan(db, (tx) =>
      queryRows<CountRow>(
        tx,
        sql`select touchpoint_id, metric, i, array[${sums}] as c
          from (${sql.join(branches, sql` union all `)}) as parts(touchpoint_id, metric, i, ${rollupCols})
          group by touchpoint_id, metric, i`,
      ),
    );
    for (const row of rows) table.set(key(row.touchpoint_id, row.metric, row.i), row.c.map(Number));
  }
  const get = (tp: number, metric: Metric, i: number) => table.get(key(tp, metric, i)) ?? emptyHistogram();
  return {
    get,
    total: (ids, metric, i) => {
      let sum = emptyHistogram();
      for (const id of ids) sum = addHistograms(sum, get(id, metric, i));
      return sum;
    },
  };
}

/** Answers of every metric for a touchpoint set in one period. */
export function totalAnswers(counts: ScoreCounts, touchpointIds: readonly number[], period: number): number {
  let n = 0;
  for (const metric of METRICS) n += counts.total(touchpointIds, metric, period).reduce((a, b) => a + b, 0);
  return n;
}

interface ReachedRow {
  touchpoint_id: number;
  i: number;
  reached: number;
}

/**
 * Customers who reached each step, summed over the period's local days. step_metrics.day is
 * already the sender's local day, so a period counts the days startDay <= day < endDay.
 */
export async function getReached(db: Db, touchpoints: TouchpointSelection, periods: readonly Period[]): Promise<ReachedCounts> {
  const table = new Map<string, number>();
  const noRows = isEmptySelection(touchpoints);
  if (!noRows && periods.length > 0) {
    const branches = periods.map(
      (p, i) => sql`select touchpoint_id, ${i}::int as i, reached from step_metrics
        where ${touchpointFilter(sql`touchpoint_id`, touchpoints)} and day >= ${p.startDay}::date and day < ${p.endDay}::date`,
    );
    const rows = await withSnappyPlan(db, (tx) =>
      queryRows<ReachedRow>(
        tx,
        sql`select touchpoint_id, i, sum(reached)::float8 as reached
            from (${sql.join(branches, sql` union all `)}) as parts
            group by touchpoint_id, i`,
      ),
    );
    for (const row of rows) table.set(`${row.touchpoint_id}:${row.i}`, Number(row.reached));
  }
  return { get: (tp, i) => table.get(`${tp}:${i}`) ?? null };
}

/**
 * Reached counts of a window's current (index 0) and previous (1) period over the days that have step
 * counts (see stepCountSpan), with the last such day when the counts stop before the period's end.
 */
export async function getReachedToLastDay(
  db: Db,
  touchpoints: TouchpointSelection,
  window: PeriodWindow,
): Promise<{ reached: ReachedCounts; through: string | null }> {
  const span = stepCountSpan(window, await lastStepDay(db, touchpoints, window.current));
  return { reached: await getReached(db, touchpoints, [span.current, span.previous]), through: span.through };
}

/** The latest local day in the period with a step count for any of the touchpoints; null when none. */
export async function lastStepDay(db: Db, touchpoints: TouchpointSelection, period: Period): Promise<string | null> {
  if (isEmptySelection(touchpoints)) return null;
  const rows = await queryRows<{ day: string | null }>(
    db,
    sql`select to_char(max(day), 'YYYY-MM-DD') as day from step_metrics
        where ${touchpointFilter(sql`touchpoint_id`, touchpoints)} and day >= ${period.startDay}::date and day < ${period.endDay}::date`,
  );
  return rows[0]?.day ?? null;
}
