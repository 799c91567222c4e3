import { sql } from 'drizzle-orm';
import type { Db } from '../../client.js';
import { queryRows } from '../../rows.js';
import type { DigestInput, DigestJourneyInput } from '../../../domain/digestContent.js';
import { addDays, localToInstant } from '../../../domain/localTime.js';
import type { DigestPeriod } from '../../../domain/schedule.js';
import { DEFAULT_MIN_SAMPLE, type Period } from '../../../domain/types.js';
import { getReached, getScoreHistograms } from '../scoreCounts.js';

/** Weeks in the digest's NPS trend chart (the digest's week and the nine before). */
export const TREND_WEEKS = 10;

interface TouchpointRow {
  journey_id: number;
  journey_key: string;
  journey_name: string;
  id: number;
  key: string;
  name: string;
}

/**
 * Everything a digest shows, for the subscription's journeys (all when `journeyKeys` is empty),
 * in five queries: touchpoints, weekly NPS histograms (rollup + edge answers, exact in the
 * subscription's timezone), reached counts, detractor comments, action counts.
 */
export async function loadDigestInput(db: Db, args: { journeyKeys: string[]; period: DigestPeriod; timezone: string }): Promise<DigestInput> {
  const keys = JSON.stringify(args.journeyKeys);
  const tps = await queryRows<TouchpointRow>(
    db,
    sql`select j.id::int as journey_id, j.key as journey_key, j.name as journey_name, t.id::int as id, t.key, t.name
        from journeys j join touchpoints t on t.journey_id = j.id and t.active
        where jsonb_array_length(${keys}::jsonb) = 0 or j.key in (select jsonb_array_elements_text(${keys}::jsonb))
        order by j.name, j.id, t.position, t.id`,
  );
  const ids = tps.map((t) => t.id);
  const weeks: Period[] = Array.from({ length: TREND_WEEKS }, (_, i) => {
    const endDay = addDays(args.period.endDay, -7 * i);
    const startDay = addDays(endDay, -7);
    return { startDay, endDay, start: localToInstant(startDay, 0, 0, args.timezone), end: localToInstant(endDay, 0, 0, args.timezone) };
  });
  const [hist, reached] = await Promise.all([getScoreHistograms(db, ids, weeks), getReached(db, ids, weeks.slice(0, 2))]);

  const journeys: DigestJourneyInput[] = [];
  for (const t of tps) {
    let j = journeys[journeys.length - 1];
    if (!j || j.id !== t.journey_id) {
      j = { id: t.journey_id, key: t.journey_key, name: t.journey_name, touchpoints: [] };
      journeys.push(j);
    }
    j.touchpoints.push({
      id: t.id,
      key: t.key,
      name: t.name,
      weekly: weeks.map((_, i) => hist.get(t.id, 'nps', i)),
      reached: { current: reached.get(t.id, 0), previous: reached.get(t.id, 1) },
    });
  }

  const idsJson = JSON.stringify(ids);
  const start = args.period.start.toISOString();
  const end = args.period.end.toISOString();
  const [comments, total, actions] = await Promise.all([
    queryRows<{ journey_name: string; touchpoint_name: string; score: number; comment: string }>(
      db,
      sql`select j.name as journey_name, t.name as touchpoint_name, r.score::int as score, r.comment
          from responses r join touchpoints t on t.id = r.touchpoint_id join journeys j on j.id = t.journey_id
          where r.touchpoint_id in (select value::int from jsonb_array_elements_text(${idsJson}::jsonb))
            and r.metric = 'nps' and r.score <= 6 and r.comment is not null and btrim(r.comment) <> ''
            and r.responded_at >= ${start}::timestamptz and r.responded_at < ${end}::timestamptz
          order by r.responded_at desc, r.id desc limit 3`,
    ),
    queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from responses r
          where r.touchpoint_id in (select value::int from jsonb_array_elements_text(${idsJson}::jsonb))
            and r.metric = 'nps' and r.score <= 6 and r.comment is not null and btrim(r.comment) <> ''
            and r.responded_at >= ${start}::timestamptz and r.responded_at < ${end}::timestamptz`,
    ),
    queryRows<{ completed: number; overdue: number }>(
      db,
      sql`select
            count(*) filter (where status = 'done' and completed_at >= ${start}::timestamptz and completed_at < ${end}::timestamptz)::int as completed,
            count(*) filter (where status <> 'done' and due_date < ${args.period.endDay}::date)::int as overdue
          from improvement_actions
          where touchpoint_id in (select value::int from jsonb_array_elements_text(${idsJson}::jsonb))`,
    ),
  ]);

  return {
    weekStarts: weeks.map((w) => w.startDay),
    journeys,
    comments: {
      total: total[0]?.n ?? 0,
      latest: comments.map((c) => ({ journeyName: c.journey_name, touchpointName: c.touchpoint_name, score: c.score, comment: c.comment })),
    },
    actions: { completed: actions[0]?.completed ?? 0, overdue: actions[0]?.overdue ?? 0 },
    minSample: DEFAULT_MIN_SAMPLE,
  };
}
