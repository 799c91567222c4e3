import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/main.js';
import { parseConfig } from '../../src/config.js';
import { queryRows } from '../../src/db/rows.js';
import { silentLogger } from '../../src/logger.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

const TOKEN = 'test-ingest-token-0123456789';
const NOW = new Date('2026-03-15T12:00:00Z');

describe('ingest API', () => {
  let db: TestDb;
  let app: RunningApp;
  let base: string;
  const ingested: number[][] = [];

  beforeAll(async () => {
    db = await createTestDb();
    app = await startApp({
      config: parseConfig({ PORT: '0', INGEST_TOKEN: TOKEN, INGEST_MAX_BODY_BYTES: '200000' }),
      logger: silentLogger,
      db,
      now: () => NOW,
      onIngested: (info) => ingested.push(info.touchpointIds),
    });
    base = `http://127.0.0.1:${app.port}`;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  const count = async (table: 'responses' | 'step_metrics' | 'journeys' | 'touchpoints') => {
    const [row] = await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
    return row!.n;
  };
  const purchase = {
    name: 'オンライン購入',
    description: '広告から配送まで',
    touchpoints: [
      { key: 'ad', name: '広告', channel: 'online' },
      { key: 'cart', name: 'カート' },
      { key: 'checkout', name: '購入手続き', channel: 'online' },
      { key: 'delivery', name: '配送', channel: 'offline' },
    ],
  };
  const answer = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    journey: 'online-purchase',
    touchpoint: 'checkout',
    metric: 'nps',
    score: 9,
    comment: 'とても簡単でした',
    customer: 'c-1',
    respondedAt: '2026-03-14T10:00:00+09:00',
    ...extra,
  });

  describe('journeys', () => {
    it('creates a journey with Japanese names, then lists it', async () => {
      const res = await call('PUT', '/api/v1/journeys/online-purchase', purchase);
      expect(res.status).toBe(201);
      const body = (await res.json()) as { created: boolean; touchpoints: Array<{ key: string; position: number }> };
      expect(body.created).toBe(true);
      expect(body.touchpoints.map((t) => `${t.position}:${t.key}`)).toEqual(['0:ad', '1:cart', '2:checkout', '3:delivery']);
      const list = await call('GET', '/api/v1/journeys');
      expect(list.status).toBe(200);
      const { journeys } = (await list.json()) as { journeys: Array<{ key: string; name: string; touchpoints: Array<{ name: string }> }> };
      expect(journeys).toHaveLength(1);
      expect(journeys[0]!.name).toBe('オンライン購入');
      expect(journeys[0]!.touchpoints.map((t) => t.name)).toEqual(['広告', 'カート', '購入手続き', '配送']);
    });

    it('reorders, retires missing touchpoints without deleting them, and reactivates them', async () => {
      const res = await call('PUT', '/api/v1/journeys/online-purchase', {
        ...purchase,
        touchpoints: [purchase.touchpoints[0], purchase.touchpoints[2], purchase.touchpoints[1]],
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { created: boolean; retired: string[] };
      expect(body).toMatchObject({ created: false, retired: ['delivery'] });
      const rows = await queryRows<{ key: string; position: number; active: boolean }>(
        db.db,
        sql`select key, position, active from touchpoints order by position`,
      );
      expect(rows).toEqual([
        { key: 'ad', position: 0, active: true },
        { key: 'checkout', position: 1, active: true },
        { key: 'cart', position: 2, active: true },
        { key: 'delivery', position: 3, active: false },
      ]);
      const back = await call('PUT', '/api/v1/journeys/online-purchase', purchase);
      expect(((await back.json()) as { retired: string[] }).retired).toEqual([]);
      const active = await queryRows<{ key: string }>(db.db, sql`select key from touchpoints where active order by position`);
      expect(active.map((r) => r.key)).toEqual(['ad', 'cart', 'checkout', 'delivery']);
    });

    it('refuses duplicate touchpoint keys, bad keys and blank names, writing nothing', async () => {
      const before = await count('touchpoints');
      const res = await call('PUT', '/api/v1/journeys/support', {
        name: '  ',
        touchpoints: [
          { key: 'contact', name: '問い合わせ' },
          { key: 'Contact!', name: 'x' },
          { key: 'contact', name: '重複' },
        ],
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: string; errors: Array<{ field: string; message: string }> };
      expect(body.error).toBe('invalid_journey');
      expect(body.errors).toContainEqual({ field: 'name', message: 'journey name must not be blank' });
      expect(body.errors).toContainEqual(expect.objectContaining({ field: 'touchpoints[1].key', message: expect.stringContaining('touchpoint key must be a slug') as string }));
      expect(body.errors).toContainEqual(
        expect.objectContaining({ field: 'touchpoints[2].key', message: 'duplicate touchpoint key "contact" (also at touchpoints[0])' }),
      );
      expect(await count('journeys')).toBe(1);
      expect(await count('touchpoints')).toBe(before);
      const badKey = await call('PUT', '/api/v1/journeys/Bad%20Key', purchase);
      expect(badKey.status).toBe(400);
      expect(((await badKey.json()) as { error: string }).error).toBe('invalid_key');
    });
  });

  describe('responses', () => {
    it('accepts a batch, counts re-sent answers as duplicates and never doubles', async () => {
      const batch = { responses: [answer('r1'), answer('r2', { score: 3, touchpoint: 'delivery', comment: '配達が遅れた' }), answer('r3', { metric: 'csat', score: 5 })] };
      const first = await call('POST', '/api/v1/responses', batch);
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ accepted: 3, duplicates: 0 });
      const again = await call('POST', '/api/v1/responses', { responses: [...batch.responses, answer('r4')] });
      expect(await again.json()).toEqual({ accepted: 1, duplicates: 3 });
      expect(await count('responses')).toBe(4);
      const [stored] = await queryRows<{ comment: string; customer_ref: string; at: string; source: string }>(
        db.db,
        sql`select comment, customer_ref, to_char(responded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as at, source from responses where external_id = 'r2'`,
      );
      expect(stored).toEqual({ comment: '配達が遅れた', customer_ref: 'c-1', at: '2026-03-14T01:00', source: '' });
      // The rollup follows: 4 answers counted in response_daily.
      const [daily] = await queryRows<{ n: number }>(db.db, sql`select sum(c0+c1+c2+c3+c4+c5+c6+c7+c8+c9+c10)::int as n from response_daily`);
      expect(daily!.n).toBe(4);
      expect(ingested.length).toBeGreaterThanOrEqual(2);
      expect(ingested[0]!.length).toBe(2);
    });

    it('scopes ids by source, and repeats within one batch count as duplicates', async () => {
      const res = await call('POST', '/api/v1/responses', { source: 'qualtrics', responses: [answer('r1'), answer('r1'), answer('77')] });
      expect(await res.json()).toEqual({ accepted: 2, duplicates: 1 });
      const numericId = await call('POST', '/api/v1/responses', { source: 'qualtrics', responses: [answer('x', { id: 77 })] });
      expect(await numericId.json()).toEqual({ accepted: 0, duplicates: 1 });
    });

    it('coexists with rows written directly with SQL', async () => {
      await db.db.execute(sql`
        insert into responses (touchpoint_id, metric, score, responded_at, source, external_id)
        select id, 'nps', 10, '2026-03-10T00:00:00Z', 'warehouse', 'w-1' from touchpoints where key = 'cart'`);
      const res = await call('POST', '/api/v1/responses', { source: 'warehouse', responses: [answer('w-1'), answer('w-2')] });
      expect(await res.json()).toEqual({ accepted: 1, duplicates: 1 });
    });

    const expectRejected = async (body: unknown, expected: Array<{ index?: number; field: string; message: string }>) => {
      const before = await count('responses');
      const res = await call('POST', '/api/v1/responses', body);
      expect(res.status).toBe(400);
      const json = (await res.json()) as { error: string; message: string; errors: unknown[] };
      expect(json.error).toBe('invalid_batch');
      expect(json.message).toContain('nothing was written');
      for (const e of expected) expect(json.errors).toContainEqual(e);
      expect(await count('responses')).toBe(before);
      return json;
    };

    it('checks each metric’s score range', async () => {
      const json = await expectRejected(
        {
          responses: [
            answer('ok-1'),
            answer('b1', { score: 11 }),
            answer('b2', { metric: 'csat', score: 0 }),
            answer('b3', { metric: 'ces', score: 8 }),
            answer('b4', { score: 7.5 }),
            answer('b5', { metric: 'csat', score: 6, comment: 42 }),
          ],
        },
        [
          { index: 1, field: 'score', message: 'nps score must be an integer 0–10' },
          { index: 2, field: 'score', message: 'csat score must be an integer 1–5' },
          { index: 3, field: 'score', message: 'ces score must be an integer 1–7' },
          { index: 4, field: 'score', message: 'nps score must be an integer 0–10' },
          { index: 5, field: 'score', message: 'csat score must be an integer 1–5' },
          { index: 5, field: 'comment', message: 'comment must be a string' },
        ],
      );
      expect(json.errors).toHaveLength(6);
      expect(json.message).toBe('6 problems in 5 rows; nothing was written. Fix the batch and send it again.');
    });

    it('reports unknown journeys and touchpoints per row', async () => {
      const json = await expectRejected({ responses: [answer('u0'), answer('u1', { journey: 'nope' }), answer('u2', { touchpoint: 'nope' })] }, [
        { index: 1, field: 'journey', message: 'unknown journey "nope"' },
        { index: 2, field: 'touchpoint', message: 'journey "online-purchase" has no touchpoint "nope"' },
      ]);
      expect(json.errors).toHaveLength(2);
    });

    it('reports unknown keys together with other problems in the same batch', async () => {
      const json = await expectRejected({ responses: [answer('u3', { score: 99 }), answer('u4', { touchpoint: 'nope' })] }, [
        { index: 0, field: 'score', message: 'nps score must be an integer 0–10' },
        { index: 1, field: 'touchpoint', message: 'journey "online-purchase" has no touchpoint "nope"' },
      ]);
      expect(json.errors).toHaveLength(2);
    });

    it('refuses bad, offset-less and future timestamps', async () => {
      const json = await expectRejected(
        {
          responses: [
            answer('t1', { respondedAt: 'yesterday' }),
            answer('t2', { respondedAt: '2026-03-14T10:00:00' }),
            answer('t3', { respondedAt: '2026-03-15T12:06:00Z' }),
            answer('t4', { respondedAt: '2026-03-15T12:04:00Z' }),
          ],
        },
        [
          { index: 0, field: 'respondedAt', message: 'respondedAt must be an ISO 8601 timestamp with an offset, e.g. 2026-03-01T09:30:00+09:00' },
          { index: 1, field: 'respondedAt', message: 'respondedAt must be an ISO 8601 timestamp with an offset, e.g. 2026-03-01T09:30:00+09:00' },
          { index: 2, field: 'respondedAt', message: 'respondedAt is in the future (more than 5 minutes ahead of the server clock)' },
        ],
      );
      // Exactly one message per bad timestamp, and the 4-minutes-ahead one is fine.
      expect(json.errors).toHaveLength(3);
    });

    it('names every missing field and bad metric', async () => {
      const json = await expectRejected({ responses: [{ journey: 'online-purchase' }, answer('m1', { metric: 'nss' }), 'text'] }, [
        { index: 0, field: 'id', message: 'id is required' },
        { index: 0, field: 'touchpoint', message: 'touchpoint is required' },
        { index: 0, field: 'metric', message: 'metric is required' },
        { index: 0, field: 'score', message: 'score is required' },
        { index: 0, field: 'respondedAt', message: 'respondedAt is required' },
        { index: 1, field: 'metric', message: 'metric must be one of nps, csat, ces' },
        { index: 2, field: '(row)', message: 'each response must be an object' },
      ]);
      expect(json.errors).toHaveLength(7);
    });

    it('refuses empty, missing and oversized lists', async () => {
      await expectRejected({ responses: [] }, [{ field: 'responses', message: 'responses must hold at least one answer' }]);
      await expectRejected({}, [{ field: 'responses', message: 'responses is required' }]);
      await expectRejected([], [{ field: '(body)', message: 'the body must be a JSON object like { "responses": [...] }' }]);
    });

    it('caps the error list and says how many more there were', async () => {
      const rows = Array.from({ length: 150 }, (_, i) => answer(`cap-${i}`, { score: 42 }));
      const res = await call('POST', '/api/v1/responses', { responses: rows });
      expect(res.status).toBe(400);
      const json = (await res.json()) as { errors: unknown[]; moreErrors: number };
      expect(json.errors).toHaveLength(100);
      expect(json.moreErrors).toBe(50);
    });

    it('answers 413 for oversized bodies, 400 for malformed JSON and 415 for other content types', async () => {
      const before = await count('responses');
      const big = { responses: Array.from({ length: 1200 }, (_, i) => answer(`big-${i}`, { comment: 'x'.repeat(200) })) };
      const tooBig = await call('POST', '/api/v1/responses', big);
      expect(tooBig.status).toBe(413);
      expect(await tooBig.json()).toEqual({ error: 'payload_too_large', message: 'Request body is larger than 200000 bytes.' });
      const malformed = await call('POST', '/api/v1/responses', '{"responses": [');
      expect(malformed.status).toBe(400);
      expect(((await malformed.json()) as { error: string }).error).toBe('malformed_json');
      const wrongType = await call('POST', '/api/v1/responses', 'id,score\n1,9', { 'content-type': 'text/csv' });
      expect(wrongType.status).toBe(415);
      expect(await wrongType.json()).toEqual({ error: 'unsupported_media_type', message: 'Send the body as application/json (got Content-Type "text/csv").' });
      expect(await count('responses')).toBe(before);
    });

    it('answers 401 with a challenge for a missing or wrong token', async () => {
      const before = await count('responses');
      const none = await fetch(`${base}/api/v1/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ responses: [answer('auth-1')] }),
      });
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
      expect(((await none.json()) as { error: string }).error).toBe('unauthorized');
      const wrong = await call('POST', '/api/v1/responses', { responses: [answer('auth-2')] }, { authorization: `Bearer ${TOKEN}x` });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('www-authenticate')).toContain('invalid_token');
      expect(await wrong.json()).toEqual({ error: 'unauthorized', message: 'The bearer token is not valid.' });
      const listing = await fetch(`${base}/api/v1/journeys`);
      expect(listing.status).toBe(401);
      expect(await count('responses')).toBe(before);
    });
  });

  describe('step metrics', () => {
    const metric = (touchpoint: string, day: string, reached: unknown) => ({ journey: 'online-purchase', touchpoint, day, reached });

    it('writes days and replaces a re-sent day', async () => {
      const first = await call('POST', '/api/v1/step-metrics', { metrics: [metric('ad', '2026-03-01', 1000), metric('cart', '2026-03-01', 300)] });
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ written: 2 });
      await call('POST', '/api/v1/step-metrics', { metrics: [metric('cart', '2026-03-01', 320)] });
      const rows = await queryRows<{ key: string; day: string; reached: number }>(
        db.db,
        sql`select t.key, s.day::text as day, s.reached from step_metrics s join touchpoints t on t.id = s.touchpoint_id order by t.position`,
      );
      expect(rows).toEqual([
        { key: 'ad', day: '2026-03-01', reached: 1000 },
        { key: 'cart', day: '2026-03-01', reached: 320 },
      ]);
    });

    it('refuses unreal days, negative counts, unknown steps and repeats, writing nothing', async () => {
      const before = await count('step_metrics');
      const res = await call('POST', '/api/v1/step-metrics', {
        metrics: [
          metric('ad', '2026-02-30', 5),
          metric('ad', '2026-3-1', 5),
          metric('cart', '2026-03-02', -1),
          metric('cart', '2026-03-03', 1.5),
          metric('nope', '2026-03-02', 5),
          metric('checkout', '2026-03-02', 5),
          metric('checkout', '2026-03-02', 6),
          { journey: 'online-purchase', touchpoint: 'ad', day: '2026-03-04' },
        ],
      });
      expect(res.status).toBe(400);
      const json = (await res.json()) as { error: string; errors: unknown[] };
      expect(json.error).toBe('invalid_batch');
      expect(json.errors).toEqual([
        { index: 0, field: 'day', message: 'day must be a real date written YYYY-MM-DD' },
        { index: 1, field: 'day', message: 'day must be a real date written YYYY-MM-DD' },
        { index: 2, field: 'reached', message: 'reached must be a non-negative integer' },
        { index: 3, field: 'reached', message: 'reached must be a non-negative integer' },
        { index: 4, field: 'touchpoint', message: 'journey "online-purchase" has no touchpoint "nope"' },
        { index: 6, field: 'day', message: 'duplicate step metric for online-purchase/checkout/2026-03-02 (also at index 5)' },
        { index: 7, field: 'reached', message: 'reached is required' },
      ]);
      expect(await count('step_metrics')).toBe(before);
    });
  });
});

describe('ingest API without INGEST_TOKEN', () => {
  it('is disabled with a clear 403, not open', async () => {
    const db = await createTestDb();
    const app = await startApp({ config: parseConfig({ PORT: '0' }), logger: silentLogger, db });
    try {
      const res = await fetch(`http://127.0.0.1:${app.port}/api/v1/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer anything-at-all-here' },
        body: JSON.stringify({ responses: [] }),
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: 'ingest_disabled', message: 'Set INGEST_TOKEN to enable the ingest API.' });
      const [row] = await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from responses`);
      expect(row!.n).toBe(0);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
