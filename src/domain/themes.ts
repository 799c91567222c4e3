import type { ThemeFinding } from './insights.js';
import { type NpsCounts, npsFromCounts, significantDifference } from './scores.js';
import { DEFAULT_MIN_SAMPLE } from './types.js';

/**
 * Comment themes and what they cost in NPS. Pure: the text layer (src/text) turns comments into
 * terms, the query layer counts respondents per term, and this module groups terms into themes,
 * ranks them by impact and tells their trend.
 *
 * Impact follows Thematic: the NPS the scope would have if the theme's mentioners were left out,
 * minus the NPS it has — the points it would gain without the theme (positive for a complaint).
 */

export type ThemeLanguage = ThemeFinding['language'];

// ---- Term keys: a word ("遅い", "late") or a phrase of parts joined by "|" ("箱|が|潰れる", "late|delivery").

const SEPARATOR = '|';
const JA_PARTICLES = new Set(['が', 'を']);

export function phraseKey(parts: readonly string[]): string {
  return parts.join(SEPARATOR);
}

/** The words a term is made of (a phrase's particles left out). */
export function termWords(term: string): string[] {
  return term.split(SEPARATOR).filter((p) => !JA_PARTICLES.has(p));
}

export function isPhrase(term: string): boolean {
  return term.includes(SEPARATOR);
}

export function termLabel(term: string, language: ThemeLanguage): string {
  return term.split(SEPARATOR).join(language === 'ja' ? '' : ' ');
}

// ---- Inputs: counts per term, as the query layer (or an in-memory tally) gives them.

/** Respondents of one term (a respondent counts once however often the comment says it). */
export interface TermTally extends NpsCounts {
  term: string;
  language: ThemeLanguage;
}

/** A team-defined theme's respondents in both periods. */
export interface TeamThemeTally {
  id: number;
  label: string;
  /** Its keywords as terms: a discovered theme sharing one gives way to it. */
  terms: string[];
  current: NpsCounts;
  previous: NpsCounts;
}

export interface ThemeInput {
  /** Every NPS answer in scope (with or without a comment): the NPS the impact is measured against. */
  respondents: NpsCounts;
  /** Answers whose comment has been analysed: the base of "share of detractor comments". */
  commenters: NpsCounts;
  terms: readonly TermTally[];
  previousRespondents: NpsCounts;
  previousTerms: readonly TermTally[];
  teamThemes?: readonly TeamThemeTally[];
}

export interface ThemeOptions {
  /** Fewest mentions for a discovered theme (default 3, and at least 1% of analysed comments). */
  minMentions?: number;
  /** Most themes returned (default 10). */
  limit?: number;
  /** 'impact' (default): complaints first, praise last; 'magnitude': by |impact|, praise and complaints alike. */
  rank?: 'impact' | 'magnitude';
}

/** A theme with every figure the views show; `ThemeFinding` is what other features consume. */
export interface ThemeStats extends ThemeFinding {
  /** Stable key within its scope: the head term, or "team:<id>". */
  key: string;
  source: 'discovered' | 'team';
  /** Terms whose comments count as mentions: the head and its variants, or a team theme's keywords. */
  terms: string[];
  detractorMentions: number;
  /** Share (0..1) of detractors' analysed comments that mention the theme; null without any. */
  detractorShare: number | null;
  mentionersNps: number | null;
  othersNps: number | null;
  previousMentions: number;
  impactSignificant: boolean;
  trendSignificant: boolean;
}

// ---- Figures

/** Points the scope would gain without the mentioners: NPS(all − mentioners) − NPS(all). Null when nothing is left. */
export function themeImpact(all: NpsCounts, mentioners: NpsCounts): number | null {
  const before = npsFromCounts(all.promoters, all.detractors, all.n).score;
  const after = npsFromCounts(all.promoters - mentioners.promoters, all.detractors - mentioners.detractors, all.n - mentioners.n).score;
  if (before === null || after === null) return null;
  return after - before;
}

/** Fewest respondents on each side before a difference is tested at all. */
const MIN_SIDE = 5;
/** A share this many times larger (or smaller) than before is a rise (or a fade). */
const TREND_RATIO = 1.5;

