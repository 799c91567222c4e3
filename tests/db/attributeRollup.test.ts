import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/rows.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

// response_attribute_daily must follow `responses` whoever writes it, plain SQL included.
describe('response_attribute_daily rollup triggers', () => {
  let t: TestDb;
  let tp: number;
  beforeAll(async () => {
    t = await createTestDb();
    await t.db.execute(sql`insert into journeys (key, name) values ('purchase', 'オンライン購入')`);
    const [row] = await queryRows<{ id: number }>(
      t.db,
      sql`insert into touchpoints (journey_id, key, name, position) select id, 'delivery', '配送', 0 from journeys returning id`,
    );
    tp = row!.id;
  });
  afterAll(async () => t.close());

  const rollup = () =>
    queryRows<{ key: string; value: string; day: string; c0: number; c9: number; c10: number }>(
      t.db,
      sql`select attr_key as key, attr_value as value, day::text as day, c0, c9, c10 from response_attribute_daily
          where touchpoint_id = ${tp} and metric = 'nps' and (c0 <> 0 or c9 <> 0 or c10 <> 0) order by attr_key, attr_value, day`,
    );

  it('counts each attribute of inserted rows, follows updates and deletes, ignores rows without attributes', async () => {
    await t.db.execute(sql`
      insert into responses (touchpoint_id, metric, score, responded_at, external_id, attributes) values
        (${tp}, 'nps', 10, '2026-03-01T10:00:00Z', 'a', '{"region":"関西","plan":"pro"}'),
        (${tp}, 'nps', 0, '2026-03-01T11:00:00Z', 'b', '{"region":"関西"}'),
        (${tp}, 'nps', 9, '2026-03-01T12:00:00Z', 'c', '{"region":"関東"}'),
        (${tp}, 'nps', 9, '2026-03-01T12:00:00Z', 'd', null)`);
    expect(await rollup()).toEqual([
      { key: 'plan', value: 'pro', day: '2026-03-01', c0: 0, c9: 0, c10: 1 },
      { key: 'region', value: '関東', day: '2026-03-01', c0: 0, c9: 1, c10: 0 },
      { key: 'region', value: '関西', day: '2026-03-01', c0: 1, c9: 0, c10: 1 },
    ]);
    await t.db.execute(sql`update responses set attributes = '{"region":"九州"}' where external_id = 'b'`);
    await t.db.execute(sql`update responses set attributes = '{"region":"関東"}' where external_id = 'd'`);
    await t.db.execute(sql`delete from responses where external_id = 'a'`);
    expect(await rollup()).toEqual([
      { key: 'region', value: '九州', day: '2026-03-01', c0: 1, c9: 0, c10: 0 },
      { key: 'region', value: '関東', day: '2026-03-01', c0: 0, c9: 2, c10: 0 },
    ]);
  });

  it('refuses attributes that are not an object', async () => {
    await expect(
      t.db.execute(sql`insert into responses (touchpoint_id, metric, score, responded_at, external_id, attributes) values (${tp}, 'nps', 5, now(), 'x', '["a"]')`),
    ).rejects.toThrow();
  });

  it('empties with a truncate', async () => {
    await t.db.execute(sql`truncate responses`);
    expect(await rollup()).toEqual([]);
  });
});
