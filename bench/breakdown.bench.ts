/**
 * Attributes at scale. (1) Ingest: POST /api/v1/responses batches without attributes and with
 * 5 attributes, interleaved in the same run on the same database (target with attributes
 * ≥ 20,000 responses/s). (2) Breakdowns: BENCH_BREAKDOWN_ROWS (default 10M) answers over 200
 * touchpoints and 365 days, each with 5 attribute keys of 50 values, written with plain SQL
 * (INSERT … SELECT, so the rollup triggers run as for any pipeline); then
 * `services.segments.journeyBreakdown` for a 10-touchpoint journey over 90 days (target ≤ 100 ms
 * p95), the same for one touchpoint, and `behindChange` over 7 days. Own database jp_bench_breakdown.
 */
import { Agent, request } from 'node:http';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { parseConfig } from '../src/config.js';
import { upsertJourneyDefinition } from '../src/db/queries/ingest.js';
import { queryRows } from '../src/db/rows.js';
import { parsePeriod, resolvePeriod } from '../src/domain/periods.js';
import type { PeriodWindow } from '../src/domain/types.js';
import { silentLogger } from '../src/logger.js';
import { startApp } from '../src/main.js';
import { createSegmentsService } from '../src/services/segments.js';
import type { Benchmark, BenchContext } from './index.js';
import { createScratchDatabase } from './scratchDatabase.js';

const DATABASE = 'jp_bench_breakdown';
const JOURNEYS = 20;
const TOUCHPOINTS = 10;
const KEYS = ['region', 'plan', 'device', 'segment', 'tier'];
const VALUES = 50;
const DAYS = 365;
const BATCH_SIZE = 1000;
const ROUNDS = 4;
const BATCHES_PER_ROUND = 15;
const CLIENTS = 4;
const TOKEN = 'bench-breakdown-token-0123456789abcdef';
const CHUNK = 500_000;
const CALLS = 40;

const rows = z.coerce.number().int().positive().default(10_000_000).parse(process.env.BENCH_BREAKDOWN_ROWS || undefined);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

