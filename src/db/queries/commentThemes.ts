import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { queryRows } from '../rows.js';
import { commentAnalysisState, commentTerms, teamThemes, type TeamTheme } from '../schema.js';
import { planPeriod, type TouchpointSelection } from './scoreCounts.js';
import { withSnappyPlan } from './readTx.js';
import type { NpsCounts } from '../../domain/scores.js';
import type { TermTally, ThemeLanguage } from '../../domain/themes.js';
import type { Period } from '../../domain/types.js';

/**
 * Comment terms: the background analysis's reads and writes, and the counts the themes are made
 * of. Whole UTC days come from comment_term_daily (kept by triggers); the partial days at a
 * period's edges from comment_terms, as scoreCounts.ts does for scores.
 */

function touchpointFilter(column: SQL, touchpoints: TouchpointSelection): SQL {
  if (touchpoints === 'all') return sql`true`;
  if ('journeyId' in touchpoints) {
    return sql`${column} = any(array(select id from touchpoints where journey_id = ${touchpoints.journeyId}::int and active))`;
  }
  const ids: readonly number[] = touchpoints;
  return sql`${column} = any(${`{${ids.map((id) => Math.trunc(id)).join(',')}}`}::int[])`;
}

// ---- Background analysis

export interface PendingComment {
  id: number;
  touchpointId: number;
  respondedAt: string;
  score: number;
  comment: string;
}

export interface AnalysedRow {
  responseId: number;
  touchpointId: number;
  respondedAt: string;
  score: number;
  language: ThemeLanguage;
  terms: string[];
}

/**
 * Takes the analysis lock for the transaction (one replica analyses at a time) and returns the
 * next NPS comments after the last one read. Rows received in the last `settleSeconds` wait for
 * the next run, so an ingest transaction that took a lower id and commits a moment later is not
 * skipped. Null when another replica holds the lock.
 */
