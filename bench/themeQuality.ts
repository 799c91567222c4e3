/**
 * How often a labelled comment lands in its expected theme, for the theme pipeline and for a plain
 * word-count baseline. Each discovered theme is matched to at most one expected theme (greedily, by
 * the most comments in common); a comment is correct when its theme is matched to its label.
 * Precision: correct / comments given any theme; recall: correct / all comments.
 */
import { assignTheme, discoverThemes, npsCountsOfScores, tallyTerms } from '../src/domain/themes.js';
import type { CommentAnalyser } from '../src/text/analyze.js';
import { EN_STOP_LEMMAS, JA_STOP_WORDS } from '../src/text/lexicon.js';
import type { LabelledComment } from '../tests/fixtures/themeEvaluation.js';

export interface QualityResult {
  precision: number;
  recall: number;
  themes: number;
  /** Discovered labels in rank order, with the expected theme each was matched to. */
  labels: { label: string; matched: string | null }[];
}

/** Each comment's theme key (or null) and each theme's label, from one method. */
interface Assignment {
  keys: (string | null)[];
  labels: Map<string, string>;
}

export const THEME_LIMIT = 20;

export function pipelineAssignment(analyser: CommentAnalyser, comments: readonly LabelledComment[]): Assignment {
  const analysed = comments.map((c) => ({ score: c.score, ...analyser.analyse(c.text) }));
  const all = npsCountsOfScores(comments.map((c) => c.score));
  const themes = discoverThemes(
    { respondents: all, commenters: all, terms: tallyTerms(analysed), previousRespondents: all, previousTerms: [] },
    { limit: THEME_LIMIT, rank: 'magnitude' },
  );
  return { keys: analysed.map((c) => assignTheme(c.terms, themes)), labels: new Map(themes.map((t) => [t.key, t.label])) };
}

const BASELINE_STOP = new Set([
  ...EN_STOP_LEMMAS,
  'the', 'a', 'an', 'and', 'or', 'but', 'to', 'of', 'in', 'on', 'at', 'for', 'with', 'was', 'were', 'is', 'are', 'it', 'not',
  'no', 'so', 'as', 'from', 'by', 'when', 'that', 'this', 'there', 'too', 'more', 'than', 'had', 'has', 'did', 'got',
]);

/** Words as a plain counter sees them: lower-cased, split by Intl.Segmenter, short kana and stop words left out. */
function plainWords(text: string, language: 'ja' | 'en'): string[] {
  const segmenter = new Intl.Segmenter(language, { granularity: 'word' });
  const words = [...segmenter.segment(text.normalize('NFKC').toLowerCase())].filter((s) => s.isWordLike).map((s) => s.segment);
  return [...new Set(words.filter((w) => !BASELINE_STOP.has(w) && !JA_STOP_WORDS.has(w) && !/^[\u3040-\u309f]{1,2}$/u.test(w)))];
}

/** Baseline: the most frequent words are the themes; a comment lands on the most frequent one it has. */
export function wordCountAssignment(comments: readonly LabelledComment[], language: 'ja' | 'en'): Assignment {
  const words = comments.map((c) => plainWords(c.text, language));
  const counts = new Map<string, number>();
  for (const list of words) for (const w of list) counts.set(w, (counts.get(w) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, THEME_LIMIT).map(([w]) => w);
  return { keys: words.map((list) => top.find((w) => list.includes(w)) ?? null), labels: new Map(top.map((w) => [w, w])) };
}

export function score(comments: readonly LabelledComment[], assignment: Assignment): QualityResult {
  const overlap = new Map<string, number>();
  comments.forEach((c, i) => {
    const key = assignment.keys[i];
    if (key != null) overlap.set(`${key}\u0000${c.theme}`, (overlap.get(`${key}\u0000${c.theme}`) ?? 0) + 1);
  });
  const matched = new Map<string, string>();
  const taken = new Set<string>();
  for (const [pair] of [...overlap.entries()].sort((a, b) => b[1] - a[1])) {
    const [key = '', theme = ''] = pair.split('\u0000');
    if (matched.has(key) || taken.has(theme)) continue;
    matched.set(key, theme);
    taken.add(theme);
  }
  let assigned = 0;
  let correct = 0;
  comments.forEach((c, i) => {
    const key = assignment.keys[i];
    if (key == null) return;
    assigned++;
    if (matched.get(key) === c.theme) correct++;
  });
  return {
    precision: assigned > 0 ? correct / assigned : 0,
    recall: comments.length > 0 ? correct / comments.length : 0,
    themes: assignment.labels.size,
    labels: [...assignment.labels.entries()].map(([key, label]) => ({ label, matched: matched.get(key) ?? null })),
  };
}
