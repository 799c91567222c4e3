import winkNLP, { type ItemSentence, type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { phraseKey } from '../domain/themes.js';
import { EN_GENERIC_WORDS, EN_STOP_LEMMAS, EN_SYNONYMS } from './lexicon.js';

/**
 * English terms with wink-nlp and its packaged model: lemmas of content words (nouns, verbs,
 * adjectives), a negation kept with the word it negates ("not work"), and two-word phrases:
 * adjective + noun ("late delivery"), noun + noun ("card payment"). Text arrives lower-cased, so
 * a sentence-initial "Card" is not taken for a proper noun; PROPN still counts as content.
 */

let nlp: WinkMethods | null = null;

function englishNlp(): WinkMethods {
  nlp ??= winkNLP(model, ['sbd', 'negation', 'pos']);
  return nlp;
}

const CONTENT = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ']);
const CLAUSE_BREAKS = new Set(['PUNCT', 'CCONJ', 'SCONJ']);

interface Word {
  lemma: string;
  pos: string;
  negated: boolean;
}

function canonical(lemma: string): string {
  return EN_SYNONYMS[lemma] ?? lemma;
}

export function englishTerms(text: string): string[] {
  const engine = englishNlp();
  const its = engine.its;
  const found = new Set<string>();
  engine.readDoc(text).sentences().each((sentence: ItemSentence) => {
    const tokens = sentence.tokens();
    /* eslint-disable @typescript-eslint/unbound-method -- wink's `its` helpers are plain functions that `out()` calls itself. */
    // Its typings declare `its.lemma` with a signature `out()` does not accept; it works at run time.
    const lemmas = tokens.out<string>(its.lemma as unknown as typeof its.normal);
    const normals = tokens.out<string>(its.normal);
    const tags = tokens.out<string>(its.pos);
    const stops = tokens.out<boolean>(its.stopWordFlag);
    const negations = tokens.out<boolean>(its.negationFlag);
    /* eslint-enable @typescript-eslint/unbound-method */
    // Adjacent content words make a phrase; a noun and the predicate after it in the same clause too.
    let previous: Word | null = null;
    let clauseNoun: Word | null = null;
    for (let i = 0; i < tags.length; i++) {
      const pos = tags[i] ?? '';
      const lemma = canonical(EN_SYNONYMS[normals[i] ?? ''] ?? lemmas[i] ?? '');
      const isContent = CONTENT.has(pos) && !stops[i] && !EN_STOP_LEMMAS.has(lemma) && /^[a-z][a-z'-]+$/.test(lemma);
      if (!isContent) {
        if (CLAUSE_BREAKS.has(pos)) clauseNoun = null;
        if (pos !== 'DET') previous = null;
        continue;
      }
      const word: Word = { lemma, pos, negated: negations[i] === true && (pos === 'VERB' || pos === 'ADJ') };
      const term = word.negated ? `not ${lemma}` : lemma;
      if (!EN_GENERIC_WORDS.has(lemma)) found.add(term);
      const isNoun = pos === 'NOUN' || pos === 'PROPN';
      if (previous && isNoun && previous.pos !== 'VERB' && previous.lemma !== lemma) found.add(phraseKey([previous.lemma, lemma]));
      if (!isNoun && clauseNoun && clauseNoun.lemma !== lemma) found.add(phraseKey([clauseNoun.lemma, term]));
      if (isNoun) clauseNoun = word;
      previous = word;
    }
  });
  return [...found];
}
