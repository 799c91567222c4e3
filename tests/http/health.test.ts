import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/main.js';
import { parseConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

describe('GET /healthz', () => {
  let db: TestDb;
  let app: RunningApp;
  beforeAll(async () => {
    db = await createTestDb();
    app = await startApp({ config: parseConfig({ PORT: '0' }), logger: silentLogger, db });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('says ok with the database kind while the database answers', async () => {
    const res = await fetch(`http://127.0.0.1:${app.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, db: db.kind });
  });

  it('answers 404 and 405 with JSON', async () => {
    const missing = await fetch(`http://127.0.0.1:${app.port}/nope`);
    expect(missing.status).toBe(404);
    const wrongMethod = await fetch(`http://127.0.0.1:${app.port}/healthz`, { method: 'POST' });
    expect(wrongMethod.status).toBe(405);
  });

  it('says 503 once the database is gone', async () => {
    const other = await createTestDb();
    const second = await startApp({ config: parseConfig({ PORT: '0' }), logger: silentLogger, db: other });
    await other.close();
    const res = await fetch(`http://127.0.0.1:${second.port}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, db: other.kind });
    await second.close();
  });
});
