import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/rows.js';
import { evaluateAlerts } from '../../src/jobs/alertEvaluation.js';
import { silentLogger } from '../../src/logger.js';
import { loadRuleEvidence } from '../../src/db/queries/automation/observations.js';
import { createRule, listAllRules, type RuleInput } from '../../src/db/queries/automation/rules.js';
import { addNps, repeat, seedJourney, setReached } from '../helpers/automationData.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

/**
 * Alert evidence is completed local days in the rule's timezone. Answers placed either side of Tokyo's and
 * UTC's midnights, read at 2026-12-10T15:30Z = 11 Dec 00:30 in Tokyo, 10 Dec 15:30 in UTC:
 * - 10 promoters at 10 Dec 14:00Z (10 Dec 23:00 JST)
 * - 30 detractors at 10 Dec 15:10Z (11 Dec 00:10 JST)
 * - 5 passives at 9 Dec 16:00Z (10 Dec 01:00 JST)
 * One-day windows: Tokyo's last completed day = 10 Dec JST = [9 Dec 15:00Z, 10 Dec 15:00Z) → 10 promoters
 * + 5 passives (the 30 detractors fell on 11 Dec JST, not over yet). UTC's = 9 Dec → the 5 passives.
 * A day later (11 Dec 15:30Z) Tokyo's completed day holds the 30 detractors, UTC's 10 P + 30 D.
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

    const subjects = await loadRuleEvidence(db.db, await listAllRules(db.db), now);
    const of = (ruleId: number) => subjects.find((s) => s.ruleId === ruleId)?.evidence.days;
    // Tallies: n, Σ (+100 promoter, −100 detractor), Σ squares.
    expect(of(tokyo.id)).toEqual([{ day: '2026-12-10', n: 15, sum: 1000, sumSq: 100_000 }]);
    expect(of(utc.id)).toEqual([{ day: '2026-12-09', n: 5, sum: 0, sumSq: 0 }]);
    expect(of(old.id)).toEqual(of(utc.id));
    // Drop-off Tokyo, 10 Dec JST: 1000 reach カート, 900 reach Payment → 100 lost.
    expect(subjects.find((s) => s.ruleId === drop.id)).toMatchObject({ touchpointId: pay, evidence: { days: [{ day: '2026-12-10', n: 1000, sum: 10_000 }] } });
    // Nothing breached on those days: no incident.
    await evaluateAlerts(db.db, now, silentLogger);
    expect(await queryRows(db.db, sql`select id from alert_incidents`)).toEqual([]);

    // A day later: Tokyo NPS −100 of 30 answers opens; UTC −50 of 40 opens; the old rule agrees with UTC;
    // drop-off on 11 Dec JST is 200 → 100, 50%.
    await evaluateAlerts(db.db, new Date('2026-12-11T15:30:00Z'), silentLogger);
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
