import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findJourney } from '../../src/db/queries/lookup.js';
import { seedDemo } from '../../src/demo/seed.js';
import type { JourneyDrivers } from '../../src/domain/drivers.js';
import { parsePeriod, resolvePeriod } from '../../src/domain/periods.js';
import { createServices } from '../../src/services/index.js';
import { buildDriversMessage } from '../../src/slack/views/drivers.js';
import { validateMessage } from '../helpers/blockLimits.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { allText } from '../slack/features/helpers.js';

const NOW = new Date('2026-11-25T09:30:00Z');

/** The demo's key-drivers story: サイト訪問 drives the online-purchase outcome (配送 NPS) more than its score suggests. */
describe('demo key drivers', () => {
  let t: TestDb;
  let drivers: JourneyDrivers;
  beforeAll(async () => {
    t = await createTestDb();
    await seedDemo(t.db, { now: NOW });
    const journey = await findJourney(t.db, 'online-purchase');
    if (!journey.found) throw new Error('no demo journey');
    const parsed = parsePeriod('90d');
    if (!parsed.ok) throw new Error(parsed.message);
    const result = await createServices(t.db).drivers.forJourney(journey.value.id, resolvePeriod(parsed.spec, NOW, 'Asia/Tokyo'));
    if (!result) throw new Error('no drivers');
    drivers = result;
    if (process.env.SHOW_DEMO) console.log(JSON.stringify({ ...drivers, journey: drivers.journey.key, window: drivers.window.spec }, null, 1));
  }, 180_000);
  afterAll(async () => t.close());

  it('names the site visit the key driver of the delivery-survey outcome, well ahead of the rest', () => {
    expect(drivers.status).toBe('ok');
    expect(drivers.outcome?.touchpoint.key).toBe('delivery');
    expect(drivers.linkedCustomers).toBeGreaterThan(1000);
    const [top, second] = drivers.drivers;
    expect(top?.touchpoint.key).toBe('site-visit');
    expect(top!.importance!.share).toBeGreaterThan(0.5);
    // Clearly ahead: its interval does not reach the runner-up's.
    expect(top!.importance!.shareLow).toBeGreaterThan(second!.importance!.shareHigh);
    expect(top!.quadrant).toBe('act');
    // Its NPS is positive and unremarkable (about +24 against checkout's +39), yet it explains most of the outcome.
    expect(top!.score.score!).toBeGreaterThan(0);
    expect(top!.importance!.share).toBeGreaterThan(3 * second!.importance!.share);
  });

  it('reads as the story in both languages', () => {
    for (const locale of ['en', 'ja'] as const) {
      const message = buildDriversMessage(drivers, locale);
      expect(validateMessage(message)).toEqual([]);
      const text = allText(message as unknown as Record<string, unknown>);
      if (process.env.SHOW_DEMO) console.log(text);
      expect(text).toContain(locale === 'en' ? '*Important and low: act first*\n• *サイト訪問* `site-visit`' : '*重要度が高く評価が低い: 最優先で改善*\n• *サイト訪問* `site-visit`');
    }
  });
});
