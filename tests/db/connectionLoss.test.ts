import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDatabaseUrl, type TestDb } from '../helpers/db.js';

/**
 * The database server dropping the bot's connections (failover, restart, an admin's
 * pg_terminate_backend) must cost at most the requests in flight: the process stays up and
 * later requests succeed. The bot runs in a child process because an uncaught exception from
 * the driver (postgres.js 3.4.9 writing to a closed socket from a setImmediate) kills the
 * process, which is what this guards against; see patches/README.md.
 */
const TOKEN = 'test-ingest-token-0123456789';
const ROUNDS = 12;
const KILLS_PER_ROUND = 6;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe.runIf(Boolean(testDatabaseUrl))('losing database connections under load (real Postgres)', () => {
  let db: TestDb;
  let admin: postgres.Sql;
  let child: ChildProcess;
  let base: string;
  let dbName: string;
  let stderr = '';
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  beforeAll(async () => {
    db = await createTestDb();
    if (!db.url || !testDatabaseUrl) throw new Error('needs TEST_DATABASE_URL');
    dbName = new URL(db.url).pathname.slice(1);
    admin = postgres(testDatabaseUrl, { max: 1, onnotice: () => undefined });
    const script = fileURLToPath(new URL('../helpers/appProcess.ts', import.meta.url));
    child = fork(script, [], {
      execArgv: ['--import', 'tsx'],
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, PORT: '0', INGEST_TOKEN: TOKEN, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('exit', (code, signal) => {
      exit = { code, signal };
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m: unknown) => resolve((m as { port: number }).port));
      child.once('exit', () => reject(new Error(`bot exited before it was ready:\n${stderr}`)));
    });
    base = `http://127.0.0.1:${port}`;
    const res = await call('PUT', '/api/v1/journeys/online-purchase', {
      name: 'オンライン購入',
      touchpoints: [
        { key: 'cart', name: 'カート' },
        { key: 'checkout', name: '購入手続き' },
      ],
    });
    expect(res.status).toBe(201);
  });

  afterAll(async () => {
    if (child && exit === null) {
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' });
      await Promise.race([gone, sleep(5000)]);
      if (exit === null) child.kill('SIGKILL');
    }
    await admin?.end();
    await db?.close();
  });

  function call(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
  }

  let seq = 0;
  const batch = () => ({
    responses: [0, 1, 2].map((i) => ({
      id: `load-${++seq}`,
      journey: 'online-purchase',
      touchpoint: i === 0 ? 'cart' : 'checkout',
      metric: 'nps',
      score: seq % 11,
      respondedAt: '2026-03-14T10:00:00Z',
    })),
  });

  // Journey updates are multi-statement transactions: a backend killed between two of their
  // statements is what used to crash the driver (the rollback is written to the dead socket).
  let turn = 0;
  const request = (n: number): Promise<Response> => {
    if (n % 4 === 0) return call('GET', '/healthz');
    if (n % 4 === 1) {
      return call('PUT', `/api/v1/journeys/load-${n % 3}`, {
        name: `負荷 ${n % 3}`,
        touchpoints: [
          { key: 'a', name: 'A' },
          { key: n % 2 ? 'b' : 'c', name: 'B' },
        ],
      });
    }
    return call('POST', '/api/v1/responses', batch());
  };

  /** Requests until told to stop; returns the statuses seen (0 = no HTTP answer at all). */
  async function worker(stop: { done: boolean }, statuses: number[]): Promise<void> {
    while (!stop.done && exit === null) {
      const res = await request(++turn).catch(() => null);
      statuses.push(res?.status ?? 0);
      await res?.arrayBuffer().catch(() => undefined);
    }
  }

  async function terminateBackends(): Promise<number> {
    const rows = await admin<{ n: number }[]>`
      select count(*)::int as n from (
        select pg_terminate_backend(pid) from pg_stat_activity where datname = ${dbName} and pid <> pg_backend_pid()
      ) t`;
    return rows[0]?.n ?? 0;
  }

  it('stays up while its backends are terminated repeatedly, and answers afterwards', { timeout: 120_000 }, async () => {
    const statuses: number[] = [];
    let terminated = 0;
    for (let round = 0; round < ROUNDS && exit === null; round++) {
      const stop = { done: false };
      const load = Promise.all(Array.from({ length: 12 }, () => worker(stop, statuses)));
      for (let k = 0; k < KILLS_PER_ROUND && exit === null; k++) {
        await sleep(15 + Math.floor(Math.random() * 60));
        terminated += await terminateBackends();
      }
      stop.done = true;
      await load;
    }
    // A crash shows up as an exit a moment after the last termination.
    await sleep(300);
    expect(exit, `the bot died:\n${stderr}`).toBeNull();
    expect(terminated).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 200 || s === 201).length).toBeGreaterThan(0);
    // Failures are only the requests caught mid-flight: a 500, never a dropped connection.
    expect(statuses.filter((s) => ![200, 201, 500, 503].includes(s))).toEqual([]);

    // The pool reconnects on its own: the next requests succeed.
    let first: Response | null = null;
    for (let i = 0; i < 20 && first?.status !== 200; i++) {
      first = await call('POST', '/api/v1/responses', batch());
      if (first.status !== 200) await sleep(100);
    }
    expect(first?.status).toBe(200);
    const health = await call('GET', '/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, db: 'postgres' });
    const later = await call('POST', '/api/v1/responses', batch());
    expect(later.status).toBe(200);
    expect(exit).toBeNull();
  });
});