export function impactSignificant(all: NpsCounts, mentioners: NpsCounts): boolean {
  const others = { n: all.n - mentioners.n, promoters: all.promoters - mentioners.promoters, detractors: all.detractors - mentioners.detractors };
  if (mentioners.n < MIN_SIDE || others.n < MIN_SIDE) return false;
  const a = npsFromCounts(mentioners.promoters, mentioners.detractors, mentioners.n);
  const b = npsFromCounts(others.promoters, others.detractors, others.n);
  return significantDifference(a.score ?? 0, a.se, b.score ?? 0, b.se);
}

export interface ThemeTrend {
  trend: ThemeFinding['trend'];
  significant: boolean;
}

/**
 * New (not mentioned before), rising or fading (share of respondents up or down by half or more),
 * steady otherwise. Significant only when both periods have a sample and the share difference
 * passes the 95% z-test.
 */
export function themeTrend(mentions: number, respondents: number, previousMentions: number, previousRespondents: number): ThemeTrend {
  const share = respondents > 0 ? mentions / respondents : 0;
  const previousShare = previousRespondents > 0 ? previousMentions / previousRespondents : 0;
  let trend: ThemeFinding['trend'] = 'steady';
  if (previousMentions === 0 && mentions > 0) trend = 'new';
  else if (share >= previousShare * TREND_RATIO) trend = 'rising';
  else if (share * TREND_RATIO <= previousShare) trend = 'fading';
  const countsAllow = respondents >= DEFAULT_MIN_SAMPLE && previousRespondents >= DEFAULT_MIN_SAMPLE && mentions + previousMentions >= MIN_SIDE;
  const se = (p: number, n: number) => (n > 0 ? Math.sqrt((p * (1 - p)) / n) : 0);
  const significant =
    trend !== 'steady' && countsAllow && significantDifference(share, se(share, respondents), previousShare, se(previousShare, previousRespondents));
  return { trend, significant };
}

function statsOf(
  input: ThemeInput,
  base: { key: string; source: ThemeStats['source']; label: string; language: ThemeLanguage; terms: string[] },
  current: NpsCounts,
  previous: NpsCounts,
): ThemeStats {
  const others = { n: input.respondents.n - current.n, promoters: input.respondents.promoters - current.promoters, detractors: input.respondents.detractors - current.detractors };
  const trend = themeTrend(current.n, input.respondents.n, previous.n, input.previousRespondents.n);
  const impactSig = impactSignificant(input.respondents, current);
  return {
    ...base,
    mentions: current.n,
    impact: themeImpact(input.respondents, current) ?? 0,
    trend: trend.trend,
    significant: impactSig || trend.significant,
    quotes: [],
    detractorMentions: current.detractors,
    detractorShare: input.commenters.detractors > 0 ? current.detractors / input.commenters.detractors : null,
    mentionersNps: npsFromCounts(current.promoters, current.detractors, current.n).score,
    othersNps: npsFromCounts(others.promoters, others.detractors, others.n).score,
    previousMentions: previous.n,
    impactSignificant: impactSig,
    trendSignificant: trend.significant,
  };
}

// ---- Grouping and ranking

interface Group {
  head: TermTally;
  members: TermTally[];
}

/** A phrase that mentions this word this often (of the word's mentions) names the word's theme. */
const PHRASE_NAMES_WORD = 0.5;

/** Whether `term` is a variant of the group: a phrase of its head word, or a word its phrase mostly stands for. */
function belongsTo(term: TermTally, group: Group): boolean {
  if (term.language !== group.head.language) return false;
  const words = termWords(term.term);
  if (isPhrase(term.term)) return group.members.some((m) => !isPhrase(m.term) && words.includes(m.term));
  return group.members.some((m) => isPhrase(m.term) && termWords(m.term).includes(term.term) && m.n >= PHRASE_NAMES_WORD * term.n);
}

function groupLabel(group: Group): string {
  let named = group.head;
  if (!isPhrase(group.head.term)) {
    for (const m of group.members) if (isPhrase(m.term) && m.n >= PHRASE_NAMES_WORD * group.head.n && m.n > (named === group.head ? 0 : named.n)) named = m;
  }
  return termLabel(named.term, named.language);
}

const ZERO: NpsCounts = { n: 0, promoters: 0, detractors: 0 };