function makeBody(prefix: string, batch: number, now: number, withAttributes: boolean): string {
  let seed = (batch + 7) * 2654435761;
  const rand = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const responses = Array.from({ length: BATCH_SIZE }, (_, i) => ({
    id: `${prefix}-${batch}-${i}`,
    journey: `journey-${Math.floor(rand() * JOURNEYS)}`,
    touchpoint: `step-${Math.floor(rand() * TOUCHPOINTS)}`,
    metric: 'nps',
    score: Math.floor(rand() * 11),
    respondedAt: new Date(now - Math.floor(rand() * 90 * 86_400_000)).toISOString(),
    ...(withAttributes ? { attributes: Object.fromEntries(KEYS.map((k) => [k, `${k}-${Math.floor(rand() * VALUES)}`])) } : {}),
  }));
  return JSON.stringify({ source: prefix, responses });
}

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`));
          else resolve((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { accepted: number }).accepted);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function postAll(url: string, bodies: string[]): Promise<{ seconds: number; accepted: number }> {
  let next = 0;
  let accepted = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (;;) {
        const body = bodies[next++];
        if (body === undefined) return;
        const n = await post(url, body);
        accepted += n;
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, accepted };
}

async function run(ctx: BenchContext): Promise<string> {
  const scratch = await createScratchDatabase(ctx.databaseUrl, DATABASE, 10);
  const { handle, url } = scratch;
  const db = handle.db;
  for (let j = 0; j < JOURNEYS; j++) {
    await upsertJourneyDefinition(db, `journey-${j}`, {
      name: `Journey ${j}`,
      description: undefined,
      touchpoints: Array.from({ length: TOUCHPOINTS }, (_, t) => ({ key: `step-${t}`, name: `Step ${t}`, channel: t % 2 ? 'online' : 'offline' })),
    });
  }
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  try {
    // (1) Ingest with and without attributes, interleaved so both see the same database state.
    const app = await startApp({ config: parseConfig({ PORT: '0', INGEST_TOKEN: TOKEN, DATABASE_URL: url, LOG_LEVEL: 'silent' }), logger: silentLogger, db: handle });
    const endpoint = `http://127.0.0.1:${app.port}/api/v1/responses`;
    const now = Date.now() - 60_000;
    const totals = { plain: { seconds: 0, accepted: 0 }, attrs: { seconds: 0, accepted: 0 } };
    try {
      await postAll(endpoint, Array.from({ length: 6 }, (_, b) => makeBody('warm', b, now, b % 2 === 0)));
      for (let round = 0; round < ROUNDS; round++) {
        for (const kind of round % 2 === 0 ? (['plain', 'attrs'] as const) : (['attrs', 'plain'] as const)) {
          const bodies = Array.from({ length: BATCHES_PER_ROUND }, (_, b) => makeBody(`${kind}${round}`, b, now, kind === 'attrs'));
          const r = await postAll(endpoint, bodies);
          totals[kind].seconds += r.seconds;
          totals[kind].accepted += r.accepted;
        }
      }
    } finally {
      agent.destroy();
      await app.close();
    }
    const plainRate = totals.plain.accepted / totals.plain.seconds;
    const attrRate = totals.attrs.accepted / totals.attrs.seconds;
    ctx.log(`ingest: without attributes ${fmt(plainRate)}/s, with 5 attributes ${fmt(attrRate)}/s`);
    const [rolled] = await queryRows<{ n: number }>(db, sql`select coalesce(sum(c0+c1+c2+c3+c4+c5+c6+c7+c8+c9+c10), 0)::int as n from response_attribute_daily`);
    if (rolled?.n !== (totals.attrs.accepted + 3 * BATCH_SIZE) * KEYS.length) throw new Error(`attribute rollup holds ${rolled?.n}, expected ${(totals.attrs.accepted + 3 * BATCH_SIZE) * KEYS.length}`);

    // (2) Bulk answers. Through the triggers the load runs at the ingest rate above (hours for
    // 10M on this machine), so the backfill path is used: rows inserted with the user triggers
    // off, then both rollups built set-based and checked against the raw rows.
    const ids = (await queryRows<{ id: number }>(db, sql`select id from touchpoints order by id`)).map((r) => r.id);
    const idArray = `{${ids.join(',')}}`;
    const attrExpr = sql.raw(
      `jsonb_build_object(${KEYS.map((k, i) => `'${k}', '${k}-' || ((hashint4(g * 5 + ${i}) & 2147483647) % ${VALUES})`).join(', ')})`,
    );
    const loadStart = performance.now();
    await db.execute(sql`truncate responses`);
    await db.execute(sql`alter table responses disable trigger user`);
    for (let lo = 0; lo < rows; lo += CHUNK) {
      const hi = Math.min(rows, lo + CHUNK) - 1;
      await db.execute(sql`
        insert into responses (touchpoint_id, metric, score, responded_at, source, external_id, attributes)
        select (${idArray}::int[])[1 + (hashint4(g * 3 + 1) & 2147483647) % ${ids.length}], 'nps',
               (hashint4(g * 3 + 2) & 2147483647) % 11,
               now() - make_interval(secs => (hashint4(g * 3) & 2147483647) % ${DAYS * 86_400}),
               'bulk', g::text, ${attrExpr}
        from generate_series(${lo}::int, ${hi}::int) as g`);
      const done = hi + 1;
      ctx.log(`loaded ${fmt(done)} / ${fmt(rows)} (${fmt(done / ((performance.now() - loadStart) / 1000))}/s)`);
    }
    await db.execute(sql`alter table responses enable trigger user`);
    const counts = sql.raw(Array.from({ length: 11 }, (_, k) => `count(*) filter (where score = ${k})::int`).join(', '));
    const cols = sql.raw(Array.from({ length: 11 }, (_, k) => `c${k}`).join(', '));
    await db.execute(sql`insert into response_daily (touchpoint_id, metric, day, ${cols})
      select touchpoint_id, metric, (responded_at at time zone 'UTC')::date, ${counts} from responses group by 1, 2, 3`);
    ctx.log('response_daily built');
    await db.execute(sql`insert into response_attribute_daily (touchpoint_id, attr_key, day, metric, attr_value, ${cols})
      select r.touchpoint_id, a.key, (r.responded_at at time zone 'UTC')::date, r.metric, a.value, ${counts}
      from responses r cross join lateral jsonb_each_text(r.attributes) as a group by 1, 2, 3, 4, 5`);
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const [check] = await queryRows<{ rolled: number }>(db, sql`select sum(c0+c1+c2+c3+c4+c5+c6+c7+c8+c9+c10)::float8 as rolled from response_attribute_daily`);
    if (check?.rolled !== rows * KEYS.length) throw new Error(`attribute rollup holds ${check?.rolled}, expected ${rows * KEYS.length}`);
    await db.execute(sql`vacuum analyze responses`);
    await db.execute(sql`vacuum analyze response_attribute_daily`);
    await db.execute(sql`vacuum analyze response_daily`);
    const [sizes] = await queryRows<{ responses: number; rollup: number; rollup_bytes: string }>(
      db,
      sql`select (select count(*) from responses)::float8 as responses, (select count(*) from response_attribute_daily)::float8 as rollup,
          pg_size_pretty(pg_total_relation_size('response_attribute_daily')) as rollup_bytes`,
    );

    // Breakdowns.
    const segments = createSegmentsService(db);
    const windowOf = (spec: string, tz: string): PeriodWindow => {
      const parsed = parsePeriod(spec);
      if (!parsed.ok) throw new Error(spec);
      return resolvePeriod(parsed.spec, new Date(), tz);
    };
    const [journey] = await queryRows<{ id: number }>(db, sql`select id from journeys where key = 'journey-3'`);
    const [tp] = await queryRows<{ id: number }>(db, sql`select id from touchpoints where journey_id = ${journey!.id} and key = 'step-4'`);
    const zones = ['Asia/Tokyo', 'UTC', 'America/New_York'];
    const measure = async (what: (i: number) => Promise<unknown>) => {
      await what(0);
      const times: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        const t0 = performance.now();
        await what(i);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      return { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] ?? NaN };
    };
    const journey90 = await measure(async (i) => {
      const b = await segments.journeyBreakdown(journey!.id, KEYS[i % KEYS.length]!, windowOf('90d', zones[i % zones.length]!));
      if (!b || b.segments.length !== VALUES) throw new Error(`expected ${VALUES} segments, got ${b?.segments.length}`);
    });
    const journey30 = await measure((i) => segments.journeyBreakdown(journey!.id, KEYS[i % KEYS.length]!, windowOf('30d', zones[i % zones.length]!)));
    const touchpoint90 = await measure((i) => segments.touchpointBreakdown(tp!.id, KEYS[i % KEYS.length]!, windowOf('90d', zones[i % zones.length]!)));
    const channel90 = await measure((i) => segments.byChannel(journey!.id, windowOf('90d', zones[i % zones.length]!)));
    const behind7 = await measure((i) => segments.behindChange(tp!.id, windowOf('7d', zones[i % zones.length]!)));
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    const line = (name: string, s: { p50: number; p95: number; max: number }, target?: number) =>
      `| ${name} | ${ms(s.p50)} | **${ms(s.p95)}** | ${ms(s.max)} | ${target === undefined ? '—' : s.p95 <= target ? `≤ ${target} ms: met` : `≤ ${target} ms: missed by ${ms(s.p95 - target)}`} |`;
    ctx.log(`journey 90d breakdown p95 ${ms(journey90.p95)}`);
    return `Database \`${DATABASE}\` (re-created), ${JOURNEYS} journeys × ${TOUCHPOINTS} touchpoints; attribute keys ${KEYS.map((k) => `\`${k}\``).join(', ')} with ${VALUES} values each.

