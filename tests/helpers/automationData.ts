import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { queryRows } from '../../src/db/rows.js';

/** Small, hand-countable data for the digest and alert tests, written with plain SQL like an upstream pipeline. */
export async function seedJourney(db: Db, key: string, name: string, touchpoints: { key: string; name: string }[]): Promise<{ journeyId: number; touchpointIds: number[] }> {
  const [j] = await queryRows<{ id: number }>(db, sql`insert into journeys (key, name) values (${key}, ${name}) returning id::int as id`);
  if (!j) throw new Error('no journey');
  const ids: number[] = [];
  for (const [i, tp] of touchpoints.entries()) {
    const [row] = await queryRows<{ id: number }>(
      db,
      sql`insert into touchpoints (journey_id, key, name, position) values (${j.id}, ${tp.key}, ${tp.name}, ${i}) returning id::int as id`,
    );
    if (!row) throw new Error('no touchpoint');
    ids.push(row.id);
  }
  return { journeyId: j.id, touchpointIds: ids };
}

let seq = 0;
/** NPS answers at `at`, one per score given; optional comment for each. */
export async function addNps(db: Db, touchpointId: number, at: Date, scores: number[], comment?: string): Promise<void> {
  const rows = scores.map((score) => ({ tp: touchpointId, score, at: at.toISOString(), id: `t${process.pid}-${++seq}`, comment: comment ?? null }));
  await db.execute(
    sql`insert into responses (touchpoint_id, metric, score, comment, responded_at, external_id)
        select tp, 'nps', score, comment, at::timestamptz, id from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          as x(tp int, score int, at text, id text, comment text)`,
  );
}

/** `count` answers with the given score. */
export function repeat(score: number, count: number): number[] {
  return Array.from({ length: count }, () => score);
}

export async function setReached(db: Db, touchpointId: number, day: string, reached: number): Promise<void> {
  await db.execute(
    sql`insert into step_metrics (touchpoint_id, day, reached) values (${touchpointId}, ${day}::date, ${reached})
        on conflict (touchpoint_id, day) do update set reached = excluded.reached`,
  );
}

export async function deleteNps(db: Db, touchpointId: number): Promise<void> {
  await db.execute(sql`delete from responses where touchpoint_id = ${touchpointId}`);
}
