import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { queryRows } from '../../src/db/rows.js';
import type { Metric } from '../../src/domain/types.js';

/**
 * Test data written with plain SQL, the way an upstream pipeline would: whatever the bot shows
 * must follow from these rows alone (the rollup triggers do the rest).
 */

export interface TouchpointFixture {
  key: string;
  name: string;
  channel?: string;
  active?: boolean;
}

/** Inserts a journey and its touchpoints (positions in the order given); returns ids by key. */
export async function insertJourney(
  db: Db,
  key: string,
  name: string,
  touchpoints: TouchpointFixture[],
): Promise<{ journeyId: number; tp: Record<string, number> }> {
  const [journey] = await queryRows<{ id: number }>(db, sql`insert into journeys (key, name) values (${key}, ${name}) returning id`);
  if (!journey) throw new Error('journey insert returned nothing');
  const rows = touchpoints.map((t, position) => ({
    key: t.key,
    name: t.name,
    channel: t.channel ?? null,
    active: t.active ?? true,
    position,
  }));
  const inserted = await queryRows<{ id: number; key: string }>(
    db,
    sql`insert into touchpoints (journey_id, key, name, channel, active, position)
        select ${journey.id}, x.key, x.name, x.channel, x.active, x.position
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(key text, name text, channel text, active boolean, position int)
        returning id, key`,
  );
  return { journeyId: journey.id, tp: Object.fromEntries(inserted.map((r) => [r.key, r.id])) };
}

export interface ResponseFixture {
  touchpointId: number;
  metric: Metric;
  score: number;
  /** ISO instant. */
  at: string;
  comment?: string;
  customer?: string;
}

let externalSeq = 0;

export async function insertResponses(db: Db, rows: ResponseFixture[]): Promise<void> {
  if (rows.length === 0) return;
  const payload = rows.map((r) => ({
    touchpoint_id: r.touchpointId,
    metric: r.metric,
    score: r.score,
    responded_at: r.at,
    comment: r.comment ?? null,
    customer_ref: r.customer ?? null,
    external_id: `fx-${process.pid}-${++externalSeq}`,
  }));
  await db.execute(sql`
    insert into responses (touchpoint_id, metric, score, responded_at, comment, customer_ref, external_id)
    select touchpoint_id, metric, score, responded_at, comment, customer_ref, external_id
    from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb)
      as x(touchpoint_id int, metric text, score smallint, responded_at timestamptz, comment text, customer_ref text, external_id text)`);
}

export async function insertStepMetrics(db: Db, rows: { touchpointId: number; day: string; reached: number }[]): Promise<void> {
  if (rows.length === 0) return;
  const payload = rows.map((r) => ({ touchpoint_id: r.touchpointId, day: r.day, reached: r.reached }));
  await db.execute(sql`
    insert into step_metrics (touchpoint_id, day, reached)
    select touchpoint_id, day, reached
    from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as x(touchpoint_id int, day date, reached int)
    on conflict (touchpoint_id, day) do update set reached = excluded.reached, updated_at = now()`);
}

/** Every day from `from` to `to` inclusive (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}
