import { englishTerms } from './english.js';
import { japaneseTerms, japaneseTokenizer } from './japanese.js';
import { type CommentLanguage, detectLanguage, normalizeText } from './normalize.js';

export type { CommentLanguage } from './normalize.js';

export interface AnalysedComment {
  language: CommentLanguage;
  /** Distinct terms: base-form words, compounds and short phrases (domain/themes.ts phraseKey). */
  terms: string[];
}

/** Longest comment text analysed: the first part of a long comment carries its themes. */
const MAX_ANALYSED_CHARS = 1000;

export interface CommentAnalyser {
  analyse(comment: string): AnalysedComment;
}

/** Loads the Japanese dictionary (once per process) and returns a synchronous analyser. */
export async function createCommentAnalyser(): Promise<CommentAnalyser> {
  const tokenizer = await japaneseTokenizer();
  return {
    analyse(comment) {
      const text = normalizeText(comment.slice(0, MAX_ANALYSED_CHARS));
      const language = detectLanguage(text);
      if (text.length === 0) return { language, terms: [] };
      return { language, terms: language === 'ja' ? japaneseTerms(tokenizer, text) : englishTerms(text) };
    },
  };
}
