import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/rows.js';
import { evaluateAlerts } from '../../src/jobs/alertEvaluation.js';
import { silentLogger } from '../../src/logger.js';
import { loadRuleSubjects } from '../../src/db/queries/automation/observations.js';
import { createRule, listAllRules, type RuleInput } from '../../src/db/queries/automation/rules.js';
import { addNps, repeat, seedJourney, setReached } from '../helpers/automationData.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

/**
 * Alert windows are local days in the rule's timezone. Answers placed either side of Tokyo's and
 * UTC's midnights, evaluated at 2026-12-10T15:30Z = 11 Dec 00:30 in Tokyo, 10 Dec 15:30 in UTC:
 * - 10 promoters at 10 Dec 14:00Z (10 Dec 23:00 JST)
 * - 30 detractors at 10 Dec 15:10Z (11 Dec 00:10 JST)
 * - 5 passives at 9 Dec 16:00Z (10 Dec 01:00 JST)
 * One-day windows: Tokyo today = 11 Dec JST = [10 Dec 15:00Z, 11 Dec 15:00Z) → the 30 detractors;
 * Tokyo yesterday → 10 promoters + 5 passives. UTC today = 10 Dec → 10 P + 30 D; UTC yesterday → 5 passives.
 */
let db: TestDb;
let cart = 0;
let pay = 0;
const now = new Date('2026-12-10T15:30:00Z');

beforeAll(async () => {
  db = await createTestDb();
  const seeded = await seedJourney(db.db, 'tz', '東京の朝', [
    { key: 'cart', name: 'カート' },
    { key: 'pay', name: 'Payment' },
  ]);
  [cart, pay] = seeded.touchpointIds as [number, number];
  await addNps(db.db, pay, new Date('2026-12-10T14:00:00Z'), repeat(10, 10));
  await addNps(db.db, pay, new Date('2026-12-10T15:10:00Z'), repeat(0, 30));
  await addNps(db.db, pay, new Date('2026-12-09T16:00:00Z'), repeat(8, 5));
  // step_metrics days are the sender's local days: the Tokyo rule reads 11 Dec, the UTC rule 10 Dec.
  await setReached(db.db, cart, '2026-12-11', 200);
  await setReached(db.db, pay, '2026-12-11', 100);
  await setReached(db.db, cart, '2026-12-10', 1000);
  await setReached(db.db, pay, '2026-12-10', 900);
});

afterAll(async () => {
  await db.close();
});

const base = (channelId: string): Omit<RuleInput, 'kind' | 'threshold'> => ({
  teamId: 'T1',
  channelId,
  target: { scope: 'journey', journeyId: 0 },
  windowDays: 1,
  minSample: 30,
  locale: 'en',
  createdBy: 'U1',
});

describe('alert windows in the rule timezone', () => {
  it('counts local days: a Tokyo rule at 00:30 local counts only the new local day; UTC and old (null) rules count UTC days', async () => {
    const journeyId = (await queryRows<{ id: number }>(db.db, sql`select id::int as id from journeys where key = 'tz'`))[0]?.id ?? 0;
    const target = { scope: 'touchpoint' as const, touchpointId: pay, journeyId };
    const tokyo = await createRule(db.db, { ...base('C-TOKYO'), target, kind: 'nps_below', threshold: 0, timezone: 'Asia/Tokyo' }, now);
    const utc = await createRule(db.db, { ...base('C-UTC'), target, kind: 'nps_below', threshold: 0, timezone: 'UTC' }, now);
    const old = await createRule(db.db, { ...base('C-OLD'), target, kind: 'nps_below', threshold: 0 }, now);
    await db.db.execute(sql`update alert_rules set timezone = null where id = ${old.id}`);
    const drop = await createRule(
      db.db,
      { ...base('C-TOKYO'), target: { scope: 'journey', journeyId }, kind: 'dropoff_above', threshold: 20, timezone: 'Asia/Tokyo' },
      now,
    );

    const subjects = await loadRuleSubjects(db.db, await listAllRules(db.db), now);
    const of = (ruleId: number) => subjects.find((s) => s.ruleId === ruleId);
    expect(of(tokyo.id)).toMatchObject({ current: { promoters: 0, detractors: 30, n: 30 }, previous: { promoters: 10, detractors: 0, n: 15 } });
    expect(of(utc.id)).toMatchObject({ current: { promoters: 10, detractors: 30, n: 40 }, previous: { promoters: 0, detractors: 0, n: 5 } });
    expect(of(old.id)).toMatchObject({ current: { n: 40 }, previous: { n: 5 } });
    // Drop-off Tokyo: 11 Dec JST has cart 200 → pay 100; 10 Dec JST has 1000 → 900.
    expect(of(drop.id)).toMatchObject({ touchpointId: pay, reached: { current: 100, previous: 900 }, reachedBefore: { current: 200, previous: 1000 } });

    // Tokyo: NPS −100 of 30 answers opens; UTC: −50 of 40 opens; the old rule agrees with UTC.
    await evaluateAlerts(db.db, now, silentLogger);
    const incidents = await queryRows<{ rule: number; value: number; n: number }>(
      db.db,
      sql`select rule_id::int as rule, last_value::float8 as value, last_sample::int as n from alert_incidents order by rule_id`,
    );
    expect(incidents).toEqual([
      { rule: tokyo.id, value: -100, n: 30 },
      { rule: utc.id, value: -50, n: 40 },
      { rule: old.id, value: -50, n: 40 },
      { rule: drop.id, value: 50, n: 200 },
    ]);
  });

  it('the migration gives rules made before it UTC', async () => {
    const [col] = await queryRows<{ d: string | null; nullable: string }>(
      db.db,
      sql`select column_default as d, is_nullable as nullable from information_schema.columns where table_name = 'alert_rules' and column_name = 'timezone'`,
    );
    expect(col).toEqual({ d: "'UTC'::text", nullable: 'YES' });
  });
});
