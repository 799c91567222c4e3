import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/rows.js';
import { seedDemo, type SeedDemoResult } from '../../src/demo/seed.js';
import { parsePeriod, resolvePeriod } from '../../src/domain/periods.js';
import type { Funnel } from '../../src/domain/types.js';
import { getJourneyDetail } from '../../src/db/queries/journeyDetail.js';
import { findJourney } from '../../src/db/queries/lookup.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

// A fixed clock: the dataset is relative to "now", and both runs must see the same one.
const NOW = new Date('2026-11-25T09:30:00Z');
const DAY = 86_400_000;

/** NPS and its standard error (SE = 100·√((p + d − (p − d)²)/n)) from counts, as the issue defines them. */
function nps(rows: Array<{ score: number; n: number }>) {
  let n = 0;
  let promoters = 0;
  let detractors = 0;
  for (const r of rows) {
    n += r.n;
    if (r.score >= 9) promoters += r.n;
    if (r.score <= 6) detractors += r.n;
  }
  const p = promoters / n;
  const d = detractors / n;
  return { n, score: 100 * (p - d), se: 100 * Math.sqrt((p + d - (p - d) ** 2) / n) };
}

describe('seed-demo', () => {
  let t: TestDb;
  let first: SeedDemoResult;
  let second: SeedDemoResult;
  beforeAll(async () => {
    t = await createTestDb();
    first = await seedDemo(t.db, { now: NOW });
    second = await seedDemo(t.db, { now: NOW });
  }, 120_000);
  afterAll(async () => t.close());

  it('loads journeys with Japanese and English names and months of answers, once', async () => {
    expect(first.journeys).toBeGreaterThanOrEqual(3);
    expect(first.accepted).toBeGreaterThan(20_000);
    expect(first.accepted).toBeLessThan(40_000);
    expect(second).toMatchObject({ accepted: 0, duplicates: first.accepted });
    const [count] = await queryRows<{ n: number; first: string; last: string }>(
      t.db,
      sql`select count(*)::int as n, min(responded_at)::date::text as first, max(responded_at)::date::text as last from responses where source = 'demo'`,
    );
    expect(count!.n).toBe(first.accepted);
    expect(count!.last).toBe('2026-11-25');
    expect(Date.parse('2026-11-25') - Date.parse(count!.first)).toBeGreaterThanOrEqual(170 * DAY);
    const names = await queryRows<{ name: string }>(t.db, sql`select name from journeys order by key`);
    expect(names.map((r) => r.name)).toEqual(expect.arrayContaining(['オンライン購入', 'カスタマーサポート', 'Account onboarding']));
    const [metrics] = await queryRows<{ kinds: number; ja: number; en: number }>(
      t.db,
      sql`select count(distinct metric)::int as kinds,
                 count(*) filter (where comment ~ '[ぁ-んァ-ン一-龯]')::int as ja,
                 count(*) filter (where comment ~ '^[A-Za-z]')::int as en
          from responses`,
    );
    expect(metrics).toMatchObject({ kinds: 3 });
    expect(metrics!.ja).toBeGreaterThan(1000);
    expect(metrics!.en).toBeGreaterThan(300);
  });

  it('adds only the days since when run later', async () => {
    const later = await seedDemo(t.db, { now: new Date(NOW.getTime() + DAY) });
    expect(later.accepted).toBeGreaterThan(50);
    expect(later.accepted).toBeLessThan(400);
  });

  it('has a touchpoint whose NPS fell significantly (95%) in both the 7d and the 30d comparison', async () => {
    const window = async (fromDaysAgo: number, toDaysAgo: number) =>
      nps(
        await queryRows<{ score: number; n: number }>(
          t.db,
          sql`select r.score, count(*)::int as n
              from responses r join touchpoints tp on tp.id = r.touchpoint_id join journeys j on j.id = tp.journey_id
              where j.key = 'online-purchase' and tp.key = 'delivery' and r.metric = 'nps'
                and r.responded_at > ${new Date(NOW.getTime() - fromDaysAgo * DAY).toISOString()}::timestamptz
                and r.responded_at <= ${new Date(NOW.getTime() - toDaysAgo * DAY).toISOString()}::timestamptz
              group by r.score`,
        ),
      );
    for (const days of [7, 30]) {
      const current = await window(days, 0);
      const previous = await window(2 * days, days);
      const z = (previous.score - current.score) / Math.sqrt(current.se ** 2 + previous.se ** 2);
      expect(current.score).toBeLessThan(previous.score - 15);
      expect(z).toBeGreaterThan(1.96);
    }
  });

  it('has a step whose drop-off clearly rose in the last two weeks', async () => {
    const rows = await queryRows<{ recent: boolean; cart: number; checkout: number }>(
      t.db,
      sql`select s.day > (${'2026-11-25'}::date - 14) as recent,
                 sum(s.reached) filter (where tp.key = 'cart')::int as cart,
                 sum(s.reached) filter (where tp.key = 'checkout')::int as checkout
          from step_metrics s join touchpoints tp on tp.id = s.touchpoint_id join journeys j on j.id = tp.journey_id
          where j.key = 'online-purchase' and s.day > (${'2026-11-25'}::date - 60) and s.day <= ${'2026-11-25'}::date
          group by 1`,
    );
    const dropOff = (recent: boolean) => {
      const r = rows.find((x) => x.recent === recent)!;
      return 1 - r.checkout / r.cart;
    };
    expect(dropOff(false)).toBeLessThan(0.45);
    expect(dropOff(true)).toBeGreaterThan(0.5);
  });

  it('makes that step the journey\'s largest drop-off now, which it was not before', async () => {
    const found = await findJourney(t.db, 'online-purchase');
    if (!found.found) throw new Error('demo journey missing');
    const largestIn = async (spec: string) => {
      const parsed = parsePeriod(spec);
      if (!parsed.ok) throw new Error(parsed.message);
      const detail = await getJourneyDetail(t.db, found.value.id, resolvePeriod(parsed.spec, NOW, 'Asia/Tokyo'));
      const at = (f: Funnel) =>
        f.largestDropOff ? f.steps[f.largestDropOff.index]?.key : undefined;
      if (!detail) throw new Error('no detail');
      return { current: at(detail.funnel.current), previous: at(detail.funnel.previous) };
    };
    expect(await largestIn('7d')).toEqual({ current: 'checkout', previous: expect.not.stringMatching(/^checkout$/) as unknown });
  });
});
