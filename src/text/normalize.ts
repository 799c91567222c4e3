/**
 * Text normalisation shared by both languages: width and compatibility forms (NFKC), case, and
 * hiragana → katakana for words written in kana alone, so くーぽん and クーポン are one term.
 */

export type CommentLanguage = 'ja' | 'en';

export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const KANA_OR_KANJI = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]/gu;
const LATIN = /[a-z]/giu;

/** Japanese when kana or kanji make up at least a fifth of the letters; English otherwise. */
export function detectLanguage(text: string): CommentLanguage {
  const cjk = text.match(KANA_OR_KANJI)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  return cjk > 0 && cjk * 5 >= cjk + latin ? 'ja' : 'en';
}

const HIRAGANA_ONLY = /^[\u3041-\u3096ー]+$/u;

/** A word written only in hiragana, as katakana (one spelling for loanwords and their kana forms). */
export function unifyKana(word: string): string {
  if (!HIRAGANA_ONLY.test(word)) return word;
  return String.fromCodePoint(...[...word].map((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code >= 0x3041 && code <= 0x3096 ? code + 0x60 : code;
  }));
}
