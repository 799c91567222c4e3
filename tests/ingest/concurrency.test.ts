import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/client.js';
import { queryRows } from '../../src/db/rows.js';
import { ingestRoutes } from '../../src/http/ingestRoutes.js';
import { createHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';
import { upsertJourneyDefinition } from '../../src/db/queries/ingest.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

/**
 * Concurrent batches whose rows overlap: every request must succeed and the totals must be
 * exact. Real Postgres is where lock ordering matters (PGlite has one connection and runs
 * transactions one after another), so the large variant runs there; the small one runs on both.
 */

const TOKEN = 'concurrency-token-0123456789';
const NOW = new Date('2026-03-15T12:00:00Z');
const TOUCHPOINTS = ['ad', 'cart', 'checkout', 'delivery'] as const;

interface Harness {
  test: TestDb;
  /** A pool large enough that every concurrent request has its own connection. */
  pool: DbHandle;
  server: Server;
  base: string;
  errors: string[];
  retries: string[];
}

async function startHarness(poolSize: number): Promise<Harness> {
  const test = await createTestDb();
  const pool = test.url ? await createDb({ databaseUrl: test.url, maxConnections: poolSize }) : test;
  await upsertJourneyDefinition(pool.db, 'purchase', {
    name: 'Purchase',
    description: undefined,
    touchpoints: TOUCHPOINTS.map((key) => ({ key, name: key, channel: undefined })),
  });
  const errors: string[] = [];
  const retries: string[] = [];
  // Retries are warnings: allowed, but counted so that contention stays visible.
  const logger = createLogger('warn', {}, (line) => ((JSON.parse(line) as { level: string }).level === 'error' ? errors : retries).push(line));
  const server = createHttpServer({
    routes: ingestRoutes({ db: pool.db, token: TOKEN, maxBodyBytes: 5_000_000, logger, now: () => NOW }),
    logger,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { test, pool, server, base, errors, retries };
}

async function stopHarness(h: Harness | undefined): Promise<void> {
  if (!h) return;
  await new Promise<void>((resolve) => h.server.close(() => resolve()));
  if (h.pool !== h.test) await h.pool.close();
  await h.test.close();
}

/** Deterministic shuffle (mulberry32) so a failing order can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Answer n: spread over touchpoints and days so concurrent batches share response_daily rows. */
const answer = (n: number) => ({
  id: `a-${n}`,
  journey: 'purchase',
  touchpoint: TOUCHPOINTS[n % TOUCHPOINTS.length]!,
  metric: 'nps',
  score: n % 11,
  comment: `comment ${n}`,
  customer: `c-${n % 97}`,
  respondedAt: `2026-03-${String(1 + (n % 10)).padStart(2, '0')}T10:00:00Z`,
});

interface Sent {
  status: number;
  accepted: number;
  duplicates: number;
}

async function postJson(base: string, path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function sendAll(h: Harness, source: string, batches: number[][]): Promise<Sent[]> {
  return Promise.all(
    batches.map(async (ids) => {
      const { status, json } = await postJson(h.base, '/api/v1/responses', { source, responses: ids.map(answer) });
      return { status, accepted: Number(json.accepted ?? 0), duplicates: Number(json.duplicates ?? 0) };
    }),
  );
}

async function expectExactTotals(h: Harness, source: string, sent: Sent[], batches: number[][]): Promise<void> {
  const distinct = new Set(batches.flat());
  const failed = sent.filter((s) => s.status !== 200);
  expect({ failed: failed.length, of: sent.length, errors: h.errors.slice(0, 3).map((e) => e.slice(0, 300)) }).toEqual({ failed: 0, of: sent.length, errors: [] });
  expect(sent.reduce((n, s) => n + s.accepted, 0)).toBe(distinct.size);
  expect(sent.reduce((n, s) => n + s.accepted + s.duplicates, 0)).toBe(batches.reduce((n, b) => n + b.length, 0));
  const [stored] = await queryRows<{ n: number }>(h.pool.db, sql`select count(*)::int as n from responses where source = ${source}`);
  expect(stored!.n).toBe(distinct.size);
  // The rollup must agree with the rows, group by group.
  const mismatched = await queryRows<{ n: number }>(
    h.pool.db,
    sql`with truth as (
          select touchpoint_id, metric, (responded_at at time zone 'UTC')::date as day, count(*)::int as n
          from responses group by 1, 2, 3
        ), rolled as (
          select touchpoint_id, metric, day, (c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10)::int as n from response_daily
        )
        select count(*)::int as n from truth full join rolled using (touchpoint_id, metric, day)
        where truth.n is distinct from rolled.n and coalesce(rolled.n, 0) <> coalesce(truth.n, 0)`,
  );
  expect(mismatched[0]!.n).toBe(0);
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

function overlappingWindows(clients: number, rounds: number, width: number, step: number, offset: number): number[][] {
  const batches: number[][] = [];
  for (let round = 0; round < rounds; round++) {
    for (let c = 0; c < clients; c++) {
      const from = offset + round * clients * step + c * step;
      batches.push(shuffled(range(from, from + width), round * 100 + c + 1));
    }
  }
  return batches;
}

function stepMetricBatches(clients: number, days: number, reachedBase: number): Array<Array<{ journey: string; touchpoint: string; day: string; reached: number }>> {
  const rows = TOUCHPOINTS.flatMap((touchpoint) =>
    range(0, days).map((d) => ({ journey: 'purchase', touchpoint, day: new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10) })),
  );
  return range(0, clients).map((c) => shuffled(rows, 7 + c).map((r) => ({ ...r, reached: reachedBase + c })));
}

async function sendStepMetrics(h: Harness, batches: ReturnType<typeof stepMetricBatches>): Promise<Array<{ status: number; written: number }>> {
  return Promise.all(
    batches.map(async (metrics) => {
      const { status, json } = await postJson(h.base, '/api/v1/step-metrics', { metrics });
      return { status, written: Number(json.written ?? 0) };
    }),
  );
}

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('concurrent overlapping batches on Postgres', () => {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness(32);
  });
  afterAll(async () => {
    if (h && h.retries.length > 0) console.info(`concurrency: ${h.retries.length} write(s) retried after a transient error`);
    await stopHarness(h);
  });

  it('answers 200 to all 30 requests of 10 clients sending overlapping windows, with exact totals', async () => {
    // 3 rounds of 10 clients, each 1,000 ids wide and 200 apart: every id is in up to 5 batches.
    const batches = overlappingWindows(10, 3, 1000, 200, 0);
    const sent = await sendAll(h!, 'windows', batches);
    await expectExactTotals(h!, 'windows', sent, batches);
  });

  it('answers 200 to 30 requests of the same 2,000 ids in three orders, with exact totals', async () => {
    const ids = range(100_000, 102_000);
    const orders = [ids, [...ids].reverse(), shuffled(ids, 42)];
    const batches = range(0, 30).map((i) => orders[i % 3]!);
    const sent = await sendAll(h!, 'orders', batches);
    await expectExactTotals(h!, 'orders', sent, batches);
  });

  it('answers 200 to 10 concurrent step-metric upserts of the same days in different orders', async () => {
    const batches = stepMetricBatches(10, 50, 1000);
    const sent = await sendStepMetrics(h!, batches);
    expect({ failed: sent.filter((s) => s.status !== 200).length, errors: h!.errors.slice(0, 3).map((e) => e.slice(0, 300)) }).toEqual({ failed: 0, errors: [] });
    expect(sent.every((s) => s.written === TOUCHPOINTS.length * 50)).toBe(true);
    const [row] = await queryRows<{ n: number; lo: number; hi: number }>(
      h!.pool.db,
      sql`select count(*)::int as n, min(reached)::int as lo, max(reached)::int as hi from step_metrics where day < '2026-03-01'`,
    );
    expect(row!.n).toBe(TOUCHPOINTS.length * 50);
    // Whichever batch committed last wins, but each value is one a client sent.
    expect(row!.lo).toBeGreaterThanOrEqual(1000);
    expect(row!.hi).toBeLessThan(1010);
  });
});

describe('concurrent overlapping batches (small, every database)', () => {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness(8);
  });
  afterAll(async () => stopHarness(h));

  it('answers 200 to every overlapping batch with exact accepted/duplicates totals', async () => {
    const batches = overlappingWindows(4, 2, 200, 50, 500_000);
    const sent = await sendAll(h!, 'small', batches);
    await expectExactTotals(h!, 'small', sent, batches);
  });

  it('answers 200 to concurrent step-metric upserts of the same days', async () => {
    const sent = await sendStepMetrics(h!, stepMetricBatches(4, 10, 2000));
    expect(sent.map((s) => s.status)).toEqual([200, 200, 200, 200]);
    expect(sent.every((s) => s.written === TOUCHPOINTS.length * 10)).toBe(true);
  });
});
