import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/rows.js';
import {
  insertResponses,
  listJourneyDefinitions,
  resolveTouchpointKeys,
  upsertJourneyDefinition,
  upsertStepMetrics,
  type ResponseInsert,
} from '../../src/db/queries/ingest.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

describe('ingest queries', () => {
  let t: TestDb;
  let cart: number;
  beforeAll(async () => {
    t = await createTestDb();
    const r = await upsertJourneyDefinition(t.db, 'support', {
      name: 'カスタマーサポート',
      description: undefined,
      touchpoints: [
        { key: 'contact', name: '問い合わせ', channel: 'phone' },
        { key: 'cart', name: 'Cart', channel: undefined },
      ],
    });
    cart = r.touchpoints.find((tp) => tp.key === 'cart')!.id;
  });
  afterAll(async () => t.close());

  const answer = (externalId: string, extra: Partial<ResponseInsert> = {}): ResponseInsert => ({
    touchpointId: cart,
    metric: 'nps',
    score: 8,
    respondedAt: '2026-03-01T09:00:00+09:00',
    source: 'test',
    externalId,
    ...extra,
  });
  const responseCount = async () => (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from responses`))[0]!.n;

  it('resolves keys per pair and says which part is unknown', async () => {
    const r = await resolveTouchpointKeys(t.db, [
      { journey: 'support', touchpoint: 'cart' },
      { journey: 'support', touchpoint: 'nope' },
      { journey: 'nope', touchpoint: 'cart' },
      { journey: 'support', touchpoint: 'cart' },
    ]);
    expect(r).toEqual([{ touchpointId: cart }, { unknown: 'touchpoint' }, { unknown: 'journey' }, { touchpointId: cart }]);
  });

  it('inserts all or nothing: a row the database refuses rolls back the whole batch', async () => {
    const before = await responseCount();
    await expect(insertResponses(t.db, [answer('ok-1'), answer('bad', { metric: 'csat', score: 9 })])).rejects.toThrow();
    expect(await responseCount()).toBe(before);
    expect(await insertResponses(t.db, [answer('ok-1'), answer('ok-2', { comment: 'ありがとう', customerRef: 'c9' })])).toEqual({
      accepted: 2,
      duplicates: 0,
    });
    expect(await insertResponses(t.db, [answer('ok-2'), answer('ok-3')])).toEqual({ accepted: 1, duplicates: 1 });
    const [daily] = await queryRows<{ c8: number }>(t.db, sql`select c8 from response_daily where touchpoint_id = ${cart} and day = '2026-03-01'`);
    expect(daily!.c8).toBe(3);
  });

  it('replaces a re-sent step-metric day', async () => {
    await upsertStepMetrics(t.db, [{ touchpointId: cart, day: '2026-03-01', reached: 10 }]);
    await upsertStepMetrics(t.db, [{ touchpointId: cart, day: '2026-03-01', reached: 12 }]);
    const rows = await queryRows<{ reached: number }>(t.db, sql`select reached from step_metrics where touchpoint_id = ${cart}`);
    expect(rows).toEqual([{ reached: 12 }]);
  });

  it('keeps answers of a retired touchpoint and lists it as inactive after the active ones', async () => {
    const r = await upsertJourneyDefinition(t.db, 'support', {
      name: 'カスタマーサポート',
      description: 'updated',
      touchpoints: [{ key: 'contact', name: '問い合わせ', channel: 'phone' }],
    });
    expect(r).toMatchObject({ created: false, retired: ['cart'] });
    expect(await responseCount()).toBe(3);
    const [listing] = await listJourneyDefinitions(t.db);
    expect(listing).toEqual({
      key: 'support',
      name: 'カスタマーサポート',
      description: 'updated',
      touchpoints: [
        { key: 'contact', name: '問い合わせ', channel: 'phone', position: 0, active: true },
        { key: 'cart', name: 'Cart', channel: null, position: 1, active: false },
      ],
    });
    // Retiring twice does not report it again.
    const again = await upsertJourneyDefinition(t.db, 'support', { name: 'カスタマーサポート', description: undefined, touchpoints: [{ key: 'contact', name: '問い合わせ', channel: undefined }] });
    expect(again.retired).toEqual([]);
  });
});
