import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertResponses, upsertJourneyDefinition, upsertStepMetrics, type ResponseInsert } from '../../../src/db/queries/ingest.js';
import { baselinePeriod } from '../../../src/db/queries/fixFirst.js';
import { parsePeriod, resolvePeriod } from '../../../src/domain/periods.js';
import { createFixFirstService } from '../../../src/services/fixFirst.js';
import { createTestDb, type TestDb } from '../../helpers/db.js';

const NOW = new Date('2026-03-31T12:00:00Z');

function window7d() {
  const parsed = parsePeriod('7d');
  if (!parsed.ok) throw new Error('bad period');
  return resolvePeriod(parsed.spec, NOW, 'UTC');
}

/**
 * a → b → c, in UTC. 7d = 2026-03-25 … 03-31; its baseline the 56 days 2026-01-28 … 03-24.
 *   baseline (03-01): 1,000 → 500 (drop-off 50%) → 300 (40%); c NPS 10 detractors of 100.
 *   now (03-28):        700 → 210 (70%)          → 126 (40%); c NPS 20 detractors of 50.
 *   before the baseline (01-20): 1,000 → 100 → 100, which must not count.
 * b: 700 × (0.70 − 0.50) = 140 more lost in 7 days = 140 a week.
 * c NPS: detractors 40% vs 10%: 126 passing × 0.30 = 37.8 a week.
 */
describe('fix first on the database', () => {
  let db: TestDb;
  let ids: Record<'a' | 'b' | 'c', number>;
  let journeyId: number;

  beforeAll(async () => {
    db = await createTestDb();
    const j = await upsertJourneyDefinition(db.db, 'shop', { name: 'Shop', touchpoints: [{ key: 'a', name: 'A' }, { key: 'b', name: 'B' }, { key: 'c', name: 'C' }] });
    journeyId = j.journeyId;
    const id = (key: string) => j.touchpoints.find((t) => t.key === key)?.id ?? -1;
    ids = { a: id('a'), b: id('b'), c: id('c') };
    const steps = (day: string, a: number, b: number, c: number) => [
      { touchpointId: ids.a, day, reached: a },
      { touchpointId: ids.b, day, reached: b },
      { touchpointId: ids.c, day, reached: c },
    ];
    await upsertStepMetrics(db.db, [...steps('2026-01-20', 1000, 100, 100), ...steps('2026-03-01', 1000, 500, 300), ...steps('2026-03-28', 700, 210, 126)]);
    let seq = 0;
    const answers = (day: string, n: number, detractors: number): ResponseInsert[] =>
      Array.from({ length: n }, (_, i) => ({ touchpointId: ids.c, metric: 'nps' as const, score: i < detractors ? 3 : 9, respondedAt: `${day}T10:00:00Z`, source: 't', externalId: `r${++seq}` }));
    await insertResponses(db.db, [...answers('2026-03-01', 100, 10), ...answers('2026-03-28', 50, 20)]);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  it('takes the 8 weeks before the period as the baseline', () => {
    const b = baselinePeriod(window7d());
    expect([b.startDay, b.endDay]).toEqual(['2026-01-28', '2026-03-25']);
  });

  it('ranks the step and the score in customers a week', async () => {
    const problems = await createFixFirstService(db.db).journey(journeyId, window7d());
    expect(problems.map((p) => [p.kind, p.touchpoint.key, Number(p.customersPerWeek.toFixed(2))])).toEqual([
      ['step', 'b', 140],
      ['score', 'c', 37.8],
    ]);
    const [step] = problems;
    expect(step?.kind === 'step' && step.evidence).toMatchObject({ nNow: 700, nBaseline: 1000 });
  });

  it('ranks every journey together', async () => {
    const all = await createFixFirstService(db.db).all(window7d());
    expect(all.ranked.map((p) => p.touchpoint.key)).toEqual(['b', 'c']);
    expect(all.byJourney.get(journeyId)?.length).toBe(2);
    expect(await createFixFirstService(db.db).journey(999_999, window7d())).toEqual([]);
  });
});
