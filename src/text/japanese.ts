import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import kuromoji, { type IpadicFeatures, type Tokenizer } from 'kuromoji';
import { phraseKey } from '../domain/themes.js';
import { JA_GENERIC_WORDS, JA_STOP_WORDS, JA_SYNONYMS } from './lexicon.js';
import { unifyKana } from './normalize.js';

/**
 * Japanese terms with kuromoji (IPADIC ships inside its npm package, so nothing leaves the machine).
 * Terms are base forms (遅かった, 遅くて → 遅い), compound nouns kept whole (カード + 決済 + エラー;
 * a verb stem before a noun, 置き + 配 → 置き配), a negation kept with its predicate (使えない),
 * and "noun + が/を + predicate" phrases (箱が潰れる). The dictionary takes 1–3 s to load: it is
 * loaded once, on first use, and shared.
 */

let loading: Promise<Tokenizer<IpadicFeatures>> | null = null;

export function japaneseTokenizer(): Promise<Tokenizer<IpadicFeatures>> {
  if (!loading) {
    const dicPath = join(dirname(createRequire(import.meta.url).resolve('kuromoji/package.json')), 'dict');
    loading = new Promise((resolve, reject) => {
      kuromoji.builder({ dicPath }).build((err, tokenizer) => (err ? reject(err) : resolve(tokenizer)));
    });
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

const NEGATIONS = new Set(['ない', 'ぬ', 'ん', 'ず']);
const SUBJECT_PARTICLES = new Set(['が', 'は', 'も']);

function startsNoun(t: IpadicFeatures): boolean {
  if (t.pos === '接頭詞') return true;
  return t.pos === '名詞' && !['非自立', '代名詞', '数', '接尾'].includes(t.pos_detail_1);
}

function continuesNoun(t: IpadicFeatures): boolean {
  return startsNoun(t) || (t.pos === '名詞' && t.pos_detail_1 === '接尾' && t.pos_detail_2 !== '助数詞' && t.pos_detail_2 !== '人名');
}

function canonical(unit: Unit): string {
  const word = unit.kind === 'noun' ? unifyKana(unit.text) : unit.text;
  return JA_SYNONYMS[word] ?? word;
}

interface Unit {
  kind: 'noun' | 'predicate' | 'particle' | 'break';
  text: string;
}

const A_ROW: Readonly<Record<string, string>> = { う: 'わ', く: 'か', ぐ: 'が', す: 'さ', つ: 'た', ぬ: 'な', ぶ: 'ば', む: 'ま', る: 'ら' };

/** The plain negative of a base form, whatever form the comment used (届きません, 届かなかった → 届かない). */
export function negativeForm(base: string, t: Pick<IpadicFeatures, 'pos' | 'conjugated_type'>): string {
  if (t.pos === '形容詞') return base.endsWith('い') ? `${base.slice(0, -1)}くない` : `${base}ない`;
  if (base === 'ある') return 'ない';
  const type = t.conjugated_type;
  if (type.startsWith('サ変')) return `${base.replace(/(する|ずる)$/u, '')}しない`;
  if (type.startsWith('カ変')) return `${base.slice(0, -1)}ない`;
  if (type.startsWith('一段')) return `${base.slice(0, -1)}ない`;
  const last = base.slice(-1);
  return type.startsWith('五段') && A_ROW[last] ? `${base.slice(0, -1)}${A_ROW[last]}ない` : `${base}ない`;
}

/** Tokens → content units: compound nouns, predicates (with negation), case particles, clause breaks. */
function units(tokens: IpadicFeatures[]): Unit[] {
  const out: Unit[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    // Compound noun: nouns (and prefixes, suffixes) in a row; a verb stem (連用形) directly before a noun joins it.
    const stemBeforeNoun = t.pos === '動詞' && t.conjugated_form === '連用形' && tokens[i + 1]?.pos === '名詞' && tokens[i + 1]?.pos_detail_1 !== '非自立' && tokens[i + 1]!.surface_form.length === 1;
    if (startsNoun(t) || stemBeforeNoun) {
      let text = t.surface_form;
      let j = i + 1;
      while (j < tokens.length) {
        const next = tokens[j]!;
        if (continuesNoun(next)) {
          text += next.surface_form;
          j++;
        } else break;
      }
      // Stand-alone suffix or prefix is not a word.
      if (text.length > 1 || /\p{Script=Han}/u.test(text)) out.push({ kind: 'noun', text });
      i = j;
      continue;
    }
    if ((t.pos === '動詞' || t.pos === '形容詞') && t.pos_detail_1 === '自立') {
      let negated = false;
      let j = i + 1;
      while (j < tokens.length && (tokens[j]!.pos === '助動詞' || (tokens[j]!.pos === '形容詞' && tokens[j]!.basic_form === 'ない') || tokens[j]!.pos_detail_1 === '非自立' || tokens[j]!.pos_detail_1 === '接尾')) {
        if (NEGATIONS.has(tokens[j]!.basic_form)) negated = true;
        j++;
      }
      const base = t.basic_form === '*' ? t.surface_form : t.basic_form;
      out.push({ kind: 'predicate', text: negated ? negativeForm(base, t) : base });
      i = j;
      continue;
    }
    if (t.pos === '助詞' && t.pos_detail_1 === '格助詞' && (t.surface_form === 'が' || t.surface_form === 'を')) out.push({ kind: 'particle', text: t.surface_form });
    else if (t.pos === '助詞' && t.pos_detail_1 === '係助詞' && SUBJECT_PARTICLES.has(t.surface_form)) out.push({ kind: 'particle', text: 'が' });
    else if (t.pos === '記号' || t.pos_detail_1 === '接続助詞' || t.pos === '接続詞') out.push({ kind: 'break', text: '' });
    else if (t.pos === '助詞' && t.surface_form === 'の') out.push({ kind: 'particle', text: 'の' });
    else out.push({ kind: 'break', text: '' });
    i++;
  }
  return out;
}

/** Distinct terms of one Japanese comment (already NFKC-normalised and lower-cased). */
export function japaneseTerms(tokenizer: Tokenizer<IpadicFeatures>, text: string): string[] {
  const found = new Set<string>();
  const list = units(tokenizer.tokenize(text));
  for (let i = 0; i < list.length; i++) {
    const u = list[i]!;
    if (u.kind === 'noun' || u.kind === 'predicate') {
      const word = canonical(u);
      if (!JA_STOP_WORDS.has(word) && !JA_GENERIC_WORDS.has(word) && word.length > 0) found.add(word);
    }
    // noun + が/を + predicate → phrase; "A の B + が + predicate" takes B.
    if (u.kind === 'noun' && list[i + 1]?.kind === 'particle' && list[i + 1]!.text !== 'の' && list[i + 2]?.kind === 'predicate') {
      const noun = canonical(u);
      const predicate = canonical(list[i + 2]!);
      if (!JA_STOP_WORDS.has(noun) && !JA_STOP_WORDS.has(predicate)) found.add(phraseKey([noun, list[i + 1]!.text, predicate]));
    }
    // A predicate that directly follows a noun with no particle ("指定できない") pairs with it too.
    if (u.kind === 'noun' && list[i + 1]?.kind === 'predicate') {
      const noun = canonical(u);
      const predicate = canonical(list[i + 1]!);
      if (!JA_STOP_WORDS.has(noun) && !JA_STOP_WORDS.has(predicate)) found.add(phraseKey([noun, 'が', predicate]));
    }
  }
  return [...found];
}
