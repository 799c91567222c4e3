import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { queryRows } from '../rows.js';
import { addDays, daysBetween, localPeriod, localWeekStart } from '../../domain/periods.js';
import { summarizeNps } from '../../domain/scores.js';
import type { PeriodWindow } from '../../domain/types.js';
import { getTouchpointRef } from './lookup.js';
import { getReachedToLastDay, getScoreHistograms } from './scoreCounts.js';
import { CURRENT, PREVIOUS, touchpointScores } from './summaries.js';
import type { CommentRow, TouchpointDetail } from '../../domain/model.js';

export interface TouchpointDetailOptions {
  /** Weeks in the trend, ending with the local ISO week holding the period's last day. */
  weeks?: number;
  /** How many detractor comments to return. */
  comments?: number;
}

interface CommentDbRow {
  id: number;
  score: number;
  comment: string;
  customer_ref: string | null;
  responded_at: string;
}

/**
 * Scores, weekly NPS trend, score distribution, latest detractor comments and reached counts
 * of one touchpoint. The weekly trend is just more periods for getScoreHistograms (local ISO
 * weeks in the window's timezone), so it shares the rollup-plus-edges counting.
 * Null when the touchpoint does not exist or is retired.
 */
export async function getTouchpointDetail(
  db: Db,
  touchpointId: number,
  window: PeriodWindow,
  { weeks = 12, comments = 5 }: TouchpointDetailOptions = {},
): Promise<TouchpointDetail | null> {
  const touchpoint = await getTouchpointRef(db, touchpointId);
  if (!touchpoint) return null;
  const lastWeek = localWeekStart(addDays(window.current.endDay, -1));
  const weekStarts = Array.from({ length: Math.max(0, weeks) }, (_, k) => addDays(lastWeek, -7 * (weeks - 1 - k)));
  // The last week stops where the period does (today for a running period): it is drawn as partial, never as a whole week.
  const weekEnds = weekStarts.map((start) => minDay(addDays(start, 7), window.current.endDay));
  const weekPeriods = weekStarts.map((start, k) => localPeriod(start, weekEnds[k] ?? addDays(start, 7), window.timezone));
  const periods = [window.current, window.previous, ...weekPeriods];
  const [counts, { reached, through }, commentRows] = await Promise.all([
    getScoreHistograms(db, [touchpointId], periods),
    getReachedToLastDay(db, [touchpointId], window),
    latestDetractorComments(db, touchpointId, window, comments),
  ]);
  return {
    ...touchpointScores(counts, touchpoint),
    window,
    weeklyTrend: weekStarts.map((weekStart, k) => {
      const days = daysBetween(weekStart, weekEnds[k] ?? addDays(weekStart, 7));
      return { weekStart, nps: summarizeNps(counts.get(touchpointId, 'nps', 2 + k)), ...(days < 7 ? { partialDays: days } : {}) };
    }),
    distribution: counts.get(touchpointId, 'nps', CURRENT),
    detractorComments: commentRows,
    reached: { current: reached.get(touchpointId, CURRENT), previous: reached.get(touchpointId, PREVIOUS), through },
  };
}

function minDay(a: string, b: string): string {
  return a < b ? a : b;
}

async function latestDetractorComments(db: Db, touchpointId: number, window: PeriodWindow, limit: number): Promise<CommentRow[]> {
  if (limit <= 0) return [];
  // Walks the (touchpoint_id, responded_at) index backwards from the period's end.
  const rows = await queryRows<CommentDbRow>(
    db,
    sql`select id::float8 as id, score::int as score, comment, customer_ref,
          to_char(responded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as responded_at
        from responses
        where touchpoint_id = ${touchpointId}
          and responded_at >= ${window.current.start.toISOString()}::timestamptz
          and responded_at < ${window.current.end.toISOString()}::timestamptz
          and metric = 'nps' and score <= 6
          and comment is not null and btrim(comment) <> ''
        order by responded_at desc, id desc
        limit ${Math.trunc(limit)}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    score: r.score,
    comment: r.comment,
    customerRef: r.customer_ref,
    respondedAt: new Date(r.responded_at),
  }));
}
