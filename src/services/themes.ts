import type { Db } from '../db/client.js';
import {
  type AnalysisFreshness,
  deleteTeamTheme,
  getAnalysisFreshness,
  getTeamThemeCounts,
  getTermCounts,
  getTermCountsByTouchpoint,
  getThemeQuotes,
  insertTeamTheme,
  listTeamThemes,
} from '../db/queries/commentThemes.js';
import { getTouchpointRef, listTouchpoints } from '../db/queries/lookup.js';
import { getScoreHistograms, type TouchpointSelection } from '../db/queries/scoreCounts.js';
import type { TeamTheme } from '../db/schema.js';
import type { ThemeFinding } from '../domain/insights.js';
import type { TouchpointRef } from '../domain/model.js';
import { type NpsCounts, npsCountsOf } from '../domain/scores.js';
import { discoverThemes, type ThemeStats } from '../domain/themes.js';
import type { PeriodWindow } from '../domain/types.js';
import { type CommentAnalyser, createCommentAnalyser } from '../text/analyze.js';

/**
 * Comment themes ("why"): the themes of a touchpoint or a journey over a period, ranked by the NPS
 * points each costs, with quotes; team-defined themes; and how fresh the analysis is.
 */

/** A touchpoint, or a whole journey (touchpointId null). */
export interface ThemeScope {
  journeyId: number;
  touchpointId: number | null;
}

export interface WhyReport {
  /** Complaints first (impact > 0), at most `limit`; each with up to `quotes` quotes. */
  themes: ThemeStats[];
  respondents: NpsCounts;
  commenters: NpsCounts;
  freshness: AnalysisFreshness;
}

/** A journey-wide complaint and the touchpoint where it was found. */
export interface PlacedThemeFinding extends ThemeFinding {
  touchpointId: number;
  touchpointName: string;
}

export interface TeamThemeInput {
  scope: { journeyId: number | null; touchpointId: number | null };
  label: string;
  keywords: string[];
  createdBy: string;
}

export interface ThemesService {
  why(scope: ThemeScope, window: PeriodWindow, options?: { limit?: number; quotes?: number }): Promise<WhyReport>;
  /** The touchpoint's top complaints (for the touchpoint view, digests and alerts). */
  top(touchpointId: number, window: PeriodWindow, limit: number): Promise<ThemeFinding[]>;
  /** The top complaints across a journey's touchpoints, each with where. */
  topAcross(journeyId: number, window: PeriodWindow, limit: number): Promise<PlacedThemeFinding[]>;
  /** More comments of a theme: `terms` as the theme gave them. */
  quotes(scope: ThemeScope, window: PeriodWindow, terms: readonly string[], offset: number, limit: number): Promise<string[]>;
  addTeamTheme(input: TeamThemeInput): Promise<TeamTheme>;
  listTeamThemes(scope: { journeyId: number | null; touchpointId: number | null }): Promise<TeamTheme[]>;
  removeTeamTheme(id: number): Promise<TeamTheme | null>;
}

const CURRENT = 0;
const PREVIOUS = 1;
/** Comments read to pick the quotes of one theme: the shortest readable ones win. */
const QUOTE_POOL = 12;

