import { describe, expect, it } from 'vitest';
import { findJourney, findTouchpoint, listJourneys, listTouchpoints } from '../../../src/db/queries/lookup.js';
import { useReadDb } from './readData.js';

describe('lookups', () => {
  const fx = useReadDb();

  it('lists journeys with active touchpoint counts', async () => {
    const journeys = await listJourneys(fx.db);
    expect(journeys.map((j) => [j.key, j.name, j.touchpointCount]).sort()).toEqual([
      ['purchase', 'オンライン購入', 4], // 'old' is retired
      ['support', 'Customer Support', 2],
    ]);
  });

  it('lists active touchpoints in position order', async () => {
    const tps = await listTouchpoints(fx.db, fx.data.purchase.journeyId);
    expect(tps.map((tp) => tp.key)).toEqual(['cart', 'payment', 'delivery', 'feedback']);
    expect(tps[0]).toMatchObject({ name: 'カート', channel: 'online', position: 0, journeyKey: 'purchase', journeyName: 'オンライン購入' });
  });

  it('finds journeys by key or name, ignoring case and width', async () => {
    for (const text of ['purchase', 'オンライン購入', 'ＰＵＲＣＨＡＳＥ', ' Purchase ']) {
      const r = await findJourney(fx.db, text);
      expect(r.found && r.value.key).toBe('purchase');
    }
    const miss = await findJourney(fx.db, 'purchse');
    expect(miss).toMatchObject({ found: false, reason: 'not_found' });
    expect(miss.found === false && miss.reason === 'not_found' && miss.suggestions.map((j) => j.key)).toEqual(['purchase']);
    const jaMiss = await findJourney(fx.db, 'オンライン');
    expect(jaMiss.found === false && jaMiss.reason === 'not_found' && jaMiss.suggestions[0]?.key).toBe('purchase');
  });

  it('finds touchpoints as journey/touchpoint or alone when unique', async () => {
    const a = await findTouchpoint(fx.db, 'purchase/cart');
    expect(a.found && a.value.id).toBe(fx.data.purchase.tp.cart);
    const b = await findTouchpoint(fx.db, 'オンライン購入/カート');
    expect(b.found && b.value.id).toBe(fx.data.purchase.tp.cart);
    const c = await findTouchpoint(fx.db, '支払い');
    expect(c.found && c.value.key).toBe('payment');
  });

  it('reports ambiguous keys with candidates, and retired or misspelt ones with suggestions', async () => {
    const amb = await findTouchpoint(fx.db, 'feedback');
    expect(amb.found === false && amb.reason === 'ambiguous' && amb.candidates.map((c) => c.journeyKey).sort()).toEqual(['purchase', 'support']);
    const support = await findTouchpoint(fx.db, 'support/feedback');
    expect(support.found && support.value.id).toBe(fx.data.support.tp.feedback);
    expect((await findTouchpoint(fx.db, 'old')).found).toBe(false);
    const typo = await findTouchpoint(fx.db, 'purchase/crt');
    expect(typo.found === false && typo.reason === 'not_found' && typo.suggestions.map((s) => s.key)).toEqual(['cart']);
    const badJourney = await findTouchpoint(fx.db, 'purchas/cart');
    expect(badJourney.found === false && badJourney.reason === 'not_found' && badJourney.suggestions.map((s) => s.key)).toEqual(['cart']);
  });
});
