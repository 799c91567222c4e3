import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { queryRows } from '../rows.js';
import type { Metric } from '../../domain/types.js';
import type { JourneyDefinitionInput } from '../../domain/model.js';

/**
 * Writes for ingestion (HTTP API, CLI, demo seed). Every batch is one set-based statement:
 * rows travel as one JSON parameter through jsonb_to_recordset, never one INSERT per row.
 */

export interface StoredTouchpoint {
  id: number;
  key: string;
  name: string;
  channel: string | null;
  position: number;
  active: boolean;
}

export interface UpsertJourneyResult {
  journeyId: number;
  created: boolean;
  /** Active touchpoints in their new order. */
  touchpoints: StoredTouchpoint[];
  /** Keys of touchpoints that were active before and are now retired (active = false). */
  retired: string[];
}

/**
 * Creates or updates a journey and its ordered touchpoints in one transaction.
 * Touchpoints left out are retired (active = false, placed after the active ones), never
 * deleted: their answers stay. A retired key that comes back is reactivated.
 */
export async function upsertJourneyDefinition(db: Db, key: string, def: JourneyDefinitionInput): Promise<UpsertJourneyResult> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const [journey] = await queryRows<{ id: number; created: boolean }>(
      t,
      sql`insert into journeys (key, name, description, outcome_key) values (${key}, ${def.name}, ${def.description ?? null}, ${def.outcome ?? null})
          on conflict (key) do update set name = excluded.name, description = excluded.description, outcome_key = excluded.outcome_key, updated_at = now()
          returning id, (xmax = 0) as created`,
    );
    if (!journey) throw new Error(`upsertJourneyDefinition: no row returned for journey ${key}`);
    const items = def.touchpoints.map((tp, position) => ({ k: tp.key, n: tp.name, c: tp.channel ?? null, p: position }));
    const count = items.length;
    const retired = await queryRows<{ key: string; was_active: boolean }>(
      t,
      sql`with gone as (
            select id, key, active, row_number() over (order by position, id) as rank
            from touchpoints
            where journey_id = ${journey.id}
              and key not in (select value from jsonb_array_elements_text(${JSON.stringify(items.map((i) => i.k))}::jsonb))
          )
          update touchpoints tp set active = false, position = ${count} + gone.rank - 1, updated_at = now()
          from gone where tp.id = gone.id
          returning gone.key, gone.active as was_active`,
    );
    const stored = await queryRows<StoredTouchpoint>(
      t,
      sql`insert into touchpoints (journey_id, key, name, channel, position, active)
          select ${journey.id}, r.k, r.n, r.c, r.p, true
          from jsonb_to_recordset(${JSON.stringify(items)}::jsonb) as r(k text, n text, c text, p int)
          on conflict (journey_id, key) do update set
            name = excluded.name, channel = excluded.channel, position = excluded.position, active = true, updated_at = now()
          returning id, key, name, channel, position, active`,
    );
    stored.sort((a, b) => a.position - b.position);
    return {
      journeyId: journey.id,
      created: journey.created,
      touchpoints: stored,
      retired: retired.filter((r) => r.was_active).map((r) => r.key),
    };
  });
}

export interface KeyPair {
  journey: string;
  touchpoint: string;
}

export type ResolvedKey = { touchpointId: number } | { unknown: 'journey' | 'touchpoint' };

/**
 * Resolves journey key + touchpoint key pairs to touchpoint ids, one query for the whole batch.
 * Returns one entry per input pair (same order); unknown ones say which key was not found.
 * Retired touchpoints still resolve: late answers for them are real data.
 */
export async function resolveTouchpointKeys(db: Db, pairs: readonly KeyPair[]): Promise<ResolvedKey[]> {
  const distinct = new Map<string, KeyPair>();
  for (const p of pairs) distinct.set(pairKey(p), p);
  if (distinct.size === 0) return [];
  const input = [...distinct.values()].map((p) => ({ j: p.journey, t: p.touchpoint }));
  const rows = await queryRows<{ j: string; t: string; journey_id: number | null; touchpoint_id: number | null }>(
    db,
    sql`select i.j, i.t, jr.id as journey_id, tp.id as touchpoint_id
        from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as i(j text, t text)
        left join journeys jr on jr.key = i.j
        left join touchpoints tp on tp.journey_id = jr.id and tp.key = i.t`,
  );
  const found = new Map<string, ResolvedKey>();
  for (const r of rows) {
    const resolved: ResolvedKey =
      r.touchpoint_id !== null ? { touchpointId: Number(r.touchpoint_id) } : { unknown: r.journey_id === null ? 'journey' : 'touchpoint' };
    found.set(pairKey({ journey: r.j, touchpoint: r.t }), resolved);
  }
  return pairs.map((p) => found.get(pairKey(p)) ?? { unknown: 'journey' });
}

function pairKey(p: KeyPair): string {
  return `${p.journey}\u0000${p.touchpoint}`;
}

export interface ResponseInsert {
  touchpointId: number;
  metric: Metric;
  score: number;
  comment?: string | undefined;
  customerRef?: string | undefined;
  /** ISO 8601 with offset. */
  respondedAt: string;
  source: string;
  externalId: string;
  /** Validated `{ key: value }` strings; absent = none. */
  attributes?: Record<string, string> | undefined;
}

export interface InsertResponsesResult {
  accepted: number;
  duplicates: number;
}

/**
 * Inserts answers all-or-nothing in one statement (so one transaction). Idempotent: an answer
 * whose (source, external_id) is already stored — or repeated within the batch — is skipped
 * and counted as a duplicate. The rollup triggers update response_daily once per statement,
 * in (touchpoint, metric, day) order. Call it outside a transaction through a retry
 * (src/db/retry.ts): a deadlock or serialization failure rolls the whole batch back.
 */