export function createThemesService(db: Db): ThemesService {
  let analyser: Promise<CommentAnalyser> | null = null;

  const selectionOf = async (scope: ThemeScope): Promise<{ ids: number[]; touchpoints: TouchpointRef[] }> => {
    const touchpoints = await listTouchpoints(db, scope.journeyId);
    const chosen = scope.touchpointId === null ? touchpoints : touchpoints.filter((t) => t.id === scope.touchpointId);
    return { ids: chosen.map((t) => t.id), touchpoints: chosen };
  };

  const pickQuotes = async (selection: TouchpointSelection, window: PeriodWindow, terms: readonly string[], count: number, offset = 0) => {
    const rows = await getThemeQuotes(db, selection, window.current, terms.slice(0, 20), offset > 0 ? count : QUOTE_POOL, offset);
    if (offset > 0) return rows.map((r) => r.comment);
    // Detractors first (the query's order), then shorter comments: they say the theme plainly.
    return rows
      .filter((r) => r.comment.trim().length > 0)
      .sort((a, b) => Number(b.score <= 6) - Number(a.score <= 6) || a.comment.length - b.comment.length)
      .slice(0, count)
      .map((r) => r.comment);
  };

  const why = async (scope: ThemeScope, window: PeriodWindow, options: { limit?: number; quotes?: number } = {}): Promise<WhyReport> => {
    const { ids } = await selectionOf(scope);
    const periods = [window.current, window.previous];
    const team = await listTeamThemes(db, scope);
    const [histograms, termCounts, teamCounts, freshness] = await Promise.all([
      getScoreHistograms(db, ids, periods),
      getTermCounts(db, ids, periods),
      getTeamThemeCounts(db, ids, periods, team.map((t) => ({ id: t.id, terms: t.terms }))),
      getAnalysisFreshness(db),
    ]);
    const respondents = npsCountsOf(histograms.total(ids, 'nps', CURRENT));
    const previousRespondents = npsCountsOf(histograms.total(ids, 'nps', PREVIOUS));
    const current = termCounts[CURRENT]!;
    const previous = termCounts[PREVIOUS]!;
    const ranked = discoverThemes(
      {
        respondents,
        commenters: current.commenters,
        terms: current.terms,
        previousRespondents,
        previousTerms: previous.terms,
        teamThemes: team.map((t) => {
          const counts = teamCounts.get(t.id);
          return { id: t.id, label: t.label, terms: t.terms, current: counts?.[CURRENT] ?? { n: 0, promoters: 0, detractors: 0 }, previous: counts?.[PREVIOUS] ?? { n: 0, promoters: 0, detractors: 0 } };
        }),
      },
      { limit: options.limit ?? 5 },
    );
    const complaints = ranked.filter((t) => t.impact > 0);
    const quoteCount = options.quotes ?? 3;
    if (quoteCount > 0) {
      const quotes = await Promise.all(complaints.map((t) => pickQuotes(ids, window, t.terms, quoteCount)));
      complaints.forEach((t, i) => (t.quotes = quotes[i] ?? []));
    }
    return { themes: complaints, respondents, commenters: current.commenters, freshness };
  };

  return {
    why,
    top: async (touchpointId, window, limit) => {
      const report = await why({ journeyId: await journeyOf(touchpointId), touchpointId }, window, { limit, quotes: 1 });
      return report.themes.map(toFinding);
    },
    topAcross: async (journeyId, window, limit) => {
      // One query for every touchpoint's term counts and one for its answers; quotes for the winners only.
      const touchpoints = await listTouchpoints(db, journeyId);
      const ids = touchpoints.map((tp) => tp.id);
      const periods = [window.current, window.previous];
      const byTouchpoint = await getTermCountsByTouchpoint(db, ids, periods);
      if (byTouchpoint.size === 0) return [];
      const histograms = await getScoreHistograms(db, ids, periods);
      const placed = touchpoints.flatMap((tp) => {
        const counts = byTouchpoint.get(tp.id);
        if (!counts) return [];
        const ranked = discoverThemes(
          {
            respondents: npsCountsOf(histograms.get(tp.id, 'nps', CURRENT)),
            commenters: counts[CURRENT]!.commenters,
            terms: counts[CURRENT]!.terms,
            previousRespondents: npsCountsOf(histograms.get(tp.id, 'nps', PREVIOUS)),
            previousTerms: counts[PREVIOUS]!.terms,
          },
          { limit },
        );
        return ranked.filter((t) => t.impact > 0).map((t) => ({ theme: t, tp }));
      });
      const top = placed.sort((a, b) => b.theme.impact - a.theme.impact).slice(0, limit);
      const quotes = await Promise.all(top.map(({ theme, tp }) => pickQuotes([tp.id], window, theme.terms, 1)));
      return top.map(({ theme, tp }, i) => ({ ...toFinding({ ...theme, quotes: quotes[i] ?? [] }), touchpointId: tp.id, touchpointName: tp.name }));
    },
    quotes: async (scope, window, terms, offset, limit) => {
      const { ids } = await selectionOf(scope);
      return pickQuotes(ids, window, terms, limit, offset);
    },
    addTeamTheme: async (input) => {
      analyser ??= createCommentAnalyser();
      const engine = await analyser;
      // A keyword matches the terms the analysis would find in it: 遅れた → 遅い; "late delivery" → late|delivery.
      const terms = [...new Set(input.keywords.flatMap((k) => {
        const found = engine.analyse(k).terms;
        return found.length > 0 ? found : [k.normalize('NFKC').toLowerCase()];
      }))];
      return insertTeamTheme(db, { journeyId: input.scope.journeyId, touchpointId: input.scope.touchpointId, label: input.label, keywords: input.keywords, terms, createdBy: input.createdBy });
    },
    listTeamThemes: (scope) => listTeamThemes(db, scope, true),
    removeTeamTheme: (id) => deleteTeamTheme(db, id),
  };

  async function journeyOf(touchpointId: number): Promise<number> {
    return (await getTouchpointRef(db, touchpointId))?.journeyId ?? -1;
  }
}

function toFinding(t: ThemeStats): ThemeFinding {
  return { label: t.label, language: t.language, mentions: t.mentions, impact: t.impact, trend: t.trend, significant: t.significant, quotes: t.quotes };
}
