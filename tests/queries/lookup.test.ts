import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findJourney, findTouchpoint, listJourneys, listTouchpoints } from '../../src/queries/lookup.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { seedReadData, type ReadData } from './readData.js';

describe('lookups', () => {
  let t: TestDb;
  let data: ReadData;
  beforeAll(async () => {
    t = await createTestDb();
    data = await seedReadData(t.db);
  });
  afterAll(async () => t.close());

  it('lists journeys with active touchpoint counts', async () => {
    const journeys = await listJourneys(t.db);
    expect(journeys.map((j) => [j.key, j.name, j.touchpointCount]).sort()).toEqual([
      ['purchase', 'オンライン購入', 4], // 'old' is retired
      ['support', 'Customer Support', 2],
    ]);
  });

  it('lists active touchpoints in position order', async () => {
    const tps = await listTouchpoints(t.db, data.purchase.journeyId);
    expect(tps.map((tp) => tp.key)).toEqual(['cart', 'payment', 'delivery', 'feedback']);
    expect(tps[0]).toMatchObject({ name: 'カート', channel: 'online', position: 0, journeyKey: 'purchase', journeyName: 'オンライン購入' });
  });

  it('finds journeys by key or name, ignoring case and width', async () => {
    for (const text of ['purchase', 'オンライン購入', 'ＰＵＲＣＨＡＳＥ', ' Purchase ']) {
      const r = await findJourney(t.db, text);
      expect(r.found && r.value.key).toBe('purchase');
    }
    const miss = await findJourney(t.db, 'purchse');
    expect(miss).toMatchObject({ found: false, reason: 'not_found' });
    expect(miss.found === false && miss.reason === 'not_found' && miss.suggestions.map((j) => j.key)).toEqual(['purchase']);
    const jaMiss = await findJourney(t.db, 'オンライン');
    expect(jaMiss.found === false && jaMiss.reason === 'not_found' && jaMiss.suggestions[0]?.key).toBe('purchase');
  });

  it('finds touchpoints as journey/touchpoint or alone when unique', async () => {
    const a = await findTouchpoint(t.db, 'purchase/cart');
    expect(a.found && a.value.id).toBe(data.purchase.tp.cart);
    const b = await findTouchpoint(t.db, 'オンライン購入/カート');
    expect(b.found && b.value.id).toBe(data.purchase.tp.cart);
    const c = await findTouchpoint(t.db, '支払い');
    expect(c.found && c.value.key).toBe('payment');
  });

  it('reports ambiguous keys with candidates, and retired or misspelt ones with suggestions', async () => {
    const amb = await findTouchpoint(t.db, 'feedback');
    expect(amb.found === false && amb.reason === 'ambiguous' && amb.candidates.map((c) => c.journeyKey).sort()).toEqual(['purchase', 'support']);
    const support = await findTouchpoint(t.db, 'support/feedback');
    expect(support.found && support.value.id).toBe(data.support.tp.feedback);
    expect((await findTouchpoint(t.db, 'old')).found).toBe(false);
    const typo = await findTouchpoint(t.db, 'purchase/crt');
    expect(typo.found === false && typo.reason === 'not_found' && typo.suggestions.map((s) => s.key)).toEqual(['cart']);
    const badJourney = await findTouchpoint(t.db, 'purchas/cart');
    expect(badJourney.found === false && badJourney.reason === 'not_found' && badJourney.suggestions.map((s) => s.key)).toEqual(['cart']);
  });
});
