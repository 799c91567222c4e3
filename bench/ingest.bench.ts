/**
 * Ingest throughput: POST /api/v1/responses on the real HTTP server (batches of 1,000, a few
 * concurrent clients, idempotency on) against raw COPY of the same number of rows into the
 * same table on the same database, plus a re-send of every batch (all duplicates).
 * Runs on its own database (jp_bench_ingest), dropped and re-created each time.
 */
import { Agent, request } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { startApp } from '../src/main.js';
import { parseConfig } from '../src/config.js';
import { queryRows } from '../src/db/rows.js';
import { silentLogger } from '../src/logger.js';
import { upsertJourneyDefinition } from '../src/db/queries/ingest.js';
import type { Benchmark, BenchContext } from './index.js';
import { createScratchDatabase } from './scratchDatabase.js';

const DATABASE = 'jp_bench_ingest';
const JOURNEYS = 20;
const TOUCHPOINTS = 10;
const BATCHES = 240;
const BATCH_SIZE = 1000;
const CLIENTS = 4;
const WARMUP_BATCHES = 8;
const TOKEN = 'bench-ingest-token-0123456789abcdef';
const COMMENTS = ['配達が遅れました', 'とても丁寧な対応でした', 'Checkout was confusing.', 'Great service!'];

interface Row {
  id: string;
  journey: string;
  touchpoint: string;
  metric: 'nps';
  score: number;
  comment?: string;
  respondedAt: string;
}