/**
 * Themes ranked by impact (largest first; praise, with negative impact, last). Terms are
 * candidates when mentioned often enough; a candidate that is a variant of a theme already taken
 * (a phrase of its word, a word its phrase stands for) joins it. The head term's respondents give
 * the theme's figures; a phrase that covers half its word's mentions names it. Team-defined
 * themes come with their own counts, and a discovered theme sharing a term with one is dropped.
 */
export function discoverThemes(input: ThemeInput, options: ThemeOptions = {}): ThemeStats[] {
  const limit = options.limit ?? 10;
  const minMentions = Math.max(options.minMentions ?? 3, Math.ceil(input.commenters.n * 0.01));
  const teamTerms = new Set((input.teamThemes ?? []).flatMap((t) => t.terms));
  const previousByTerm = new Map(input.previousTerms.map((t) => [`${t.language}\u0000${t.term}`, t] as const));
  const impactOf = (t: NpsCounts) => themeImpact(input.respondents, t) ?? 0;
  const candidates = input.terms
    .filter((t) => t.n >= minMentions)
    .map((t) => ({ tally: t, impact: impactOf(t) }))
    .sort((a, b) => b.impact - a.impact || b.tally.n - a.tally.n || (a.tally.term < b.tally.term ? -1 : 1));

  const groups: Group[] = [];
  for (const { tally } of candidates) {
    const group = groups.find((g) => belongsTo(tally, g));
    if (group) group.members.push(tally);
    else groups.push({ head: tally, members: [tally] });
  }

  // A word that became its own theme before the phrase that mostly stands for it joins that phrase's theme.
  for (let i = groups.length - 1; i >= 0; i--) {
    const group = groups[i]!;
    if (isPhrase(group.head.term)) continue;
    const into = groups.find((g, j) => j !== i && g.members.some((m) => isPhrase(m.term) && termWords(m.term).includes(group.head.term) && m.n >= PHRASE_NAMES_WORD * group.head.n));
    if (into) {
      into.members.push(...group.members);
      groups.splice(i, 1);
    }
  }

  const discovered = groups
    .filter((g) => !g.members.some((m) => teamTerms.has(m.term)))
    .map((g) =>
      statsOf(
        input,
        { key: g.head.term, source: 'discovered', label: groupLabel(g), language: g.head.language, terms: g.members.map((m) => m.term) },
        g.head,
        previousByTerm.get(`${g.head.language}\u0000${g.head.term}`) ?? ZERO,
      ),
    );
  const team = (input.teamThemes ?? [])
    .filter((t) => t.current.n > 0)
    .map((t) =>
      statsOf(input, { key: `team:${t.id}`, source: 'team', label: t.label, language: languageOfLabel(t.label), terms: t.terms }, t.current, t.previous),
    );
  const weight = options.rank === 'magnitude' ? (t: ThemeStats) => Math.abs(t.impact) : (t: ThemeStats) => t.impact;
  return [...team, ...discovered].sort((a, b) => weight(b) - weight(a) || b.mentions - a.mentions).slice(0, limit);
}

function languageOfLabel(label: string): ThemeLanguage {
  return /[\u3040-\u30ff\u3400-\u9fff]/u.test(label) ? 'ja' : 'en';
}

/** The first theme (in rank order) whose terms a comment has: where the comment "lands". */
export function assignTheme(commentTerms: readonly string[], themes: readonly Pick<ThemeStats, 'key' | 'terms'>[]): string | null {
  const own = new Set(commentTerms);
  for (const theme of themes) if (theme.terms.some((t) => own.has(t))) return theme.key;
  return null;
}

/** Respondents per term from analysed comments (in memory: tests, the evaluation bench). */
export function tallyTerms(comments: readonly { score: number; language: ThemeLanguage; terms: readonly string[] }[]): TermTally[] {
  const byTerm = new Map<string, TermTally>();
  for (const c of comments) {
    for (const term of new Set(c.terms)) {
      const key = `${c.language}\u0000${term}`;
      let tally = byTerm.get(key);
      if (!tally) byTerm.set(key, (tally = { term, language: c.language, n: 0, promoters: 0, detractors: 0 }));
      tally.n++;
      if (c.score >= 9) tally.promoters++;
      else if (c.score <= 6) tally.detractors++;
    }
  }
  return [...byTerm.values()];
}

export function npsCountsOfScores(scores: readonly number[]): NpsCounts {
  return { n: scores.length, promoters: scores.filter((s) => s >= 9).length, detractors: scores.filter((s) => s <= 6).length };
}
