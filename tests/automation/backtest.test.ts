import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs, runCommand } from '../../src/cli/commands.js';
import { queryRows } from '../../src/db/rows.js';
import { evaluateAlerts } from '../../src/jobs/alertEvaluation.js';
import { silentLogger } from '../../src/logger.js';
import { createRule } from '../../src/db/queries/automation/rules.js';
import { addNps, repeat, seedJourney } from '../helpers/automationData.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

/**
 * Two touchpoints, 40 answers a day from 1 to 25 Nov 2026: カート stays at NPS +40; 決済 is at +40,
 * falls to −20 on 11–16 Nov and comes back. One rule `nps-below bt 20` (UTC days).
 */
let db: TestDb;
const good = [...repeat(10, 24), ...repeat(8, 8), ...repeat(0, 8)]; // +40
const bad = [...repeat(10, 12), ...repeat(8, 8), ...repeat(0, 20)]; // −20

beforeAll(async () => {
  db = await createTestDb();
  const { journeyId, touchpointIds } = await seedJourney(db.db, 'bt', 'バックテスト', [
    { key: 'cart', name: 'カート' },
    { key: 'pay', name: '決済' },
  ]);
  const [cart, pay] = touchpointIds as [number, number];
  for (let d = 1; d <= 25; d++) {
    const at = new Date(`2026-11-${String(d).padStart(2, '0')}T09:00:00Z`);
    await addNps(db.db, cart, at, good);
    await addNps(db.db, pay, at, d >= 11 && d <= 16 ? bad : good);
  }
  await createRule(
    db.db,
    { teamId: 'T1', channelId: 'C-BT', kind: 'nps_below', target: { scope: 'journey', journeyId }, threshold: 20, windowDays: 7, minSample: 30, locale: 'en', timezone: 'UTC', createdBy: 'U1' },
    new Date('2026-11-01T00:00:00Z'),
  );
});

afterAll(async () => {
  await db.close();
});

describe('alert backtest', () => {
  it('opens the same incidents as live evaluation on the same data and clock', async () => {
    const every = 3 * 3_600_000;
    for (let t = Date.parse('2026-11-02T00:00:00Z'); t < Date.parse('2026-11-26T00:00:00Z'); t += every) {
      await evaluateAlerts(db.db, new Date(t), silentLogger);
    }
    const live = await queryRows<{ touchpoint: string; openedAt: string; resolvedAt: string | null }>(
      db.db,
      sql`select t.key as touchpoint, to_char(i.opened_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "openedAt",
            to_char(i.resolved_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "resolvedAt"
          from alert_incidents i join touchpoints t on t.id = i.touchpoint_id order by i.id`,
    );
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: () => undefined };
    const code = await runCommand(db.db, parseArgs(['alerts', 'backtest', '--rule', 'nps-below bt 20', '--from', '2026-11-02', '--to', '2026-11-25', '--every', '3h', '--json']), io);
    expect(code).toBe(0);
    const result = JSON.parse(out[0] ?? '{}') as { rule: string; evaluations: number; incidents: { journey: string; touchpoint: string; openedAt: string; resolvedAt: string | null; messages: number }[] };
    expect(result).toMatchObject({ rule: 'nps-below bt 20', from: '2026-11-02', to: '2026-11-25', evaluations: 24 * 8 });
    // 決済 falls on 11 Nov; after two such days (12 Nov: 5.7 < 6.5 at the strongest scale) it opens at 13 Nov 00:00,
    // when the 12th is over; back above 25 with evidence a few days after 17 Nov.
    expect(live).toHaveLength(1);
    expect(live[0]?.touchpoint).toBe('pay');
    expect(live[0]?.openedAt).toBe('2026-11-13T00:00:00.000Z');
    expect(live[0]?.resolvedAt).not.toBeNull();
    // Messages: the alert (NPS −20 over the two days that made the evidence, 40 below) and the resolution note;
    // no worsening note, since the level did not get worse once the window filled with bad days.
    expect(result.incidents).toEqual(live.map((l) => ({ journey: 'bt', ...l, messages: 2 })));
    // The backtest wrote nothing.
    const [n] = await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from alert_incidents`);
    expect(n?.n).toBe(1);
  });

  it('refuses a bad rule, days or timezone with a message that says what to do', () => {
    expect(() => parseArgs(['alerts', 'backtest', '--rule', 'nps-up * 3', '--from', '2026-11-01', '--to', '2026-11-02'])).toThrow(/expected: <nps-below/);
    expect(() => parseArgs(['alerts', 'backtest', '--rule', 'nps-drop * 10', '--from', '2026-11-05', '--to', '2026-11-02'])).toThrow(/--to not before --from/);
    expect(() => parseArgs(['alerts', 'backtest', '--rule', 'nps-drop * 10', '--from', '2026-11-01', '--to', '2026-11-02', '--tz', 'Mars/Olympus'])).toThrow(/not a timezone/);
  });
});
