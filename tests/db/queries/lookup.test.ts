import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findJourney, findTouchpoint, listJourneys, listTouchpoints } from '../../../src/db/queries/lookup.js';
import { DEMO_JOURNEYS } from '../../../src/demo/data.js';
import { createTestDb, type TestDb } from '../../helpers/db.js';
import { insertJourney } from '../../helpers/fixtures.js';
import { createLookupService } from '../../../src/services/lookup.js';
import { resolveTouchpoint } from '../../../src/slack/listeners/commands/resolve.js';
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

describe('lookups on the demo journeys', () => {
  let t: TestDb | undefined;
  const db = () => {
    if (!t) throw new Error('database not ready');
    return t.db;
  };
  beforeAll(async () => {
    t = await createTestDb();
    for (const j of DEMO_JOURNEYS) await insertJourney(t.db, j.key, j.name, j.touchpoints.map((tp) => ({ key: tp.key, name: tp.name, channel: tp.channel })));
  });
  afterAll(async () => t?.close());

  const suggestions = async (text: string) => {
    const r = await findTouchpoint(db(), text);
    return r.found === false && r.reason === 'not_found' ? r.suggestions.map((s) => `${s.journeyKey}/${s.key}`) : [];
  };

  it('a misspelt journey/touchpoint pair suggests the closest pair first', async () => {
    expect((await suggestions('onlin-purchase/delivry'))[0]).toBe('online-purchase/delivery');
    expect((await suggestions('online-purchse/chekout'))[0]).toBe('online-purchase/checkout');
    expect((await suggestions('suport/resolutoin'))[0]).toBe('support/resolution');
  });

  it('still suggests the pair when the journey part is too far off to suggest a journey', async () => {
    expect((await findJourney(db(), 'shop')).found).toBe(false);
    expect((await suggestions('shop/delivry'))[0]).toBe('online-purchase/delivery');
    expect((await suggestions('ｏｎｌｉｎｅ/配送'))[0]).toBe('online-purchase/delivery');
    // A journey that exists but has no such touchpoint points at the journey that has it.
    expect(await suggestions('support/delivry')).toEqual(['online-purchase/delivery']);
  });

  it('the "did you mean" reply names the closest pair, in English and Japanese', async () => {
    const lookup = createLookupService(db());
    const example = (ref: string) => `/journey touchpoint ${ref}`;
    const en = await resolveTouchpoint(lookup, 'en', { journey: 'onlin-purchase', touchpoint: 'delivry' }, example);
    expect(en).toEqual({ ok: false, text: 'No touchpoint matches `onlin-purchase/delivry`.\nDid you mean: `/journey touchpoint online-purchase/delivery` (配送)' });
    const ja = await resolveTouchpoint(lookup, 'ja', { journey: 'shop', touchpoint: 'delivry' }, example);
    // Japanese takes full-width brackets for the name: `…`（配送）.
    expect(ja.ok === false && ja.text.split('\n')[1]).toMatch(/`\/journey touchpoint online-purchase\/delivery`（配送）/);
  });
});
