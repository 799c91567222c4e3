/**
 * Key drivers at scale: one journey of 6 touchpoints (5 drivers and the outcome) whose answers
 * link 200,000 customers over 90 days, plus 19 other journeys' answers in the same table.
 * Measures `services.drivers.forJourney` (target ≤ 2 s) and, in the same run, its parts: the
 * Postgres aggregation alone and a baseline that only counts the rows it reads.
 * Uses its own database jp_bench_drivers (created and dropped here).
 */
import { sql } from 'drizzle-orm';
import os from 'node:os';
import type { Db } from '../src/db/client.js';
import { getDriversData } from '../src/db/queries/drivers.js';
import { queryRows } from '../src/db/rows.js';
import { parsePeriod, resolvePeriod } from '../src/domain/periods.js';
import { createServices } from '../src/services/index.js';
import type { Benchmark, BenchContext } from './index.js';
import { createScratchDatabase } from './scratchDatabase.js';

const DB_NAME = 'jp_bench_drivers';
const CUSTOMERS = 200_000;
const DRIVERS = 5;
/** Chance that a linked customer answered each driver touchpoint. */
const ANSWER_RATE = 0.6;
const OTHER_ANSWERS = 2_000_000;
const ROUNDS = 7;
const NOW = new Date('2026-11-30T00:00:00Z');

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

function summary(times: number[]): { p50: number; max: number } {
  const s = [...times].sort((a, b) => a - b);
  return { p50: s[Math.floor((s.length - 1) / 2)] ?? NaN, max: s[s.length - 1] ?? NaN };
}