export async function insertResponses(db: Db, rows: readonly ResponseInsert[]): Promise<InsertResponsesResult> {
  if (rows.length === 0) return { accepted: 0, duplicates: 0 };
  // Short keys keep the JSON parameter small: at 5,000 rows per batch it adds up.
  const payload = rows.map((r) => ({
    t: r.touchpointId,
    m: r.metric,
    s: r.score,
    c: r.comment ?? null,
    u: r.customerRef ?? null,
    a: r.respondedAt,
    o: r.source,
    x: r.externalId,
    b: r.attributes ?? null,
  }));
  const [result] = await queryRows<{ accepted: number }>(
    db,
    sql`with ins as (
          insert into responses (touchpoint_id, metric, score, comment, customer_ref, responded_at, source, external_id, attributes)
          select r.t, r.m, r.s, r.c, r.u, r.a, r.o, r.x, r.b
          from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb)
            as r(t int, m text, s smallint, c text, u text, a timestamptz, o text, x text, b jsonb)
          -- Concurrent batches with overlapping ids must take their unique-index locks in one
          -- global order, or two of them can each wait for a key the other inserted (deadlock).
          order by r.o, r.x
          on conflict (source, external_id) do nothing
          returning 1
        )
        select count(*)::int as accepted from ins`,
  );
  const accepted = result?.accepted ?? 0;
  return { accepted, duplicates: rows.length - accepted };
}

export interface StepMetricUpsert {
  touchpointId: number;
  /** YYYY-MM-DD */
  day: string;
  reached: number;
  /** One `{ key: value }`: the count of that segment, kept beside the unsplit total. */
  attributes?: Record<string, string> | undefined;
}

/**
 * Writes daily step counts; re-sending a touchpoint's day replaces its value. Rows with an
 * attribute go to step_metric_segments and never change the unsplit total in step_metrics.
 */
export async function upsertStepMetrics(db: Db, rows: readonly StepMetricUpsert[]): Promise<{ written: number }> {
  if (rows.length === 0) return { written: 0 };
  const segmentRows = rows.filter((r) => r.attributes !== undefined);
  const totals = rows.filter((r) => r.attributes === undefined);
  if (segmentRows.length === 0) return upsertStepTotals(db, totals);
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const { written } = await upsertStepTotals(t, totals);
    return { written: written + (await upsertStepSegments(t, segmentRows)).written };
  });
}

async function upsertStepSegments(db: Db, rows: readonly StepMetricUpsert[]): Promise<{ written: number }> {
  const payload = rows.flatMap((r) => Object.entries(r.attributes ?? {}).map(([k, v]) => ({ t: r.touchpointId, k, v, d: r.day, n: r.reached })));
  const [result] = await queryRows<{ written: number }>(
    db,
    sql`with up as (
          insert into step_metric_segments (touchpoint_id, attr_key, attr_value, day, reached)
          select r.t, r.k, r.v, r.d, r.n from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as r(t int, k text, v text, d date, n int)
          order by r.t, r.k, r.d, r.v
          on conflict (touchpoint_id, attr_key, day, attr_value) do update set reached = excluded.reached, updated_at = now()
          returning 1
        )
        select count(*)::int as written from up`,
  );
  return { written: result?.written ?? 0 };
}

async function upsertStepTotals(db: Db, rows: readonly StepMetricUpsert[]): Promise<{ written: number }> {
  if (rows.length === 0) return { written: 0 };
  const payload = rows.map((r) => ({ t: r.touchpointId, d: r.day, n: r.reached }));
  const [result] = await queryRows<{ written: number }>(
    db,
    sql`with up as (
          insert into step_metrics (touchpoint_id, day, reached)
          select r.t, r.d, r.n from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as r(t int, d date, n int)
          -- Rows locked in key order, so overlapping concurrent batches never wait on each other in a cycle.
          order by r.t, r.d
          on conflict (touchpoint_id, day) do update set reached = excluded.reached, updated_at = now()
          returning 1
        )
        select count(*)::int as written from up`,
  );
  return { written: result?.written ?? 0 };
}

export interface JourneyListing {
  key: string;
  name: string;
  description: string | null;
  touchpoints: Array<{ key: string; name: string; channel: string | null; position: number; active: boolean }>;
}

/** Every journey with its touchpoints (active first, in order): what the ingest API accepts keys for. */
export async function listJourneyDefinitions(db: Db): Promise<JourneyListing[]> {
  const rows = await queryRows<{
    key: string;
    name: string;
    description: string | null;
    tp_key: string | null;
    tp_name: string | null;
    channel: string | null;
    position: number | null;
    active: boolean | null;
  }>(
    db,
    sql`select j.key, j.name, j.description, tp.key as tp_key, tp.name as tp_name, tp.channel, tp.position, tp.active
        from journeys j left join touchpoints tp on tp.journey_id = j.id
        order by j.key, tp.active desc, tp.position, tp.id`,
  );
  const out = new Map<string, JourneyListing>();
  for (const r of rows) {
    let j = out.get(r.key);
    if (!j) {
      j = { key: r.key, name: r.name, description: r.description, touchpoints: [] };
      out.set(r.key, j);
    }
    if (r.tp_key !== null) {
      j.touchpoints.push({ key: r.tp_key, name: r.tp_name ?? '', channel: r.channel, position: Number(r.position), active: r.active === true });
    }
  }
  return [...out.values()];
}
