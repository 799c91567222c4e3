import type { DemoDataset, DemoResponse } from './generate.js';
import { prng } from './generate.js';
import { fnv1a } from '../domain/random.js';

/**
 * Customer refs for the demo, so key drivers have something to find. The generator draws each
 * answer on its own (its scores, and so the demo's other stories, stay exactly as they are);
 * this step only decides *who* gave each online-purchase answer:
 *  - every 配送 (delivery) NPS answer is one customer's post-purchase answer — the journey's
 *    outcome (DEMO_OUTCOMES) — and most answers at the other touchpoints in the same week are
 *    given to one of those customers, each customer at most once per touchpoint;
 *  - which customer gets which answer follows a rank correlation of the touchpoint's score with
 *    the customer's outcome score (LINK_STRENGTH): サイト訪問 is tied to the outcome far more
 *    than the others, though its NPS is unremarkable, so it is the journey's key driver —
 *    more than its score suggests. The journey view points at 配送 and 購入手続き; key drivers
 *    point at the site visit.
 * Answers of the other journeys keep the generator's random refs.
 */

/** The outcome touchpoint of a demo journey (journeys.outcome_key); the others use the default (last). */
export const DEMO_OUTCOMES: Readonly<Record<string, string>> = { 'online-purchase': 'delivery' };

const JOURNEY = 'online-purchase';
/** How closely each touchpoint's score follows the outcome (0 = not at all, 1 = same order). */
const LINK_STRENGTH: Readonly<Record<string, number>> = { 'site-visit': 0.75, checkout: 0.35, cart: 0.3, support: 0.15 };
/** Share of a touchpoint's answers given by customers who also answered the outcome survey. */
const LINKED_SHARE = 0.85;
const DAY_MS = 86_400_000;

export function linkDemoCustomers(data: DemoDataset): DemoDataset {
  const outcomeKey = DEMO_OUTCOMES[JOURNEY];
  const weekOf = (r: DemoResponse) => Math.floor(Date.parse(r.respondedAt) / (7 * DAY_MS));
  const byWeek = new Map<number, { outcome: DemoResponse[]; others: Map<string, DemoResponse[]> }>();
  for (const r of data.responses) {
    if (r.journey !== JOURNEY) continue;
    const week = byWeek.get(weekOf(r)) ?? { outcome: [], others: new Map<string, DemoResponse[]>() };
    byWeek.set(weekOf(r), week);
    if (r.touchpoint === outcomeKey && r.metric === 'nps') week.outcome.push(r);
    else {
      const key = `${r.touchpoint}/${r.metric}`;
      week.others.set(key, [...(week.others.get(key) ?? []), r]);
    }
  }

  const customers = new Map<string, string>();
  for (const [week, { outcome, others }] of byWeek) {
    outcome.forEach((o) => customers.set(o.id, customerId(o.id)));
    for (const [key, answers] of others) {
      const [touchpoint] = key.split('/');
      const strength = LINK_STRENGTH[touchpoint ?? ''] ?? 0;
      const rand = prng(`customers/${JOURNEY}/${key}/${week}`);
      // Answers of a touchpoint's second survey (購入手続き CES) and the unlinked share come from other customers.
      const primary = key === `${touchpoint}/${primaryMetric(data, touchpoint ?? '')}`;
      const linked = primary ? answers.filter(() => rand() < LINKED_SHARE).slice(0, outcome.length) : [];
      for (const a of answers) if (!linked.includes(a)) customers.set(a.id, customerId(a.id));
      if (linked.length === 0) continue;
      // A random set of outcome customers, ordered by their outcome score blurred by noise…
      const chosen = shuffle([...outcome], rand).slice(0, linked.length);
      const keyed = chosen.map((o) => ({ o, key: strength * normalScore(o.score) + Math.sqrt(1 - strength * strength) * gaussian(rand) }));
      keyed.sort((a, b) => a.key - b.key);
      // …meets the touchpoint's answers in score order (ties in random order).
      const ordered = linked.map((a) => ({ a, tie: rand() })).sort((x, y) => x.a.score - y.a.score || x.tie - y.tie);
      ordered.forEach(({ a }, i) => customers.set(a.id, customerId(keyed[i]!.o.id)));
    }
  }
  return { ...data, responses: data.responses.map((r) => (customers.has(r.id) ? { ...r, customer: customers.get(r.id)! } : r)) };
}

/** The metric the drivers read at a touchpoint: NPS if surveyed, else CSAT, else CES (as src/db/queries/drivers.ts). */
function primaryMetric(data: DemoDataset, touchpoint: string): string {
  const tp = data.journeys.find((j) => j.key === JOURNEY)?.touchpoints.find((t) => t.key === touchpoint);
  const metrics = new Set(tp?.surveys.map((s) => s.metric) ?? []);
  return metrics.has('nps') ? 'nps' : metrics.has('csat') ? 'csat' : 'ces';
}

/** A stable customer ref from the answer that defines the customer. */
function customerId(answerId: string): string {
  return `cust-op-${fnv1a(answerId).toString(36)}`;
}

/** NPS 0..10 around its middle, on roughly a unit scale. */
function normalScore(score: number): number {
  return (score - 7) / 2.5;
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}
