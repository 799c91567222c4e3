import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../../src/db/client.js';
import { parsePeriod, resolvePeriod } from '../../../src/domain/periods.js';
import type { PeriodWindow } from '../../../src/domain/types.js';
import { createTestDb, type TestDb } from '../../helpers/db.js';
import { daysBetween, insertJourney, insertResponses, insertStepMetrics } from '../../helpers/fixtures.js';

/**
 * A small hand-countable dataset for the read-query tests, all written with plain SQL.
 * The window is `7d` in Asia/Tokyo at 2026-03-10T12:00Z (21:00 JST):
 *   current  = 4..10 March JST = [2026-03-03T15:00Z, 2026-03-10T15:00Z)
 *   previous = 25 Feb..3 March JST = [2026-02-24T15:00Z, 2026-03-03T15:00Z)
 */
export const NOW = new Date('2026-03-10T12:00:00Z');
export const TZ = 'Asia/Tokyo';

export function tokyo7d(): PeriodWindow {
  const parsed = parsePeriod('7d');
  if (!parsed.ok) throw new Error(parsed.message);
  return resolvePeriod(parsed.spec, NOW, TZ);
}

export interface ReadData {
  purchase: { journeyId: number; tp: Record<string, number> };
  support: { journeyId: number; tp: Record<string, number> };
}

export async function seedReadData(db: Db): Promise<ReadData> {
  const purchase = await insertJourney(db, 'purchase', 'オンライン購入', [
    { key: 'cart', name: 'カート', channel: 'online' },
    { key: 'payment', name: '支払い', channel: 'online' },
    { key: 'delivery', name: '配送', channel: 'offline' },
    { key: 'feedback', name: 'ご意見' },
    { key: 'old', name: '旧ステップ', active: false },
  ]);
  const support = await insertJourney(db, 'support', 'Customer Support', [
    { key: 'call', name: 'Phone call' },
    { key: 'feedback', name: 'Feedback' },
  ]);
  const cart = purchase.tp.cart!;
  const payment = purchase.tp.payment!;
  const delivery = purchase.tp.delivery!;
  await insertResponses(db, [
    // cart NPS, current period: 10, 9, 8, 3, 5, 6 → n 6, promoters 2, passives 1, detractors 3 → NPS −16.67
    { touchpointId: cart, metric: 'nps', score: 10, at: '2026-03-10T14:30:00Z' }, // 23:30 JST 10 March: last day, inside
    { touchpointId: cart, metric: 'nps', score: 9, at: '2026-03-03T15:00:00Z' }, // 00:00 JST 4 March: first instant, inside
    { touchpointId: cart, metric: 'nps', score: 8, at: '2026-03-05T03:00:00Z', comment: 'ok' },
    { touchpointId: cart, metric: 'nps', score: 3, at: '2026-03-06T03:00:00Z', comment: '配送が遅い' },
    { touchpointId: cart, metric: 'nps', score: 5, at: '2026-03-07T03:00:00Z', comment: '   ' },
    { touchpointId: cart, metric: 'nps', score: 6, at: '2026-03-08T03:00:00Z', comment: 'Too slow', customer: 'c-42' },
    // cart NPS, outside current: 00:30 JST 11 March (after), 23:30 JST 3 March (previous)
    { touchpointId: cart, metric: 'nps', score: 0, at: '2026-03-10T15:30:00Z', comment: 'tomorrow' },
    { touchpointId: cart, metric: 'nps', score: 0, at: '2026-03-03T14:30:00Z', comment: 'previous period' },
    // previous period: 0 (above) and 10 → NPS 0; 23:59 JST 24 Feb is before it
    { touchpointId: cart, metric: 'nps', score: 10, at: '2026-02-25T00:00:00Z' },
    { touchpointId: cart, metric: 'nps', score: 10, at: '2026-02-24T14:59:00Z' },
    { touchpointId: cart, metric: 'nps', score: 0, at: '2026-01-01T00:00:00Z' },
    // payment CSAT current: 5, 4, 2 → 2/3 satisfied = 66.67%
    { touchpointId: payment, metric: 'csat', score: 5, at: '2026-03-04T00:00:00Z' },
    { touchpointId: payment, metric: 'csat', score: 4, at: '2026-03-05T00:00:00Z' },
    { touchpointId: payment, metric: 'csat', score: 2, at: '2026-03-06T00:00:00Z' },
    // delivery CES current: 2, 4 → mean 3
    { touchpointId: delivery, metric: 'ces', score: 2, at: '2026-03-04T00:00:00Z' },
    { touchpointId: delivery, metric: 'ces', score: 4, at: '2026-03-09T00:00:00Z' },
    // retired touchpoint: never shown
    { touchpointId: purchase.tp.old!, metric: 'nps', score: 0, at: '2026-03-05T00:00:00Z' },
    // support: 3 promoters in the current period → NPS 100
    { touchpointId: support.tp.call!, metric: 'nps', score: 10, at: '2026-03-05T00:00:00Z' },
    { touchpointId: support.tp.call!, metric: 'nps', score: 9, at: '2026-03-06T00:00:00Z' },
    { touchpointId: support.tp.call!, metric: 'nps', score: 9, at: '2026-03-07T00:00:00Z' },
  ]);
  // Funnel, current (4..10 March local days): 7×100 = 700 → 7×60 = 420 → 7×30 = 210; feedback has none.
  // Previous: only cart on 3 March (50). 11 March is outside.
  const current = daysBetween('2026-03-04', '2026-03-10');
  await insertStepMetrics(db, [
    ...current.map((day) => ({ touchpointId: cart, day, reached: 100 })),
    ...current.map((day) => ({ touchpointId: payment, day, reached: 60 })),
    ...current.map((day) => ({ touchpointId: delivery, day, reached: 30 })),
    { touchpointId: cart, day: '2026-03-03', reached: 50 },
    { touchpointId: cart, day: '2026-03-11', reached: 999 },
  ]);
  return { purchase, support };
}

/** Registers hooks giving the enclosing describe block its own database seeded with seedReadData. */
export function useReadDb(): { readonly db: Db; readonly data: ReadData } {
  let t: TestDb | undefined;
  let data: ReadData | undefined;
  beforeAll(async () => {
    t = await createTestDb();
    data = await seedReadData(t.db);
  });
  afterAll(async () => t?.close());
  return {
    get db() {
      if (!t) throw new Error('useReadDb: database not ready (use it inside tests)');
      return t.db;
    },
    get data() {
      if (!data) throw new Error('useReadDb: data not ready (use it inside tests)');
      return data;
    },
  };
}