function makeRows(prefix: string, batch: number, now: number): Row[] {
  // A small LCG keeps runs comparable without pulling in the demo generator.
  let seed = (batch + 1) * 2654435761;
  const rand = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  return Array.from({ length: BATCH_SIZE }, (_, i) => {
    const j = Math.floor(rand() * JOURNEYS);
    const t = Math.floor(rand() * TOUCHPOINTS);
    const withComment = rand() < 0.2;
    return {
      id: `${prefix}-${batch}-${i}`,
      journey: `journey-${j}`,
      touchpoint: `step-${t}`,
      metric: 'nps',
      score: Math.floor(rand() * 11),
      ...(withComment ? { comment: COMMENTS[Math.floor(rand() * COMMENTS.length)]! } : {}),
      respondedAt: new Date(now - Math.floor(rand() * 90 * 86_400_000)).toISOString(),
    };
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function postAll(url: string, bodies: string[], clients: number): Promise<{ seconds: number; latencies: number[]; accepted: number; duplicates: number }> {
  let next = 0;
  let accepted = 0;
  let duplicates = 0;
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const i = next++;
        const body = bodies[i];
        if (body === undefined) return;
        const start = performance.now();
        const res = await post(url, body);
        const json = JSON.parse(res.body) as { accepted?: number; duplicates?: number; message?: string };
        if (res.status !== 200) throw new Error(`batch ${i}: HTTP ${res.status} ${json.message ?? ''}`);
        latencies.push(performance.now() - start);
        accepted += json.accepted ?? 0;
        duplicates += json.duplicates ?? 0;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { seconds: (performance.now() - t0) / 1000, latencies, accepted, duplicates };
}

// node:http with a keep-alive agent: the clients share the server's two cores, and this costs
// them less CPU than fetch, so the figure is closer to what the server alone can do.
const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
function post(url: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function run(ctx: BenchContext): Promise<string> {
  const scratch = await createScratchDatabase(ctx.databaseUrl, DATABASE, 10);
  const { handle, url } = scratch;
  for (let j = 0; j < JOURNEYS; j++) {
    await upsertJourneyDefinition(handle.db, `journey-${j}`, {
      name: j % 2 ? `Journey ${j}` : `ジャーニー${j}`,
      description: undefined,
      touchpoints: Array.from({ length: TOUCHPOINTS }, (_, t) => ({ key: `step-${t}`, name: `Step ${t}`, channel: undefined })),
    });
  }
  const app = await startApp({
    config: parseConfig({ PORT: '0', INGEST_TOKEN: TOKEN, DATABASE_URL: url, LOG_LEVEL: 'silent' }),
    logger: silentLogger,
    db: handle,
  });
  const endpoint = `http://127.0.0.1:${app.port}/api/v1/responses`;
  const now = Date.now() - 60_000;
  try {
    ctx.log(`preparing ${BATCHES} batches of ${BATCH_SIZE}`);
    const warmup = Array.from({ length: WARMUP_BATCHES }, (_, b) => JSON.stringify({ source: 'warmup', responses: makeRows('w', b, now) }));
    const bodies = Array.from({ length: BATCHES }, (_, b) => JSON.stringify({ source: 'bench', responses: makeRows('h', b, now) }));
    await postAll(endpoint, warmup, CLIENTS);

    ctx.log(`HTTP: ${BATCHES} batches, ${CLIENTS} clients`);
    const http = await postAll(endpoint, bodies, CLIENTS);
    if (http.accepted !== BATCHES * BATCH_SIZE) throw new Error(`expected ${BATCHES * BATCH_SIZE} accepted, got ${http.accepted}`);
    const httpRate = http.accepted / http.seconds;

    ctx.log('re-sending every batch (all duplicates)');
    const resend = await postAll(endpoint, bodies, CLIENTS);
    if (resend.accepted !== 0 || resend.duplicates !== BATCHES * BATCH_SIZE) throw new Error('re-send was not all duplicates');
    const resendRate = resend.duplicates / resend.seconds;

    ctx.log('COPY of the same number of rows');
    const tpIds = await queryRows<{ id: number }>(handle.db, sql`select id from touchpoints order by id`);
    const copySql = postgres(url, { max: 1, onnotice: () => undefined });
    const lines = function* (): Generator<string> {
      for (let b = 0; b < BATCHES; b++) {
        const rows = makeRows('c', b, now);
        let chunk = '';
        rows.forEach((r) => {
          const tp = tpIds[(Number(r.journey.slice(8)) * TOUCHPOINTS + Number(r.touchpoint.slice(5))) % tpIds.length]!.id;
          chunk += `${tp}\tnps\t${r.score}\t${r.comment ?? '\\N'}\t\\N\t${r.respondedAt}\tcopy\t${r.id}\n`;
        });
        yield chunk;
      }
    };
    const copyStart = performance.now();
    const writable = await copySql`copy responses (touchpoint_id, metric, score, comment, customer_ref, responded_at, source, external_id) from stdin`.writable();
    await pipeline(Readable.from(lines()), writable);
    const copySeconds = (performance.now() - copyStart) / 1000;
    await copySql.end();
    const copyRate = (BATCHES * BATCH_SIZE) / copySeconds;

    const [check] = await queryRows<{ n: number; rolled: number }>(
      handle.db,
      sql`select (select count(*)::int from responses) as n,
        (select sum(c0+c1+c2+c3+c4+c5+c6+c7+c8+c9+c10)::int from response_daily) as rolled`,
    );
    const total = (BATCHES * 2 + WARMUP_BATCHES) * BATCH_SIZE;
    if (check?.n !== total || check.rolled !== total) throw new Error(`row check failed: ${JSON.stringify(check)} (expected ${total})`);

    const fmt = (n: number) => Math.round(n).toLocaleString('en');
    const ms = (n: number) => `${n.toFixed(0)} ms`;
    ctx.log(`HTTP ${fmt(httpRate)}/s, COPY ${fmt(copyRate)}/s, ratio ${(httpRate / copyRate).toFixed(2)}, re-send ${fmt(resendRate)}/s`);
    return `Database \`${DATABASE}\` (re-created), ${JOURNEYS} journeys × ${TOUCHPOINTS} touchpoints. HTTP: the real server (\`startApp\`, postgres.js pool of 10) on 127.0.0.1,
${CLIENTS} concurrent clients in the same process, ${BATCHES} batches of ${fmt(BATCH_SIZE)} fresh NPS answers (20% with a comment,
90 days of timestamps) after ${WARMUP_BATCHES} warm-up batches; each batch is validated with zod, its keys resolved and inserted in one
\`INSERT … SELECT FROM jsonb_to_recordset … ON CONFLICT (source, external_id) DO NOTHING\`, with the response_daily rollup triggers on.
COPY: the same number of rows through \`COPY responses … FROM STDIN\` on one connection, same table, same triggers.

| path | rows | time | rows/s | per batch p50 / p95 |
|---|---:|---:|---:|---:|
| HTTP \`POST /api/v1/responses\` (new rows) | ${fmt(http.accepted)} | ${http.seconds.toFixed(2)} s | **${fmt(httpRate)}** | ${ms(percentile(http.latencies, 50))} / ${ms(percentile(http.latencies, 95))} |
| HTTP re-send of the same batches (all duplicates) | ${fmt(resend.duplicates)} | ${resend.seconds.toFixed(2)} s | ${fmt(resendRate)} | ${ms(percentile(resend.latencies, 50))} / ${ms(percentile(resend.latencies, 95))} |
| raw \`COPY\` | ${fmt(BATCHES * BATCH_SIZE)} | ${copySeconds.toFixed(2)} s | ${fmt(copyRate)} | — |

- HTTP / COPY ratio: **${(httpRate / copyRate).toFixed(2)}** (target: HTTP ≥ 20,000 responses/s — ${httpRate >= 20_000 ? 'met' : `missed by ${fmt(20_000 - httpRate)}/s`}).
- Re-sent batches stored nothing twice: ${fmt(resend.duplicates)} duplicates, 0 accepted; responses and response_daily both hold ${fmt(total)} rows.
`;
  } finally {
    agent.destroy();
    await app.close();
    await scratch.drop();
  }
}

const bench: Benchmark = { name: 'ingest', run };
export default bench;
