import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../src/db/rows.js';
import { parsePeriod, resolvePeriod } from '../../../src/domain/periods.js';
import { emptyHistogram } from '../../../src/domain/scores.js';
import type { Period } from '../../../src/domain/types.js';
import { getReached, getScoreHistograms, planPeriod } from '../../../src/db/queries/scoreCounts.js';
import { insertJourney, insertResponses, type ResponseFixture } from '../../helpers/fixtures.js';
import { createTestDb, type TestDb } from '../../helpers/db.js';
import { tokyo7d, useReadDb } from './readData.js';

describe('planPeriod', () => {
  it('reads at most half a UTC day raw at each edge', () => {
    // Tokyo 7d = [3 Mar 15:00Z, 10 Mar 15:00Z). Start: adding 15:00–24:00 (9 h) beats subtracting 00:00–15:00 (15 h).
    // End: taking 10 March whole from the rollup and subtracting 15:00–24:00 (9 h) beats adding 00:00–15:00.
    const p = tokyo7d().current;
    const plan = planPeriod(p, 0);
    expect(plan.days).toEqual({ i: 0, lo: '2026-03-04', hi: '2026-03-11' });
    expect(plan.raw).toEqual([
      { i: 0, s: '2026-03-03T15:00:00.000Z', e: '2026-03-04T00:00:00.000Z', sign: 1 },
      { i: 0, s: '2026-03-10T15:00:00.000Z', e: '2026-03-11T00:00:00.000Z', sign: -1 },
    ]);
  });
});

describe('getScoreHistograms', () => {
  const fx = useReadDb();

  it('counts by local period in Tokyo, including 23:30 on the last day', async () => {
    const w = tokyo7d();
    const counts = await getScoreHistograms(fx.db, [fx.data.purchase.tp.cart!], [w.current, w.previous]);
    const cur = emptyHistogram();
    for (const s of [10, 9, 8, 3, 5, 6]) cur[s] = 1;
    expect(counts.get(fx.data.purchase.tp.cart!, 'nps', 0)).toEqual(cur);
    const prev = emptyHistogram();
    prev[0] = 1;
    prev[10] = 1;
    expect(counts.get(fx.data.purchase.tp.cart!, 'nps', 1)).toEqual(prev);
    expect(counts.get(fx.data.purchase.tp.cart!, 'csat', 0)).toEqual(emptyHistogram());
  });

  it("accepts 'all' touchpoints and an empty list", async () => {
    const w = tokyo7d();
    const all = await getScoreHistograms(fx.db, 'all', [w.current]);
    // support/call: 10, 9, 9 in the current period
    expect(all.total([fx.data.support.tp.call!], 'nps', 0)[9]).toBe(2);
    expect(all.get(fx.data.purchase.tp.cart!, 'nps', 0)[3]).toBe(1);
    const none = await getScoreHistograms(fx.db, [], [w.current]);
    expect(none.get(fx.data.purchase.tp.cart!, 'nps', 0)).toEqual(emptyHistogram());
  });

  it('sums reached over local days', async () => {
    const w = tokyo7d();
    const reached = await getReached(fx.db, 'all', [w.current, w.previous]);
    expect(reached.get(fx.data.purchase.tp.cart!, 0)).toBe(700);
    expect(reached.get(fx.data.purchase.tp.cart!, 1)).toBe(50);
    expect(reached.get(fx.data.purchase.tp.payment!, 1)).toBeNull();
    expect(reached.get(fx.data.purchase.tp.feedback!, 0)).toBeNull();
  });

  it('sees rows inserted with plain SQL right away', async () => {
    const w = tokyo7d();
    const tp = fx.data.support.tp.feedback!;
    expect((await getScoreHistograms(fx.db, [tp], [w.current])).get(tp, 'nps', 0)[7]).toBe(0);
    await fx.db.execute(sql`insert into responses (touchpoint_id, metric, score, responded_at, external_id)
      values (${tp}, 'nps', 7, '2026-03-05T12:00:00Z', 'plain-sql-1'), (${tp}, 'nps', 7, '2026-03-10T14:59:59Z', 'plain-sql-2')`);
    expect((await getScoreHistograms(fx.db, [tp], [w.current])).get(tp, 'nps', 0)[7]).toBe(2);
  });
});

describe('getScoreHistograms equals a direct count in any timezone', () => {
  let t: TestDb;
  let tp: number;
  beforeAll(async () => {
    t = await createTestDb();
    const j = await insertJourney(t.db, 'edges', 'Edges', [{ key: 'a', name: 'A' }]);
    tp = j.tp.a!;
    // 600 answers, spread deterministically (a prime step in minutes) over ~80 days.
    const rows: ResponseFixture[] = [];
    const base = Date.parse('2026-01-10T00:00:00Z');
    for (let k = 0; k < 600; k++) {
      rows.push({ touchpointId: tp, metric: 'nps', score: (k * 7) % 11, at: new Date(base + k * 191 * 60_000).toISOString() });
    }
    await insertResponses(t.db, rows);
  });
  afterAll(async () => t.close());

  async function direct(p: Period): Promise<number[]> {
    const rows = await queryRows<{ score: number; n: number }>(
      t.db,
      sql`select score::int as score, count(*)::int as n from responses
          where touchpoint_id = ${tp} and responded_at >= ${p.start.toISOString()}::timestamptz and responded_at < ${p.end.toISOString()}::timestamptz
          group by score`,
    );
    const h = emptyHistogram();
    for (const r of rows) h[r.score] = r.n;
    return h;
  }

  const zones = ['Asia/Tokyo', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Europe/Berlin', 'UTC'];
  const specs = ['1d', '7d', '30d', '2w', 'this-week', 'last-month'];
  it.each(zones)('%s', async (tz) => {
    const now = new Date('2026-03-20T17:45:00Z');
    const periods: Period[] = [];
    for (const text of specs) {
      const parsed = parsePeriod(text);
      if (!parsed.ok) throw new Error(parsed.message);
      const w = resolvePeriod(parsed.spec, now, tz);
      periods.push(w.current, w.previous);
    }
    const counts = await getScoreHistograms(t.db, [tp], periods);
    let nonEmpty = 0;
    for (const [i, p] of periods.entries()) {
      const expected = await direct(p);
      if (expected.some((n) => n > 0)) nonEmpty++;
      expect(counts.get(tp, 'nps', i), `${tp} ${p.startDay}..${p.endDay}`).toEqual(expected);
    }
    expect(nonEmpty).toBeGreaterThan(8);
  });
});
