import type { Db } from '../../../src/db/client.js';
import { insertResponses, upsertJourneyDefinition, upsertStepMetrics, type ResponseInsert } from '../../../src/db/queries/ingest.js';

/**
 * A small, hand-checkable dataset. "Now" is 2026-03-31 12:00 UTC; current-period answers sit
 * 5–15 days back and previous-period answers 35–55 days back, so `30d` splits them cleanly
 * whatever the exact edge rules are.
 *
 * オンライン購入 (online-purchase): search → cart → checkout → feedback
 *   checkout NPS: current 12 P / 8 passive / 20 D = −20 (n 40); previous 28 / 8 / 4 = +60 → −80, significant
 *   cart NPS: 20 / 10 / 10 = +25 in both periods (n 40) → 0
 *   search NPS: current 5 P / 5 passive = +50 (n 10, too small); previous none
 *   funnel current (day −10): 1000 → 600 → 300 → 240: conversion 60%, 50%, 80%; largest drop-off checkout (50%); end to end 24%
 *   funnel previous (day −40): 1000 → 700 → 500 → 450: end to end 45%
 * Support (support): contact → resolution → feedback
 *   contact NPS: current 30 × 9 = +100 (n 30); previous none
 */
export const NOW = new Date('2026-03-31T12:00:00Z');

export interface Fixture {
  tp: Record<'search' | 'cart' | 'checkout' | 'feedback' | 'contact' | 'resolution' | 'supportFeedback', number>;
  journeys: { online: number; support: number };
}

const DAY = 86_400_000;
let seq = 0;

function answers(touchpointId: number, daysBack: number, scores: Array<[score: number, count: number]>, comment?: (i: number) => string): ResponseInsert[] {
  const out: ResponseInsert[] = [];
  let i = 0;
  for (const [score, count] of scores) {
    for (let k = 0; k < count; k++) {
      // Spread over ten days so weekly trends have several points.
      const at = new Date(NOW.getTime() - (daysBack + (i % 10)) * DAY - (i % 7) * 3_600_000);
      const row: ResponseInsert = { touchpointId, metric: 'nps', score, respondedAt: at.toISOString(), source: 'fixture', externalId: `f${++seq}` };
      const c = score <= 6 && comment ? comment(i) : undefined;
      if (c !== undefined) row.comment = c;
      out.push(row);
      i++;
    }
  }
  return out;
}

export async function seedFixture(db: Db): Promise<Fixture> {
  const online = await upsertJourneyDefinition(db, 'online-purchase', {
    name: 'オンライン購入',
    description: 'Buying on the web shop',
    touchpoints: [
      { key: 'search', name: '商品検索', channel: 'online' },
      { key: 'cart', name: 'カート', channel: 'online' },
      { key: 'checkout', name: '決済', channel: 'online' },
      { key: 'feedback', name: 'アンケート', channel: 'email' },
    ],
  });
  const support = await upsertJourneyDefinition(db, 'support', {
    name: 'Support',
    description: undefined,
    touchpoints: [
      { key: 'contact', name: 'Contact us', channel: 'phone' },
      { key: 'resolution', name: 'Resolution', channel: 'phone' },
      { key: 'feedback', name: 'Feedback survey', channel: 'email' },
    ],
  });
  const id = (r: typeof online, key: string): number => {
    const t = r.touchpoints.find((x) => x.key === key);
    if (!t) throw new Error(`fixture: no touchpoint ${key}`);
    return t.id;
  };
  const tp = {
    search: id(online, 'search'),
    cart: id(online, 'cart'),
    checkout: id(online, 'checkout'),
    feedback: id(online, 'feedback'),
    contact: id(support, 'contact'),
    resolution: id(support, 'resolution'),
    supportFeedback: id(support, 'feedback'),
  };
  const rows = [
    ...answers(tp.checkout, 5, [[10, 12], [8, 8], [2, 20]], (i) => `Payment failed <again> & again #${i}`),
    ...answers(tp.checkout, 40, [[10, 28], [8, 8], [3, 4]]),
    ...answers(tp.cart, 5, [[9, 20], [7, 10], [5, 10]]),
    ...answers(tp.cart, 40, [[9, 20], [7, 10], [5, 10]]),
    ...answers(tp.search, 5, [[10, 5], [8, 5]]),
    ...answers(tp.contact, 5, [[9, 30]]),
  ];
  await insertResponses(db, rows);
  const day = (back: number) => new Date(NOW.getTime() - back * DAY).toISOString().slice(0, 10);
  await upsertStepMetrics(db, [
    { touchpointId: tp.search, day: day(10), reached: 1000 },
    { touchpointId: tp.cart, day: day(10), reached: 600 },
    { touchpointId: tp.checkout, day: day(10), reached: 300 },
    { touchpointId: tp.feedback, day: day(10), reached: 240 },
    { touchpointId: tp.search, day: day(40), reached: 1000 },
    { touchpointId: tp.cart, day: day(40), reached: 700 },
    { touchpointId: tp.checkout, day: day(40), reached: 500 },
    { touchpointId: tp.feedback, day: day(40), reached: 450 },
  ]);
  return { tp, journeys: { online: online.journeyId, support: support.journeyId } };
}
