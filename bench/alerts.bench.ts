/**
 * Alert evaluation: 1,000 touchpoints × 3 rules (nps_below, nps_drop, dropoff_above, each over
 * every touchpoint, each in a different timezone) evaluated by evaluateAlerts() end to end: the
 * observation queries (local-day windows: rollup plus raw edge answers), the incident states, the
 * pure decisions and the writes. Target: ≤ 1 s on real Postgres.
 * Uses its own database jp_bench_alerts (created and dropped here).
 */
import { sql } from 'drizzle-orm';
import { evaluateAlerts } from '../src/jobs/alertEvaluation.js';
import { queryRows } from '../src/db/rows.js';
import { silentLogger } from '../src/logger.js';
import { createRule } from '../src/db/queries/automation/rules.js';
import type { Benchmark } from './index.js';
import { createScratchDatabase } from './scratchDatabase.js';

const DB_NAME = 'jp_bench_alerts';
const JOURNEYS = 50;
const STEPS = 20; // 50 × 20 = 1,000 touchpoints
const DAYS = 120;
const RUNS = 15;
const RAW_DAYS = 15;

const bench: Benchmark = {
  name: 'Alert evaluation (1,000 touchpoints × 3 rules)',
  async run(ctx) {
    const scratch = await createScratchDatabase(ctx.databaseUrl, DB_NAME, 4);
    try {
      const db = scratch.handle.db;
      const now = new Date('2026-11-25T12:00:00Z');
      const today = now.toISOString().slice(0, 10);
      ctx.log('generating data');
      await db.execute(sql`insert into journeys (key, name) select 'j' || g, 'Journey ' || g from generate_series(1, ${JOURNEYS}) g`);
      await db.execute(
        sql`insert into touchpoints (journey_id, key, name, position)
            select j.id, 's' || p, 'Step ' || p, p - 1 from journeys j, generate_series(1, ${STEPS}) p`,
      );
      // Daily NPS counts per touchpoint (≈ 20 answers a day, NPS ≈ 35), one in ten touchpoints much worse this week.
      // Days older than RAW_DAYS go straight into the rollup, as the triggers would have left them; the
      // last RAW_DAYS days are raw answers (the triggers build their rollup), because local-day windows
      // read the raw answers at each window edge.
      await db.execute(
        sql`insert into response_daily (touchpoint_id, metric, day, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10)
            select t.id, 'nps', ${today}::date - d,
              (random() * 1)::int, (random() * 0.6)::int, (random() * 0.6)::int, (random() * 1)::int, (random() * 1.2)::int,
              (random() * 1.6)::int + case when t.id % 10 = 0 and d < 7 then 8 else 0 end,
              (random() * 2)::int, (random() * 5)::int, (random() * 5)::int, (random() * 10)::int, (random() * 14)::int
            from touchpoints t, generate_series(${RAW_DAYS}::int, ${DAYS - 1}::int) d`,
      );
      await db.execute(
        sql`insert into responses (touchpoint_id, metric, score, responded_at, external_id)
            select t.id, 'nps',
              case when k > 20 then 5 else (array[0, 3, 5, 6, 7, 7, 8, 8, 8, 9, 9, 9, 9, 10, 10, 10, 10, 10, 10, 10])[1 + floor(random() * 20)::int] end,
              ((${today}::date - d)::timestamp at time zone 'UTC') + random() * case when d = 0 then interval '12 hours' else interval '1 day' end,
              'bench-' || t.id || '-' || d || '-' || k
            from touchpoints t, generate_series(0, ${RAW_DAYS - 1}::int) d, generate_series(1, 28) k
            where k <= 20 or (t.id % 10 = 0 and d < 7)`,
      );
      await db.execute(
        sql`insert into step_metrics (touchpoint_id, day, reached)
            select t.id, ${today}::date - d,
              greatest(0, (1000 * power(0.93, t.position) * (0.9 + random() * 0.2)
                * case when t.id % 13 = 0 and d < 7 then 0.7 else 1 end)::int)
            from touchpoints t, generate_series(0, ${DAYS - 1}) d`,
      );
      await db.execute(sql`analyze`);
      const [counted] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from responses`);
      const rawCount = counted?.n ?? 0;
      const base = { teamId: 'T1', channelId: 'C1', target: { scope: 'all' as const }, windowDays: 7, minSample: 30, locale: 'en' as const, createdBy: 'U1' };
      // Three timezones: the worst case, three window groups, each with raw edges (Kolkata's are half-hour offsets).
      await createRule(db, { ...base, kind: 'nps_below', threshold: 20, timezone: 'Asia/Tokyo' }, now);
      await createRule(db, { ...base, kind: 'nps_drop', threshold: 10, timezone: 'America/New_York' }, now);
      await createRule(db, { ...base, kind: 'dropoff_above', threshold: 20, timezone: 'Asia/Kolkata' }, now);

      ctx.log('first evaluation (opens incidents)');
      let t0 = performance.now();
      const first = await evaluateAlerts(db, now, silentLogger);
      const firstMs = performance.now() - t0;

      const times: number[] = [];
      let last = first;
      for (let i = 1; i <= RUNS; i++) {
        t0 = performance.now();
        last = await evaluateAlerts(db, new Date(now.getTime() + i * 15 * 60_000), silentLogger);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const p50 = times[Math.floor(times.length / 2)] ?? NaN;
      const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)] ?? NaN;
      const max = times[times.length - 1] ?? NaN;
      ctx.log(`first ${firstMs.toFixed(0)} ms (opened ${first.opened}); steady p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms`);
      const ok = Math.max(firstMs, max) <= 1000;
      return `Data: ${JOURNEYS * STEPS} touchpoints in ${JOURNEYS} journeys, ${DAYS} days of daily NPS rollups (${(JOURNEYS * STEPS * DAYS).toLocaleString('en')} response_daily rows; the last ${RAW_DAYS} days also as ${rawCount.toLocaleString('en')} raw answers) and step metrics; 3 rules each over every touchpoint, in Asia/Tokyo, America/New_York and Asia/Kolkata local days (${first.subjects.toLocaleString('en')} rule × touchpoint subjects).

| run | time |
|---|---|
| first evaluation (opens ${first.opened} incidents and queues their posts) | ${firstMs.toFixed(0)} ms |
| steady state, ${RUNS} runs (${last.updated} message refreshes in the last), p50 | ${p50.toFixed(0)} ms |
| steady state p95 / max | ${p95.toFixed(0)} ms / ${max.toFixed(0)} ms |

Target ≤ 1 s: **${ok ? 'met' : 'missed'}**.`;
    } finally {
      await scratch.drop();
    }
  },
};
export default bench;
