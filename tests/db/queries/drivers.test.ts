import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDriversData } from '../../../src/db/queries/drivers.js';
import { importanceByTouchpoint } from '../../../src/domain/drivers.js';
import { createServices } from '../../../src/services/index.js';
import { createTestDb, type TestDb } from '../../helpers/db.js';
import { insertJourney, insertResponses, type ResponseFixture } from '../../helpers/fixtures.js';
import { NOW, tokyo7d } from './readData.js';

// Current period of tokyo7d(): [2026-03-03T15:00Z, 2026-03-10T15:00Z).
describe('key drivers data', () => {
  let t: TestDb;
  let journeyId: number;
  let tp: Record<string, number>;
  beforeAll(async () => {
    t = await createTestDb();
    ({ journeyId, tp } = await insertJourney(t.db, 'buy', 'Buy', [
      { key: 'a', name: 'A' },
      { key: 'b', name: 'B' },
      { key: 'c', name: 'C' },
    ]));
    const a = tp.a!;
    const b = tp.b!;
    const c = tp.c!;
    await insertResponses(t.db, [
      // c1: an earlier a = 2 is replaced by the later a = 10; b (CES) = 6; outcome 9.
      { touchpointId: a, metric: 'nps', score: 2, at: '2026-03-04T00:00:00Z', customer: 'c1' },
      { touchpointId: a, metric: 'nps', score: 10, at: '2026-03-05T00:00:00Z', customer: 'c1' },
      { touchpointId: b, metric: 'ces', score: 6, at: '2026-03-05T01:00:00Z', customer: 'c1' },
      { touchpointId: c, metric: 'nps', score: 9, at: '2026-03-06T00:00:00Z', customer: 'c1' },
      // c2: a = 3 (an a = 0 before the period is ignored; so is a CSAT answer at a), outcome 4.
      { touchpointId: a, metric: 'nps', score: 0, at: '2026-03-01T00:00:00Z', customer: 'c2' },
      { touchpointId: a, metric: 'csat', score: 1, at: '2026-03-05T00:00:00Z', customer: 'c2' },
      { touchpointId: a, metric: 'nps', score: 3, at: '2026-03-05T00:00:00Z', customer: 'c2' },
      { touchpointId: c, metric: 'nps', score: 4, at: '2026-03-07T00:00:00Z', customer: 'c2' },
      // c3: b = 2, outcome 5 (answered after the period: ignored) then 5 inside.
      { touchpointId: b, metric: 'ces', score: 2, at: '2026-03-05T00:00:00Z', customer: 'c3' },
      { touchpointId: c, metric: 'nps', score: 5, at: '2026-03-08T00:00:00Z', customer: 'c3' },
      { touchpointId: c, metric: 'nps', score: 0, at: '2026-03-10T16:00:00Z', customer: 'c3' },
      // c4 never answered the outcome; c5 only the outcome; an answer without a customer.
      { touchpointId: a, metric: 'nps', score: 8, at: '2026-03-05T00:00:00Z', customer: 'c4' },
      { touchpointId: c, metric: 'nps', score: 10, at: '2026-03-05T00:00:00Z', customer: 'c5' },
      { touchpointId: a, metric: 'nps', score: 1, at: '2026-03-05T00:00:00Z' },
    ]);
  }, 60_000);
  afterAll(async () => t.close());

  it('links each customer’s latest answer per touchpoint in the period, with the outcome (the last touchpoint by default)', async () => {
    const data = await getDriversData(t.db, journeyId, tokyo7d().current);
    if (!data) throw new Error('no data');
    expect(data.outcome?.touchpoint.key).toBe('c');
    expect(data.candidates.map((c) => [c.touchpoint.key, c.metric])).toEqual([
      ['a', 'nps'],
      ['b', 'ces'],
    ]);
    // Variables: 0 = a, 1 = b, 2 = the outcome. Customers c1 (a 10, b 6, y 9), c2 (a 3, y 4), c3 (b 2, y 5); c5 has only y.
    const size = 3;
    const total = (field: 'n' | 'sx' | 'sy' | 'sxx' | 'syy' | 'sxy', a: number, b: number) => data.groups.reduce((s, g) => s + g[field][a * size + b]!, 0);
    const cell = (a: number, b: number) => (['n', 'sx', 'sy', 'sxx', 'syy', 'sxy'] as const).map((f) => total(f, a, b));
    expect(data.groups.reduce((s, g) => s + g.linked, 0)).toBe(3);
    expect(cell(0, 2)).toEqual([2, 13, 13, 109, 97, 102]);
    expect(cell(1, 2)).toEqual([2, 8, 14, 40, 106, 64]);
    expect(cell(0, 1)).toEqual([1, 10, 6, 100, 36, 60]);
  });

  it('uses the outcome the journey names', async () => {
    await t.db.execute(sql`update journeys set outcome_key = 'a' where id = ${journeyId}`);
    const data = await getDriversData(t.db, journeyId, tokyo7d().current);
    expect(data?.outcome?.touchpoint.key).toBe('a');
    expect(data?.candidates.map((c) => c.touchpoint.key)).toEqual(['b', 'c']);
    await t.db.execute(sql`update journeys set outcome_key = null where id = ${journeyId}`);
  });

  it('says too few below the minimum sample, and ranks touchpoints once there are enough', async () => {
    const services = createServices(t.db);
    const small = await services.drivers.forJourney(journeyId, tokyo7d());
    expect(small).toMatchObject({ status: 'too_few', linkedCustomers: 3, minimum: 100, r2: null });

    // 120 more customers: the outcome follows a exactly, b is noise.
    const more: ResponseFixture[] = [];
    for (let i = 0; i < 120; i++) {
      const score = i % 11;
      more.push({ touchpointId: tp.a!, metric: 'nps', score, at: '2026-03-06T00:00:00Z', customer: `m${i}` });
      more.push({ touchpointId: tp.b!, metric: 'ces', score: 1 + ((i * 7) % 7), at: '2026-03-06T00:00:00Z', customer: `m${i}` });
      more.push({ touchpointId: tp.c!, metric: 'nps', score, at: '2026-03-07T00:00:00Z', customer: `m${i}` });
    }
    await insertResponses(t.db, more);
    const view = await services.drivers.forJourney(journeyId, tokyo7d());
    if (!view || view.status !== 'ok') throw new Error(`expected drivers, got ${view?.status}`);
    expect(view.linkedCustomers).toBe(123);
    expect(view.drivers.map((d) => d.touchpoint.key)).toEqual(['a', 'b']);
    expect(view.drivers[0]!.importance!.share).toBeGreaterThan(0.9);
    expect(view.drivers[0]!.linked).toBe(122);
    expect(importanceByTouchpoint(view).get(tp.a!)!.share).toBe(view.drivers[0]!.importance!.share);
    void NOW;
  });
});
