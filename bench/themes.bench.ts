/**
 * Comment themes: quality on the labelled evaluation set (tests/fixtures/themeEvaluation.ts,
 * 150 Japanese + 150 English comments written for it), against a plain word-count baseline,
 * and the analysis rate (comments per second on one core). Needs no database.
 */
import { createCommentAnalyser } from '../src/text/analyze.js';
import { ENGLISH_COMMENTS, JAPANESE_COMMENTS } from '../tests/fixtures/themeEvaluation.js';
import type { Benchmark } from './index.js';
import { pipelineAssignment, score, THEME_LIMIT, wordCountAssignment } from './themeQuality.js';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

const bench: Benchmark = {
  name: 'themes',
  async run(ctx) {
    const t0 = performance.now();
    const analyser = await createCommentAnalyser();
    const loadMs = performance.now() - t0;
    const rows: string[] = [];
    const details: string[] = [];
    for (const [language, comments] of [['ja', JAPANESE_COMMENTS], ['en', ENGLISH_COMMENTS]] as const) {
      const ours = score(comments, pipelineAssignment(analyser, comments));
      const baseline = score(comments, wordCountAssignment(comments, language));
      ctx.log(`${language}: themes P ${pct(ours.precision)} R ${pct(ours.recall)}; word count P ${pct(baseline.precision)} R ${pct(baseline.recall)}`);
      rows.push(`| ${language} | ${comments.length} | ${pct(ours.precision)} | ${pct(ours.recall)} | ${pct(baseline.precision)} | ${pct(baseline.recall)} |`);
      details.push(`- ${language}: ${ours.labels.map((l) => `${l.label}${l.matched ? ` → ${l.matched}` : ''}`).join(' · ')}`);
    }
    // Rate: every comment of the set, analysed repeatedly for about two seconds.
    const all = [...JAPANESE_COMMENTS, ...ENGLISH_COMMENTS].map((c) => c.text);
    let done = 0;
    const start = performance.now();
    while (performance.now() - start < 2000) {
      for (const text of all) analyser.analyse(text);
      done += all.length;
    }
    const rate = done / ((performance.now() - start) / 1000);
    return `Labelled set: ${JAPANESE_COMMENTS.length} Japanese and ${ENGLISH_COMMENTS.length} English comments written for this (tests/fixtures/themeEvaluation.ts), ten expected themes per language.
A comment "lands" in the first theme (ranked by |impact|, so praise counts too; ${THEME_LIMIT} themes at most) whose terms it has; each discovered theme is matched
one-to-one with an expected theme by most comments in common. Precision = correct / comments given a theme; recall = correct / all.
Baseline: the ${THEME_LIMIT} most frequent words (Intl.Segmenter, NFKC, lower case, stop words and 1–2-kana words dropped); a comment lands on the most frequent one it has.

| language | comments | themes precision | themes recall | word-count precision | word-count recall |
|---|---|---|---|---|---|
${rows.join('\n')}

Discovered themes (→ the expected theme each was matched to):
${details.join('\n')}

Analysis: dictionary load ${(loadMs / 1000).toFixed(2)} s (once per process); ${Math.round(rate).toLocaleString('en-US')} comments/s on one core (mixed ja/en).`;
  },
};
export default bench;