export async function claimPendingComments(tx: Db, limit: number, settleSeconds: number): Promise<{ after: number; rows: PendingComment[] } | null> {
  const [lock] = await queryRows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(hashtext('jp:comment-analysis')) as ok`);
  if (!lock?.ok) return null;
  const [state] = await queryRows<{ last: number }>(
    tx,
    sql`insert into comment_analysis_state (id, last_response_id) values (1, 0)
      on conflict (id) do update set id = excluded.id returning last_response_id::float8 as last`,
  );
  const after = state?.last ?? 0;
  const rows = await queryRows<{ id: number; touchpoint_id: number; responded_at: string; score: number; comment: string }>(
    tx,
    sql`select id::float8 as id, touchpoint_id, responded_at::text as responded_at, score, comment
      from responses
      where id > ${after} and metric = 'nps' and comment is not null and comment <> ''
        and received_at <= now() - make_interval(secs => ${settleSeconds})
      order by id limit ${limit}`,
  );
  return { after, rows: rows.map((r) => ({ id: r.id, touchpointId: r.touchpoint_id, respondedAt: r.responded_at, score: r.score, comment: r.comment })) };
}

/** Stores the analysed rows and moves the watermark to `lastId` (same transaction as the claim). */
export async function storeAnalysedComments(tx: Db, rows: readonly AnalysedRow[], lastId: number): Promise<void> {
  if (rows.length > 0) {
    await tx
      .insert(commentTerms)
      .values(rows.map((r) => ({ responseId: r.responseId, touchpointId: r.touchpointId, respondedAt: new Date(r.respondedAt), score: r.score, language: r.language, terms: r.terms })))
      .onConflictDoNothing();
  }
  await tx.update(commentAnalysisState).set({ lastResponseId: lastId, analysedAt: sql`now()` }).where(eq(commentAnalysisState.id, 1));
}

export interface AnalysisFreshness {
  /** When the analysis last stored a batch; null before its first run. */
  analysedAt: Date | null;
  /** NPS comments not analysed yet (counted up to 10,001). */
  pending: number;
}

export async function getAnalysisFreshness(db: Db): Promise<AnalysisFreshness> {
  const [row] = await queryRows<{ analysed_at: string | null; pending: number }>(
    db,
    sql`select (select analysed_at::text from comment_analysis_state where id = 1) as analysed_at,
      (select count(*)::int from (
        select 1 from responses
        where id > coalesce((select last_response_id from comment_analysis_state where id = 1), 0)
          and metric = 'nps' and comment is not null and comment <> '' limit 10001) as p) as pending`,
  );
  return { analysedAt: row?.analysed_at ? new Date(row.analysed_at) : null, pending: row?.pending ?? 0 };
}

// ---- Counts for themes

export interface PeriodTermCounts {
  /** Every analysed comment in the period (the term ''). */
  commenters: NpsCounts;
  terms: TermTally[];
}

const ZERO: NpsCounts = { n: 0, promoters: 0, detractors: 0 };

/** Respondents per term for each period, over the selected touchpoints. */
export async function getTermCounts(db: Db, touchpoints: TouchpointSelection, periods: readonly Period[]): Promise<PeriodTermCounts[]> {
  return (await termCounts(db, touchpoints, periods, false)).get(0) ?? periods.map(() => ({ commenters: { ...ZERO }, terms: [] }));
}

/** The same, for each touchpoint apart (one query): keyed by touchpoint id. */
export function getTermCountsByTouchpoint(db: Db, touchpoints: TouchpointSelection, periods: readonly Period[]): Promise<Map<number, PeriodTermCounts[]>> {
  return termCounts(db, touchpoints, periods, true);
}

async function termCounts(db: Db, touchpoints: TouchpointSelection, periods: readonly Period[], apart: boolean): Promise<Map<number, PeriodTermCounts[]>> {
  const plans = periods.map((p, i) => planPeriod(p, i));
  const branches: SQL[] = [];
  for (const plan of plans) {
    if (plan.days) {
      branches.push(sql`select touchpoint_id, ${plan.days.i}::int as i, language, term, n, promoters, detractors from comment_term_daily
        where ${touchpointFilter(sql`touchpoint_id`, touchpoints)} and day >= ${plan.days.lo}::date and day < ${plan.days.hi}::date`);
    }
    for (const r of plan.raw) {
      branches.push(sql`select touchpoint_id, ${r.i}::int as i, language, unnest(terms || array['']) as term, ${r.sign}::int as n,
          (case when score >= 9 then ${r.sign} else 0 end)::int as promoters, (case when score <= 6 then ${r.sign} else 0 end)::int as detractors
        from comment_terms
        where ${touchpointFilter(sql`touchpoint_id`, touchpoints)} and responded_at >= ${r.s}::timestamptz and responded_at < ${r.e}::timestamptz`);
    }
  }
  const out = new Map<number, PeriodTermCounts[]>();
  if (branches.length === 0) return out;
  const key = apart ? sql`touchpoint_id` : sql`0`;
  const rows = await withSnappyPlan(db, (tx) =>
    queryRows<{ tp: number; i: number; language: ThemeLanguage; term: string; n: number; promoters: number; detractors: number }>(
      tx,
      sql`select ${key}::int as tp, i, language, term, sum(n)::int as n, sum(promoters)::int as promoters, sum(detractors)::int as detractors
        from (${sql.join(branches, sql` union all `)}) as parts
        group by 1, i, language, term having sum(n) > 0`,
    ),
  );
  for (const row of rows) {
    let list = out.get(row.tp);
    if (!list) out.set(row.tp, (list = periods.map(() => ({ commenters: { ...ZERO }, terms: [] }))));
    const bucket = list[row.i];
    if (!bucket) continue;
    if (row.term === '') {
      bucket.commenters = { n: bucket.commenters.n + row.n, promoters: bucket.commenters.promoters + row.promoters, detractors: bucket.commenters.detractors + row.detractors };
    } else bucket.terms.push({ term: row.term, language: row.language, n: row.n, promoters: row.promoters, detractors: row.detractors });
  }
  return out;
}

/** Respondents whose comment has any of a team theme's terms, per theme and period. */
export async function getTeamThemeCounts(
  db: Db,
  touchpoints: TouchpointSelection,
  periods: readonly Period[],
  themes: readonly { id: number; terms: string[] }[],
): Promise<Map<number, NpsCounts[]>> {
  const out = new Map<number, NpsCounts[]>(themes.map((t) => [t.id, periods.map(() => ({ ...ZERO }))]));
  if (themes.length === 0 || periods.length === 0) return out;
  const rows = await withSnappyPlan(db, (tx) =>
    queryRows<{ theme: number; i: number; n: number; promoters: number; detractors: number }>(
      tx,
      sql`select th.id as theme, p.i, count(*)::int as n, count(*) filter (where c.score >= 9)::int as promoters,
          count(*) filter (where c.score <= 6)::int as detractors
        from jsonb_to_recordset(${JSON.stringify(themes.map((t) => ({ id: t.id, terms: t.terms })))}::jsonb) as th(id int, terms text[])
        cross join jsonb_to_recordset(${JSON.stringify(periods.map((p, i) => ({ i, s: p.start.toISOString(), e: p.end.toISOString() })))}::jsonb) as p(i int, s timestamptz, e timestamptz)
        join comment_terms c on ${touchpointFilter(sql`c.touchpoint_id`, touchpoints)} and c.responded_at >= p.s and c.responded_at < p.e and c.terms && th.terms
        group by th.id, p.i`,
    ),
  );
  for (const row of rows) {
    const list = out.get(row.theme);
    if (list) list[row.i] = { n: row.n, promoters: row.promoters, detractors: row.detractors };
  }
  return out;
}

export interface ThemeQuote {
  responseId: number;
  touchpointId: number;
  score: number;
  comment: string;
}

/** Comments with any of the terms in the period, detractors first, then the most recent. */
export async function getThemeQuotes(
  db: Db,
  touchpoints: TouchpointSelection,
  period: Period,
  terms: readonly string[],
  limit: number,
  offset = 0,
): Promise<ThemeQuote[]> {
  if (terms.length === 0) return [];
  const rows = await withSnappyPlan(db, (tx) =>
    queryRows<{ id: number; touchpoint_id: number; score: number; comment: string }>(
      tx,
      sql`select c.response_id::float8 as id, c.touchpoint_id, c.score, r.comment
        from comment_terms c join responses r on r.id = c.response_id
        where ${touchpointFilter(sql`c.touchpoint_id`, touchpoints)}
          and c.responded_at >= ${period.start.toISOString()}::timestamptz and c.responded_at < ${period.end.toISOString()}::timestamptz
          and c.terms && ${`{${terms.map((t) => `"${t.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]
        order by (c.score <= 6) desc, c.responded_at desc
        limit ${limit} offset ${offset}`,
    ),
  );
  return rows.map((r) => ({ responseId: r.id, touchpointId: r.touchpoint_id, score: r.score, comment: r.comment ?? '' }));
}

// ---- Team-defined themes

export async function insertTeamTheme(
  db: Db,
  theme: { journeyId: number | null; touchpointId: number | null; label: string; keywords: string[]; terms: string[]; createdBy: string },
): Promise<TeamTheme> {
  const [row] = await db.insert(teamThemes).values(theme).returning();
  if (!row) throw new Error('team theme insert returned nothing');
  return row;
}

export async function deleteTeamTheme(db: Db, id: number): Promise<TeamTheme | null> {
  const [row] = await db.delete(teamThemes).where(eq(teamThemes.id, id)).returning();
  return row ?? null;
}

/**
 * Team themes that apply to a scope: everywhere, the journey, and (for a touchpoint) the touchpoint.
 * With `exact`, only those defined for exactly that scope (the list command).
 */
export async function listTeamThemes(db: Db, scope: { journeyId: number | null; touchpointId: number | null }, exact = false): Promise<TeamTheme[]> {
  if (exact) {
    return db
      .select()
      .from(teamThemes)
      .where(
        and(
          scope.journeyId === null ? isNull(teamThemes.journeyId) : eq(teamThemes.journeyId, scope.journeyId),
          scope.touchpointId === null ? isNull(teamThemes.touchpointId) : eq(teamThemes.touchpointId, scope.touchpointId),
        ),
      )
      .orderBy(teamThemes.id);
  }
  return db
    .select()
    .from(teamThemes)
    .where(
      sql`(${teamThemes.journeyId} is null and ${teamThemes.touchpointId} is null)
        or (${teamThemes.journeyId} = ${scope.journeyId ?? -1} and ${teamThemes.touchpointId} is null)
        or (${teamThemes.touchpointId} = ${scope.touchpointId ?? -1})`,
    )
    .orderBy(teamThemes.id);
}