export async function load(db: Db, ctx: BenchContext): Promise<{ journeyId: number; rows: number }> {
  await db.execute(sql`select setseed(0.42)`);
  await db.execute(sql`
    insert into journeys (key, name, outcome_key) select 'j' || g, 'Journey ' || g, case when g = 1 then 'outcome' end from generate_series(1, 20) g`);
  await db.execute(sql`
    insert into touchpoints (journey_id, key, name, position)
    select j.id, case when p = ${DRIVERS} then 'outcome' else 'tp' || p end, 'Touchpoint ' || p, p
    from journeys j cross join generate_series(0, ${DRIVERS}) p`);
  const [journey] = await queryRows<{ id: number }>(db, sql`select id from journeys where key = 'j1'`);
  if (!journey) throw new Error('no journey');
  await db.execute(sql`alter table responses disable trigger user`);
  // Each customer has a latent satisfaction; the outcome follows it, and driver i follows it with weight (i+1)/5.
  ctx.log(`loading ${CUSTOMERS.toLocaleString('en')} linked customers`);
  await db.execute(sql`
    with c as (select g, random() * 2 - 1 as u from generate_series(1, ${CUSTOMERS}) g),
    answers as (
      select c.g, tp.id as touchpoint_id, tp.position,
             greatest(0, least(10, round(7 + 3 * (case when tp.position = ${DRIVERS} then c.u else c.u * (tp.position + 1) / 5.0 end) + (random() - 0.5) * 6)))::smallint as score
      from c cross join touchpoints tp
      -- c.u in the condition keeps random() per customer and touchpoint (alone it would be pushed down to touchpoints).
      where tp.journey_id = ${journey.id} and (tp.position = ${DRIVERS} or random() + 0 * c.u < ${ANSWER_RATE})
    )
    insert into responses (touchpoint_id, metric, score, customer_ref, responded_at, external_id)
    select touchpoint_id, 'nps', score, 'cust-' || g, ${NOW.toISOString()}::timestamptz - random() * interval '89 days', 'd-' || g || '-' || position
    from answers`);
  ctx.log(`loading ${OTHER_ANSWERS.toLocaleString('en')} answers of other journeys`);
  await db.execute(sql`
    with other as (select array_agg(id order by id) as ids from touchpoints where journey_id <> ${journey.id})
    insert into responses (touchpoint_id, metric, score, customer_ref, responded_at, external_id)
    select other.ids[1 + g % cardinality(other.ids)], 'nps', floor(random() * 11)::smallint, 'other-' || floor(random() * 500000)::int,
           ${NOW.toISOString()}::timestamptz - random() * interval '365 days', 'o-' || g
    from generate_series(1, ${OTHER_ANSWERS}) g, other`);
  const counts = Array.from({ length: 11 }, (_, s) => sql.raw(`count(*) filter (where score = ${s})::int`));
  await db.execute(sql`
    insert into response_daily (touchpoint_id, metric, day, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10)
    select touchpoint_id, metric, (responded_at at time zone 'UTC')::date, ${sql.join(counts, sql`, `)}
    from responses group by 1, 2, 3`);
  await db.execute(sql`alter table responses enable trigger user`);
  await db.execute(sql`vacuum analyze responses`);
  await db.execute(sql`vacuum analyze response_daily`);
  const [n] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from responses`);
  return { journeyId: journey.id, rows: n?.n ?? 0 };
}

const bench: Benchmark = {
  name: 'Key drivers (200,000 linked customers)',
  async run(ctx) {
    const scratch = await createScratchDatabase(ctx.databaseUrl, DB_NAME, 4);
    try {
      const db = scratch.handle.db;
      const loaded = await timed(() => load(db, ctx));
      const { journeyId, rows } = loaded.value;
      const parsed = parsePeriod('90d');
      if (!parsed.ok) throw new Error(parsed.message);
      const window = resolvePeriod(parsed.spec, NOW, 'Asia/Tokyo');
      const services = createServices(db);
      const [linked] = await queryRows<{ rows: number }>(
        db,
        sql`select count(*)::int as rows from responses r join touchpoints tp on tp.id = r.touchpoint_id
            where tp.journey_id = ${journeyId} and r.responded_at >= ${window.current.start.toISOString()}::timestamptz
              and r.responded_at < ${window.current.end.toISOString()}::timestamptz`,
      );

      const baseline: number[] = [];
      const aggregate: number[] = [];
      const full: number[] = [];
      let patterns = 0;
      let result: Awaited<ReturnType<typeof services.drivers.forJourney>> = null;
      for (let round = 0; round < ROUNDS; round++) {
        baseline.push(
          (
            await timed(() =>
              queryRows(
                db,
                sql`select count(distinct customer_ref) from responses
                    where touchpoint_id = any(array(select id from touchpoints where journey_id = ${journeyId}))
                      and responded_at >= ${window.current.start.toISOString()}::timestamptz and responded_at < ${window.current.end.toISOString()}::timestamptz
                      and customer_ref is not null`,
              ),
            )
          ).ms,
        );
        const agg = await timed(() => getDriversData(db, journeyId, window.current));
        aggregate.push(agg.ms);
        patterns = agg.value?.groups.length ?? 0;
        const f = await timed(() => services.drivers.forJourney(journeyId, window));
        full.push(f.ms);
        result = f.value;
      }
      const b = summary(baseline.slice(1));
      const a = summary(aggregate.slice(1));
      const f = summary(full.slice(1));
      const top = result?.status === 'ok' ? result.drivers.map((d) => `${d.touchpoint.key} ${(100 * (d.importance?.share ?? 0)).toFixed(0)}%`).join(', ') : result?.status;
      const met = f.max <= 2000;
      const fmt = (ms: number) => ms.toFixed(0);
      return `Database \`${DB_NAME}\` (re-created): ${rows.toLocaleString('en')} answers in all; journey \`j1\` has ${DRIVERS} driver touchpoints and an outcome,
${CUSTOMERS.toLocaleString('en')} customers each answering the outcome and each driver with chance ${ANSWER_RATE} within 90 days
(${(linked?.rows ?? 0).toLocaleString('en')} answers of the journey in the period). Load took ${(loaded.ms / 1000).toFixed(0)} s (rollup trigger off, rebuilt once).
${ROUNDS} rounds one after another; figures exclude the first (cold) round. ${os.cpus().length} cores shared with other work;
load average when done: ${(os.loadavg()[0] ?? 0).toFixed(1)} (compare the baseline row, measured in the same rounds).

| step | p50 ms | max ms |
|---|---:|---:|
| baseline: \`count(distinct customer_ref)\` over the same answers (the floor for reading them) | ${fmt(b.p50)} | ${fmt(b.max)} |
| aggregation in Postgres (\`getDriversData\`: latest answer per customer and touchpoint → pairwise sums in ${patterns} customer groups) | ${fmt(a.p50)} | ${fmt(a.max)} |
| **\`services.drivers.forJourney\`** (aggregation + Shapley R² + 200 bootstrap replicates over the groups) | **${fmt(f.p50)}** | **${fmt(f.max)}** |

Result: ${result?.linkedCustomers.toLocaleString('en') ?? '?'} linked customers; importance ${top ?? '?'} (the data weighs tp4 most, tp0 least).
Target ≤ 2 s: **${met ? 'met' : `missed by ${fmt(f.max - 2000)} ms`}**.
`;
    } finally {
      await scratch.drop();
    }
  },
};

export default bench;
