import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/rows.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

// response_daily must follow whatever happens to `responses`, including plain SQL from a pipeline.
describe('response_daily rollup triggers', () => {
  let t: TestDb;
  let tp: number;
  beforeAll(async () => {
    t = await createTestDb();
    await t.db.execute(sql`insert into journeys (key, name) values ('purchase', 'オンライン購入')`);
    const [row] = await queryRows<{ id: number }>(
      t.db,
      sql`insert into touchpoints (journey_id, key, name, position) select id, 'cart', 'カート', 0 from journeys returning id`,
    );
    tp = row!.id;
  });
  afterAll(async () => t.close());

  const daily = () =>
    queryRows<{ day: string; c0: number; c9: number; c10: number; c4: number }>(
      t.db,
      sql`select day::text as day, c0, c4, c9, c10 from response_daily where touchpoint_id = ${tp} and metric = 'nps' order by day`,
    );

  it('counts inserts by UTC day and score, updates move counts, deletes remove them', async () => {
    await t.db.execute(sql`
      insert into responses (touchpoint_id, metric, score, responded_at, external_id) values
        (${tp}, 'nps', 10, '2026-03-01T23:30:00+09:00', 'a'),
        (${tp}, 'nps', 10, '2026-03-01T10:00:00Z', 'b'),
        (${tp}, 'nps', 0, '2026-03-02T00:00:00Z', 'c')`);
    expect(await daily()).toEqual([
      { day: '2026-03-01', c0: 0, c4: 0, c9: 0, c10: 2 },
      { day: '2026-03-02', c0: 1, c4: 0, c9: 0, c10: 0 },
    ]);
    await t.db.execute(sql`update responses set score = 9 where external_id = 'b'`);
    await t.db.execute(sql`update responses set responded_at = '2026-03-01T12:00:00Z' where external_id = 'c'`);
    expect(await daily()).toEqual([
      { day: '2026-03-01', c0: 1, c4: 0, c9: 1, c10: 1 },
      { day: '2026-03-02', c0: 0, c4: 0, c9: 0, c10: 0 },
    ]);
    await t.db.execute(sql`delete from responses where external_id in ('a', 'c')`);
    expect((await daily())[0]).toEqual({ day: '2026-03-01', c0: 0, c4: 0, c9: 1, c10: 0 });
  });

  it('rejects scores outside the metric range', async () => {
    await expect(
      t.db.execute(sql`insert into responses (touchpoint_id, metric, score, responded_at, external_id) values (${tp}, 'csat', 6, now(), 'x')`),
    ).rejects.toThrow();
    await expect(
      t.db.execute(sql`insert into responses (touchpoint_id, metric, score, responded_at, external_id) values (${tp}, 'nps', 11, now(), 'y')`),
    ).rejects.toThrow();
  });

  it('empties with a truncate', async () => {
    await t.db.execute(sql`truncate responses`);
    expect(await daily()).toEqual([]);
  });
});
