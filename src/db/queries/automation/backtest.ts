import { sql } from 'drizzle-orm';
import type { Db } from '../../client.js';
import { queryRows } from '../../rows.js';
import type { AlertRule } from '../../schema.js';
import { evaluateSubjects, IncidentBook, type EngineRule } from '../../../domain/alertEngine.js';
import { localDay } from '../../../domain/localTime.js';
import type { RuleText } from '../../../domain/alertRuleText.js';
import { loadRuleEvidence } from './observations.js';

/**
 * What a rule would have done over history: the evaluation step the live job runs, on the stored
 * answers, with a simulated clock and incidents kept in memory. Reads only; writes nothing.
 * Evidence is read once per local day of the rule's timezone: it is made of completed days, so the
 * checks within a day see the same numbers (as the live job does every 15 minutes).
 */
export interface BacktestIncident {
  journey: string;
  touchpoint: string;
  openedAt: string;
  resolvedAt: string | null;
  messages: number;
}

export interface BacktestResult {
  evaluations: number;
  incidents: BacktestIncident[];
}

export type ScopeResolution = { ok: true; scope: Pick<AlertRule, 'scope' | 'journeyId' | 'touchpointId'> } | { ok: false; message: string };

/** `*`, a journey key (or name), or `journey/touchpoint` keys (or names). */
export async function resolveScopeText(db: Db, text: string): Promise<ScopeResolution> {
  if (text === '*' || text.toLowerCase() === 'all') return { ok: true, scope: { scope: 'all', journeyId: null, touchpointId: null } };
  const [journeyText, touchpointText] = text.split('/', 2) as [string, string | undefined];
  const [j] = await queryRows<{ id: number }>(db, sql`select id::int as id from journeys where key = ${journeyText} or name = ${journeyText} order by (key = ${journeyText}) desc limit 1`);
  if (!j) return { ok: false, message: `no journey "${journeyText}"` };
  if (touchpointText === undefined) return { ok: true, scope: { scope: 'journey', journeyId: j.id, touchpointId: null } };
  const [t] = await queryRows<{ id: number }>(
    db,
    sql`select id::int as id from touchpoints where journey_id = ${j.id} and (key = ${touchpointText} or name = ${touchpointText}) order by (key = ${touchpointText}) desc limit 1`,
  );
  if (!t) return { ok: false, message: `no touchpoint "${touchpointText}" in journey "${journeyText}"` };
  return { ok: true, scope: { scope: 'touchpoint', journeyId: j.id, touchpointId: t.id } };
}

export interface BacktestOptions {
  rule: RuleText;
  scope: Pick<AlertRule, 'scope' | 'journeyId' | 'touchpointId'>;
  timezone: string;
  from: Date;
  to: Date;
  everyMs: number;
  /** Called once per simulated day with the share done (0..1). */
  progress?: (done: number, day: string) => void;
}

export async function backtestRule(db: Db, o: BacktestOptions): Promise<BacktestResult> {
  const engine: EngineRule = { id: 0, kind: o.rule.kind, threshold: o.rule.threshold, minSample: o.rule.minSample, timezone: o.timezone, windowDays: o.rule.windowDays };
  const row = { id: 0, kind: o.rule.kind, ...o.scope, windowDays: o.rule.windowDays, timezone: o.timezone };
  const book = new IncidentBook();
  let evaluations = 0;
  let day = '';
  let subjects: Awaited<ReturnType<typeof loadRuleEvidence>> = [];
  const span = Math.max(1, o.to.getTime() - o.from.getTime());
  for (let t = o.from.getTime(); t < o.to.getTime(); t += o.everyMs) {
    const now = new Date(t);
    const today = localDay(now, o.timezone);
    if (today !== day) {
      subjects = await loadRuleEvidence(db, [row], now);
      day = today;
      o.progress?.((t - o.from.getTime()) / span, today);
    }
    book.apply(evaluateSubjects([engine], subjects, book.stateOf, now), now);
    evaluations++;
  }
  const ids = [...new Set(book.incidents.map((i) => i.touchpointId))];
  const names = new Map<number, { journey: string; touchpoint: string }>();
  if (ids.length > 0) {
    const rows = await queryRows<{ id: number; journey: string; touchpoint: string }>(
      db,
      sql`select t.id::int as id, j.key as journey, t.key as touchpoint from touchpoints t join journeys j on j.id = t.journey_id
          where t.id = any(${`{${ids.join(',')}}`}::int[])`,
    );
    for (const r of rows) names.set(r.id, { journey: r.journey, touchpoint: r.touchpoint });
  }
  return {
    evaluations,
    incidents: book.incidents.map((i) => ({
      journey: names.get(i.touchpointId)?.journey ?? '',
      touchpoint: names.get(i.touchpointId)?.touchpoint ?? '',
      openedAt: i.openedAt.toISOString(),
      resolvedAt: i.resolvedAt ? i.resolvedAt.toISOString() : null,
      messages: i.messages,
    })),
  };
}
