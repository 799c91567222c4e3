import { request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/main.js';
import { parseConfig } from '../../src/config.js';
import { queryRows } from '../../src/db/rows.js';
import type { Route } from '../../src/http/router.js';
import { createHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

const TOKEN = 'hardening-token-0123456789';
const NOW = new Date('2026-03-15T12:00:00Z');

interface RawResponse {
  status: number;
  body: Record<string, unknown>;
}

/** node:http rather than fetch: fetch normalises URLs and always adds a Content-Type to a string body. */
function raw(base: string, method: string, path: string, options: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A request line written by hand: http.request refuses some of the targets worth testing. */
function rawRequestLine(port: number, target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
    let out = '';
    socket.on('data', (d: Buffer) => (out += d.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = out.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), body });
    });
  });
}

describe('HTTP hardening', () => {
  let db: TestDb;
  let app: RunningApp;
  let base: string;
  const logs: string[] = [];

  beforeAll(async () => {
    db = await createTestDb();
    app = await startApp({
      config: parseConfig({ PORT: '0', INGEST_TOKEN: TOKEN, INGEST_MAX_BODY_BYTES: '200000' }),
      logger: createLogger('debug', {}, (line) => logs.push(line)),
      db,
      now: () => NOW,
    });
    base = `http://127.0.0.1:${app.port}`;
    const put = await raw(base, 'PUT', '/api/v1/journeys/shop', {
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Shop', touchpoints: [{ key: 'checkout', name: 'Checkout' }] }),
    });
    expect(put.status).toBe(201);
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const auth = { authorization: `Bearer ${TOKEN}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const answer = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    journey: 'shop',
    touchpoint: 'checkout',
    metric: 'nps',
    score: 9,
    comment: 'fine',
    customer: 'c-1',
    respondedAt: '2026-03-14T10:00:00+09:00',
    ...extra,
  });
  const counts = async () => {
    const [row] = await queryRows<{ r: number; d: number; j: number; t: number }>(
      db.db,
      sql`select (select count(*) from responses)::int as r, (select count(*) from response_daily)::int as d,
                 (select count(*) from journeys)::int as j, (select count(*) from touchpoints)::int as t`,
    );
    return row!;
  };
  const stillServing = async () => {
    const health = await raw(base, 'GET', '/healthz');
    expect(health.status).toBe(200);
  };

  describe('malformed URLs', () => {
    it('answers 400 malformed_url to PUT /api/v1/journeys/% without a token, and keeps serving', async () => {
      for (const path of ['/api/v1/journeys/%', '/api/v1/journeys/%zz', '/api/v1/journeys/%E3%81']) {
        const res = await raw(base, 'PUT', path, { headers: { 'content-type': 'application/json' }, body: '{}' });
        expect(res.status, path).toBe(400);
        expect(res.body.error).toBe('malformed_url');
        expect(String(res.body.message)).toMatch(/percent-encoding/);
      }
      await stillServing();
    });

    it('answers request targets new URL refuses with 400 and reads //… as a path', async () => {
      for (const target of ['http://[', 'http://[::1/x', 'http://:99999/']) {
        const res = await rawRequestLine(app.port, target);
        expect(res.status, target).toBe(400);
        expect(JSON.parse(res.body)).toMatchObject({ error: 'malformed_url' });
      }
      expect((await rawRequestLine(app.port, '//')).status).toBe(404);
      expect((await rawRequestLine(app.port, '//healthz')).status).toBe(404);
      await stillServing();
    });
  });

  describe('content type and encoding', () => {
    const body = JSON.stringify({ responses: [answer('ct-1')] });

    it('answers 415 to JSON look-alikes and a missing Content-Type', async () => {
      const before = await counts();
      for (const type of ['application/jsonp', 'application/json-seq', 'text/json', 'application/json5', undefined]) {
        const res = await raw(base, 'POST', '/api/v1/responses', { headers: type === undefined ? auth : { ...auth, 'content-type': type }, body });
        expect(res.status, String(type)).toBe(415);
        expect(res.body.error).toBe('unsupported_media_type');
      }
      expect(await counts()).toEqual(before);
    });

    it('answers 415 with a message to a charset other than UTF-8', async () => {
      for (const type of ['application/json; charset=iso-8859-1', 'application/json;charset=utf-16', 'application/json; charset="latin1"']) {
        const res = await raw(base, 'POST', '/api/v1/responses', { headers: { ...auth, 'content-type': type }, body });
        expect(res.status, type).toBe(415);
        expect(res.body.error).toBe('unsupported_charset');
        expect(String(res.body.message)).toMatch(/Only UTF-8/);
      }
    });

    it('accepts application/json with a utf-8 charset in any case', async () => {
      const types = ['application/json', 'Application/JSON; charset=UTF-8', 'application/json;charset="utf-8"'];
      for (const [i, type] of types.entries()) {
        const res = await raw(base, 'POST', '/api/v1/responses', {
          headers: { ...auth, 'content-type': type },
          body: JSON.stringify({ source: 'ct', responses: [answer(`ct-ok-${i}`)] }),
        });
        expect(res.status, type).toBe(200);
        expect(res.body).toEqual({ accepted: 1, duplicates: 0 });
      }
    });

    it('answers 400 invalid_utf8 to a body that is not UTF-8 instead of storing U+FFFD', async () => {
      const before = await counts();
      const text = JSON.stringify({ source: 'utf8', responses: [answer('bad-utf8', { comment: 'caf__' })] });
      const bytes = Buffer.from(text, 'utf8');
      const at = bytes.indexOf('__');
      // Latin-1 "é" (0xE9) followed by an ASCII byte: not a UTF-8 sequence.
      bytes[at] = 0xe9;
      const res = await raw(base, 'POST', '/api/v1/responses', { headers: json, body: bytes });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_utf8');
      expect(String(res.body.message)).toContain(`offset ${at}`);
      expect(await counts()).toEqual(before);
      const [stored] = await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from responses where comment like ${'%\uFFFD%'}`);
      expect(stored!.n).toBe(0);
    });
  });

  describe('text and timestamps Postgres cannot store', () => {
    const post = (payload: unknown) => raw(base, 'POST', '/api/v1/responses', { headers: json, body: JSON.stringify(payload) });

    it('answers 400 with the row and field for NUL and lone surrogates in every text field', async () => {
      const before = await counts();
      const res = await post({
        source: 'text',
        responses: [
          answer('ok-1'),
          answer('nul-comment', { comment: 'a\u0000b' }),
          answer('nul\u0000id'),
          answer('nul-customer', { customer: '\u0000' }),
          answer('lone-high', { comment: 'x\ud800y' }),
          answer('lone-low', { customer: '\udc00' }),
          answer('lone\udfffid'),
          answer('pair-ok', { comment: '絵文字 😀' }),
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_batch');
      expect(res.body.errors).toEqual([
        { index: 1, field: 'comment', message: 'comment must not contain the NUL character (\\u0000)' },
        { index: 2, field: 'id', message: 'id must not contain the NUL character (\\u0000)' },
        { index: 3, field: 'customer', message: 'customer must not contain the NUL character (\\u0000)' },
        { index: 4, field: 'comment', message: expect.stringMatching(/^comment must not contain a lone UTF-16 surrogate/) as unknown },
        { index: 5, field: 'customer', message: expect.stringMatching(/^customer must not contain a lone UTF-16 surrogate/) as unknown },
        { index: 6, field: 'id', message: expect.stringMatching(/^id must not contain a lone UTF-16 surrogate/) as unknown },
      ]);
      expect(await counts()).toEqual(before);
    });

    it('answers 400 for a bad source and for year 0000 or pre-1900 timestamps and days', async () => {
      const before = await counts();
      const res = await post({
        source: 'a\u0000b',
        responses: [answer('y0', { respondedAt: '0000-01-01T00:00:00Z' }), answer('y1899', { respondedAt: '1899-12-31T23:59:59Z' })],
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'source', message: expect.stringMatching(/^source must be/) as unknown },
        { index: 0, field: 'respondedAt', message: 'respondedAt must be in 1900 or later' },
        { index: 1, field: 'respondedAt', message: 'respondedAt must be in 1900 or later' },
      ]);
      const steps = await raw(base, 'POST', '/api/v1/step-metrics', {
        headers: json,
        body: JSON.stringify({ metrics: [{ journey: 'shop', touchpoint: 'checkout', day: '0000-01-01', reached: 1 }] }),
      });
      expect(steps.status).toBe(400);
      expect(steps.body.errors).toEqual([{ index: 0, field: 'day', message: 'day must be a real date written YYYY-MM-DD' }]);
      expect(await counts()).toEqual(before);
    });

    it('stores the earliest accepted timestamp and surrogate pairs as sent', async () => {
      const res = await post({ source: 'edge', responses: [answer('e-1900', { respondedAt: '1900-01-01T00:00:00Z', comment: '😀 ok' })] });
      expect(res.status).toBe(200);
      const [row] = await queryRows<{ comment: string; at: string }>(
        db.db,
        sql`select comment, to_char(responded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as at from responses where source = 'edge'`,
      );
      expect(row).toEqual({ comment: '😀 ok', at: '1900-01-01T00:00:00' });
    });

    it('answers 400 for NUL and lone surrogates in journey and touchpoint names and descriptions', async () => {
      const before = await counts();
      const res = await raw(base, 'PUT', '/api/v1/journeys/bad-text', {
        headers: json,
        body: JSON.stringify({
          name: 'J\u0000',
          description: '\ud800',
          touchpoints: [
            { key: 'a', name: 'A\u0000' },
            { key: 'b', name: 'B', channel: 'web\udc00' },
          ],
        }),
      });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_journey');
      const errors = res.body.errors as Array<{ field: string }>;
      expect(errors.map((e) => e.field)).toEqual(['name', 'description', 'touchpoints[0].name', 'touchpoints[1].channel']);
      expect(await counts()).toEqual(before);
    });
  });

  describe('failures', () => {
    it('logs a failed query by its Postgres cause, never its parameters', async () => {
      // A handler whose query fails in the database with a secret among its parameters.
      const secret = 'SECRET-COMMENT-do-not-log';
      const routes: Route[] = [
        {
          method: 'POST',
          path: '/boom',
          handler: async () => {
            await db.db.execute(
              sql`insert into responses (touchpoint_id, metric, score, comment, responded_at, source, external_id)
                  values (999999, 'nps', 9, ${secret}, now(), 'boom', ${secret})`,
            );
          },
        },
      ];
      const lines: string[] = [];
      const server = createHttpServer({ routes, logger: createLogger('debug', {}, (l) => lines.push(l)) });
      const port = await listen(server);
      try {
        const res = await raw(`http://127.0.0.1:${port}`, 'POST', '/boom');
        expect(res.status).toBe(500);
        expect(res.body.error).toBe('internal_error');
        expect(lines).toHaveLength(1);
        const line = lines[0]!;
        expect(line).not.toContain(secret);
        expect(line).not.toContain('Failed query');
        expect(line.length).toBeLessThan(2000);
        const record = JSON.parse(line) as { msg: string; ref: string; method: string; path: string; cause: Record<string, unknown> };
        expect(record).toMatchObject({ msg: 'request failed', method: 'POST', path: '/boom' });
        expect(record.cause).toMatchObject({ code: '23503', table: 'responses', constraint: 'responses_touchpoint_id_touchpoints_id_fk' });
        expect(record.cause.message).toMatch(/foreign key/);
        expect(record.cause).not.toHaveProperty('detail');
        expect(String(res.body.message)).toContain(record.ref);
      } finally {
        await close(server);
      }
    });

    it('answers 500 and keeps serving when routing, a handler or the fallback throws synchronously', async () => {
      const routes: Route[] = [
        {
          method: 'GET',
          path: '/sync-throw',
          // Not async: throws before any promise exists.
          handler: () => {
            throw new TypeError('handler broke');
          },
        },
      ];
      const lines: string[] = [];
      const server = createHttpServer({
        routes,
        fallback: () => {
          throw new RangeError('fallback broke');
        },
        logger: createLogger('debug', {}, (l) => lines.push(l)),
      });
      const port = await listen(server);
      const at = `http://127.0.0.1:${port}`;
      try {
        const a = await raw(at, 'GET', '/sync-throw');
        expect(a.status).toBe(500);
        const b = await raw(at, 'GET', '/slack/events');
        expect(b.status).toBe(500);
        const c = await raw(at, 'GET', '/sync-throw');
        expect(c.status).toBe(500);
        const causes = lines.map((l) => (JSON.parse(l) as { cause: { name: string; message: string } }).cause);
        expect(causes).toEqual([
          { name: 'TypeError', message: 'handler broke' },
          { name: 'RangeError', message: 'fallback broke' },
          { name: 'TypeError', message: 'handler broke' },
        ]);
      } finally {
        await close(server);
      }
    });
  });
});

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
