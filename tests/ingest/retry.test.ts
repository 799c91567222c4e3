import { sql } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/client.js';
import { queryRows } from '../../src/db/rows.js';
import { dbErrorCause, errorCause, isRetryableTransactionError } from '../../src/errorCause.js';
import { withTransactionRetry, type RetryInfo } from '../../src/db/retry.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

/** What drizzle throws: the query and its params in the message, the driver's error in `.cause`. */
const wrapped = (code: string, extra: Record<string, unknown> = {}) =>
  new DrizzleQueryError('insert into responses values ($1)', ['secret comment'], Object.assign(new Error(`pg says ${code}`), { name: 'PostgresError', code, ...extra }));

describe('errorCause', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await t.db.execute(sql`create table cause_probe (id int primary key, note text not null)`);
    await t.db.execute(sql`insert into cause_probe values (1, 'first')`);
  });
  afterAll(async () => t.close());

  it('summarises a real failed query by its Postgres fields, without query, params or detail', async () => {
    const err: unknown = await t.db.execute(sql`insert into cause_probe values (1, ${'secret note'})`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    const cause = errorCause(err);
    expect(cause).toEqual({ name: expect.any(String) as unknown, message: expect.stringMatching(/duplicate key/) as unknown, code: '23505', constraint: 'cause_probe_pkey', table: 'cause_probe' });
    expect(JSON.stringify(cause)).not.toMatch(/secret|insert into|Key \(id\)/);
    expect(isRetryableTransactionError(err)).toBe(false);
  });

  it('names the column of a not-null violation', async () => {
    const err: unknown = await t.db.execute(sql`insert into cause_probe values (2, null)`).catch((e: unknown) => e);
    expect(dbErrorCause(err)).toMatchObject({ code: '23502', table: 'cause_probe', column: 'note' });
  });

  it('recognises deadlocks and serialization failures through the wrapper', () => {
    expect(isRetryableTransactionError(wrapped('40P01'))).toBe(true);
    expect(isRetryableTransactionError(wrapped('40001'))).toBe(true);
    expect(isRetryableTransactionError(wrapped('23505'))).toBe(false);
    expect(isRetryableTransactionError(new Error('40P01'))).toBe(false);
    expect(errorCause(wrapped('40P01', { detail: 'Process 1 waits for ShareLock', constraint_name: 'x_pk', table_name: 'x' }))).toEqual({
      name: 'PostgresError',
      message: 'pg says 40P01',
      code: '40P01',
      constraint: 'x_pk',
      table: 'x',
    });
  });

  it('never returns query text for non-Postgres causes, and copes with odd values', () => {
    const refused = new DrizzleQueryError('select $1', ['secret'], Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    expect(errorCause(refused)).toEqual({ name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:5432', code: 'ECONNREFUSED' });
    const bare = new DrizzleQueryError('select $1', ['secret'], new Error('inner'));
    delete (bare as { cause?: unknown }).cause;
    expect(JSON.stringify(errorCause(bare))).not.toMatch(/secret|select/);
    expect(errorCause('just a string')).toEqual({ name: 'Error', message: 'just a string' });
    expect(errorCause(undefined)).toEqual({ name: 'Error', message: 'undefined' });
    const loop: Error & { cause?: unknown } = new TypeError('loop');
    loop.cause = loop;
    expect(errorCause(loop)).toEqual({ name: 'TypeError', message: 'loop' });
    expect(errorCause(new Error('x'.repeat(5000))).message.length).toBeLessThan(600);
  });
});

describe('withTransactionRetry', () => {
  const noSleep = { sleep: async () => undefined, random: () => 0.5 };

  it('runs the work again after deadlocks and reports each cause', async () => {
    let calls = 0;
    const seen: RetryInfo[] = [];
    const outcome = await withTransactionRetry(
      async () => {
        calls++;
        if (calls < 3) throw wrapped(calls === 1 ? '40P01' : '40001');
        return 'stored';
      },
      { ...noSleep, baseDelayMs: 10, onRetry: (info) => seen.push(info) },
    );
    expect(outcome).toEqual({ value: 'stored', retried: [expect.objectContaining({ code: '40P01' }), expect.objectContaining({ code: '40001' })] });
    expect(seen.map((s) => [s.attempt, s.delayMs])).toEqual([
      [1, 15],
      [2, 30],
    ]);
  });

  it('gives up after the bounded number of retries with the last error', async () => {
    let calls = 0;
    const last = wrapped('40P01');
    await expect(
      withTransactionRetry(
        async () => {
          calls++;
          throw last;
        },
        { ...noSleep, retries: 3 },
      ),
    ).rejects.toBe(last);
    expect(calls).toBe(4);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    await expect(
      withTransactionRetry(async () => {
        calls++;
        throw wrapped('23505');
      }, noSleep),
    ).rejects.toThrow(/Failed query/);
    expect(calls).toBe(1);
  });
});

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('withTransactionRetry on a real deadlock', () => {
  let t: TestDb;
  let pool: DbHandle;
  beforeAll(async () => {
    t = await createTestDb();
    pool = await createDb({ databaseUrl: t.url, maxConnections: 4 });
    await pool.db.execute(sql`create table lock_probe (id int primary key, n int not null)`);
    await pool.db.execute(sql`insert into lock_probe values (1, 0), (2, 0)`);
  });
  afterAll(async () => {
    await pool.close();
    await t.close();
  });

  it('lets both transactions of a deadlock commit, the victim after a retry', async () => {
    // Both first attempts lock one row, wait until the other has locked its row, then want the other's.
    let arrived = 0;
    let release: () => void = () => undefined;
    const bothLocked = new Promise<void>((resolve) => (release = resolve));
    const transfer = (first: number, second: number) => {
      let attempt = 0;
      return withTransactionRetry(
        () =>
          pool.db.transaction(async (tx) => {
            attempt++;
            await tx.execute(sql`update lock_probe set n = n + 1 where id = ${first}`);
            if (attempt === 1) {
              if (++arrived === 2) release();
              await bothLocked;
            }
            await tx.execute(sql`update lock_probe set n = n + 1 where id = ${second}`);
          }),
        { baseDelayMs: 5 },
      );
    };
    const [a, b] = await Promise.all([transfer(1, 2), transfer(2, 1)]);
    expect([...a.retried, ...b.retried].map((c) => c.code)).toEqual(['40P01']);
    const rows = await queryRows<{ id: number; n: number }>(pool.db, sql`select id, n from lock_probe order by id`);
    expect(rows.map((r) => r.n)).toEqual([2, 2]);
  });
});