**Ingest, same run, same database** (HTTP server from \`startApp\`, ${CLIENTS} concurrent clients, batches of ${fmt(BATCH_SIZE)} NPS answers over 90 days, ${ROUNDS} interleaved rounds of ${BATCHES_PER_ROUND} batches per kind):

| batches | answers | time | answers/s |
|---|---:|---:|---:|
| without attributes | ${fmt(totals.plain.accepted)} | ${totals.plain.seconds.toFixed(2)} s | **${fmt(plainRate)}** |
| with 5 attributes each | ${fmt(totals.attrs.accepted)} | ${totals.attrs.seconds.toFixed(2)} s | **${fmt(attrRate)}** |

- With attributes: ${(attrRate / plainRate).toFixed(2)}× the rate without (target ≥ 20,000/s — ${attrRate >= 20_000 ? 'met' : `missed by ${fmt(20_000 - attrRate)}/s`}). The attribute rollup is kept by statement-level triggers (one grouped upsert per batch); its counts were checked to equal answers × keys.

**Breakdowns at ${fmt(sizes?.responses ?? 0)} answers** (the ingest rows replaced by ${fmt(rows)} answers over ${DAYS} days, backfilled with \`INSERT … SELECT\` in chunks of ${fmt(CHUNK)} with the triggers off and both rollups then built with one \`INSERT … SELECT … GROUP BY\` each, ${loadSeconds.toFixed(0)} s in all; \`response_attribute_daily\` then holds ${fmt(sizes?.rollup ?? 0)} rows, ${sizes?.rollup_bytes ?? '?'}).
Each row: ${CALLS} calls after one warm-up, keys and timezones (${zones.join(', ')}) rotating; every journey call returned all ${VALUES} values with current and previous period.

| call | p50 | p95 | max | target |
|---|---:|---:|---:|---|
${line('`journeyBreakdown` 90d (10 touchpoints, one key)', journey90, 100)}
${line('`journeyBreakdown` 30d', journey30)}
${line('`touchpointBreakdown` 90d', touchpoint90)}
${line('`byChannel` 90d', channel90)}
${line('`behindChange` 7d (all 5 keys)', behind7)}
`;
  } finally {
    await scratch.drop();
  }
}

const bench: Benchmark = { name: 'breakdown', run };
export default bench;
