import { describe, expect, it } from 'vitest';
import {
  assignTheme,
  discoverThemes,
  impactSignificant,
  isPhrase,
  phraseKey,
  tallyTerms,
  termLabel,
  termWords,
  themeImpact,
  themeTrend,
  type TermTally,
} from '../../src/domain/themes.js';

const tally = (term: string, n: number, promoters: number, detractors: number, language: 'ja' | 'en' = 'ja'): TermTally => ({
  term,
  language,
  n,
  promoters,
  detractors,
});

describe('term keys', () => {
  it('joins a phrase and reads its words and label back', () => {
    const key = phraseKey(['箱', 'が', '潰れる']);
    expect(isPhrase(key)).toBe(true);
    expect(termWords(key)).toEqual(['箱', '潰れる']);
    expect(termLabel(key, 'ja')).toBe('箱が潰れる');
    expect(termLabel(phraseKey(['late', 'delivery']), 'en')).toBe('late delivery');
    expect(isPhrase('遅い')).toBe(false);
  });
});

describe('themeImpact', () => {
  it('is the NPS without the mentioners minus the NPS with them', () => {
    // 20 answers: 10 promoters, 6 detractors → NPS (10 − 6)/20 = +20.
    // 5 mentioners, all detractors → the rest: 15 answers, 10 promoters, 1 detractor → (10 − 1)/15 = +60.
    expect(themeImpact({ n: 20, promoters: 10, detractors: 6 }, { n: 5, promoters: 0, detractors: 5 })).toBeCloseTo(40, 10);
  });
  it('is negative for praise and null when nobody would be left', () => {
    // Without 4 promoters: 16 answers, 6 promoters, 6 detractors → 0; with them +20 → −20.
    expect(themeImpact({ n: 20, promoters: 10, detractors: 6 }, { n: 4, promoters: 4, detractors: 0 })).toBeCloseTo(-20, 10);
    expect(themeImpact({ n: 3, promoters: 1, detractors: 2 }, { n: 3, promoters: 1, detractors: 2 })).toBeNull();
  });
  it('is significant only with enough answers on both sides', () => {
    // Mentioners −100 (SE 0); others +60 with SE 100·√((0.667 + 0.067 − 0.6²)/15) ≈ 15.8: 160 > 1.96 × 15.8.
    expect(impactSignificant({ n: 20, promoters: 10, detractors: 6 }, { n: 5, promoters: 0, detractors: 5 })).toBe(true);
    expect(impactSignificant({ n: 20, promoters: 10, detractors: 6 }, { n: 4, promoters: 0, detractors: 4 })).toBe(false);
  });
});

describe('themeTrend', () => {
  it('tells new, rising, fading and steady by share of respondents', () => {
    expect(themeTrend(3, 100, 0, 100).trend).toBe('new');
    expect(themeTrend(20, 100, 5, 100).trend).toBe('rising');
    expect(themeTrend(5, 100, 20, 100).trend).toBe('fading');
    expect(themeTrend(10, 100, 8, 100).trend).toBe('steady');
  });
  it('marks significance only where counts allow', () => {
    // 20% vs 5%: SE √(0.2·0.8/100 + 0.05·0.95/100) ≈ 0.0456; 0.15 > 1.96 × 0.0456.
    expect(themeTrend(20, 100, 5, 100).significant).toBe(true);
    // Same shares on 20 answers each: fewer than 30 answers a period, not tested.
    expect(themeTrend(4, 20, 1, 20).significant).toBe(false);
    expect(themeTrend(10, 100, 8, 100).significant).toBe(false);
  });
});

describe('discoverThemes', () => {
  const respondents = { n: 40, promoters: 16, detractors: 12 }; // NPS +10
  const terms = [
    tally('遅い', 6, 0, 5),
    tally(phraseKey(['配送', 'が', '遅い']), 4, 0, 4),
    tally('配送', 10, 4, 4),
    tally(phraseKey(['箱', 'が', '潰れる']), 3, 0, 3),
    tally('丁寧', 5, 5, 0),
    tally('稀', 2, 0, 2),
  ];
  const input = {
    respondents,
    commenters: { n: 30, promoters: 12, detractors: 10 },
    terms,
    previousRespondents: { n: 40, promoters: 20, detractors: 8 },
    previousTerms: [tally('遅い', 1, 0, 1)],
  };

  it('ranks by impact, folds a phrase into its word and names the theme with the phrase', () => {
    const themes = discoverThemes(input);
    expect(themes.map((t) => t.label)).toEqual(['配送が遅い', '箱が潰れる', '配送', '丁寧']);
    const [late] = themes;
    // Without 遅い's 6 (0 P, 5 D): 34 answers, 16 P, 7 D → (16 − 7)/34 = +26.47; impact 26.47 − 10 = 16.47.
    expect(late!.impact).toBeCloseTo(100 * (9 / 34) - 10, 6);
    expect(late!.mentions).toBe(6);
    expect(late!.terms).toEqual(['遅い', '配送|が|遅い']);
    expect(late!.detractorShare).toBeCloseTo(5 / 10, 10);
    expect(late!.mentionersNps).toBeCloseTo(-100 * (5 / 6), 10);
    expect(late!.othersNps).toBeCloseTo(100 * (9 / 34), 10);
    // 6/40 now vs 1/40 before: rising, but 1 + 6 answers in all is enough to test: 0.15 vs 0.025.
    expect(late!.trend).toBe('rising');
    expect(late!.previousMentions).toBe(1);
    // Praise costs nothing: negative impact, ranked last. Rare terms (2 < 3 mentions) are left out.
    expect(themes.at(-1)!.impact).toBeLessThan(0);
    expect(themes.some((t) => t.label === '稀')).toBe(false);
  });

  it('keeps a word apart from a phrase that covers little of it', () => {
    const themes = discoverThemes(input);
    // 配送|が|遅い (4) is under half of 配送 (10): 配送 stays its own theme.
    expect(themes.find((t) => t.key === '配送')?.terms).toEqual(['配送']);
  });

  it('lets a team-defined theme take the place of discovered ones that share a term', () => {
    const themes = discoverThemes({
      ...input,
      teamThemes: [{ id: 7, label: '配達の遅れ', terms: ['遅い'], current: { n: 7, promoters: 0, detractors: 6 }, previous: { n: 1, promoters: 0, detractors: 1 } }],
    });
    expect(themes[0]!.key).toBe('team:7');
    expect(themes[0]!.source).toBe('team');
    expect(themes.some((t) => t.terms.includes('配送|が|遅い') && t.source === 'discovered')).toBe(false);
  });

  it('assigns a comment to the first theme it mentions', () => {
    const themes = discoverThemes(input);
    expect(assignTheme(['配送', '箱|が|潰れる'], themes)).toBe('箱|が|潰れる');
    expect(assignTheme(['稀'], themes)).toBeNull();
  });
});

describe('tallyTerms', () => {
  it('counts each respondent once per term, by NPS class', () => {
    const tallies = tallyTerms([
      { score: 2, language: 'ja', terms: ['遅い', '遅い'] },
      { score: 9, language: 'ja', terms: ['遅い'] },
      { score: 7, language: 'en', terms: ['late'] },
    ]);
    expect(tallies).toContainEqual({ term: '遅い', language: 'ja', n: 2, promoters: 1, detractors: 1 });
    expect(tallies).toContainEqual({ term: 'late', language: 'en', n: 1, promoters: 0, detractors: 0 });
  });
});
