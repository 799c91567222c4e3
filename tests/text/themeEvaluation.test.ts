import { beforeAll, describe, expect, it } from 'vitest';
import { pipelineAssignment, score, wordCountAssignment } from '../../bench/themeQuality.js';
import { type CommentAnalyser, createCommentAnalyser } from '../../src/text/analyze.js';
import { ENGLISH_COMMENTS, JAPANESE_COMMENTS } from '../fixtures/themeEvaluation.js';

let analyser: CommentAnalyser;
beforeAll(async () => {
  analyser = await createCommentAnalyser();
});

// Floors a little under what `npm run bench -- themes` measured (BENCHMARKS.md), so a change that
// makes themes worse fails here first.
describe('theme quality on the labelled set', () => {
  it('has 300 labelled comments, half Japanese', () => {
    expect(JAPANESE_COMMENTS).toHaveLength(150);
    expect(ENGLISH_COMMENTS).toHaveLength(150);
  });
  for (const [language, comments] of [['ja', JAPANESE_COMMENTS], ['en', ENGLISH_COMMENTS]] as const) {
    it(`${language}: beats plain word counts and keeps its floor`, () => {
      const ours = score(comments, pipelineAssignment(analyser, comments));
      const baseline = score(comments, wordCountAssignment(comments, language));
      expect(ours.precision).toBeGreaterThan(0.8);
      expect(ours.recall).toBeGreaterThan(0.7);
      expect(ours.recall).toBeGreaterThan(baseline.recall);
    });
  }
});
