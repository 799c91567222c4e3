import { beforeAll, describe, expect, it } from 'vitest';
import { type CommentAnalyser, createCommentAnalyser } from '../../src/text/analyze.js';
import { detectLanguage, normalizeText, unifyKana } from '../../src/text/normalize.js';

let analyser: CommentAnalyser;
beforeAll(async () => {
  analyser = await createCommentAnalyser();
});

describe('normalisation', () => {
  it('folds width and case, and hiragana-only words to katakana', () => {
    expect(normalizeText('ＣＡＲＤ　決済 ｴﾗｰ')).toBe('card 決済 エラー');
    expect(unifyKana('くーぽん')).toBe('クーポン');
    expect(unifyKana('箱')).toBe('箱');
  });
  it('tells Japanese from English', () => {
    expect(detectLanguage('配送が遅い')).toBe('ja');
    expect(detectLanguage('late delivery')).toBe('en');
    expect(detectLanguage('Amazonより遅い')).toBe('ja');
  });
});

describe('Japanese terms', () => {
  it('gives one base form for every inflection', () => {
    for (const text of ['遅かった', '遅くて困った', 'とても遅い']) expect(analyser.analyse(text).terms).toContain('遅い');
  });
  it('keeps compound nouns whole, verb stem + noun included', () => {
    expect(analyser.analyse('カード決済エラーが出ました').terms).toContain('カード決済エラー');
    expect(analyser.analyse('置き配にしてほしかった').terms).toContain('置き配');
  });
  it('folds variants of one complaint and makes noun + predicate phrases', () => {
    const late = analyser.analyse('配送が遅れた');
    expect(late.language).toBe('ja');
    expect(late.terms).toContain('遅い');
    expect(late.terms).toContain('配送|が|遅い');
    expect(analyser.analyse('箱が潰れて届いた').terms).toContain('箱|が|潰れる');
    expect(analyser.analyse('段ボールがへこんでいた').terms).toContain('箱|が|潰れる');
  });
  it('keeps negation with its predicate and drops stop words', () => {
    const terms = analyser.analyse('クーポンが使えないことがありました').terms;
    expect(terms).toContain('クーポン|が|使えない');
    expect(terms).not.toContain('こと');
    expect(terms).not.toContain('ある');
    // The negative of ある is ない (a stop word), never あらない.
    expect(analyser.analyse('特に問題はありません').terms.some((term) => term.includes('あらない'))).toBe(false);
  });
});

describe('English terms', () => {
  it('lemmatises content words and folds variants', () => {
    const terms = analyser.analyse('The parcels were delayed and the box was crushed.').terms;
    expect(terms).toContain('late');
    expect(terms).toContain('crush');
    expect(terms).toContain('package|crush');
    // A word every delivery comment may use is a theme only inside a phrase.
    expect(terms).not.toContain('package');
    expect(terms).not.toContain('the');
  });
  it('makes short phrases, and a capitalised word is not lost as a proper noun', () => {
    expect(analyser.analyse('Late delivery again').terms).toContain('late|delivery');
    expect(analyser.analyse('Card payment failed').terms).toEqual(expect.arrayContaining(['card', 'payment', 'card|payment', 'payment|fail']));
    expect(analyser.analyse("The coupon didn't work").terms).toContain('coupon|not work');
  });
});
