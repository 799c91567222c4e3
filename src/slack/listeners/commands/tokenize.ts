/**
 * The one tokenizer for every `/journey` subcommand: words split on ASCII or full-width spaces, and
 * "…", “…”, 「…」, 『…』 or '…' group words, so a multi-word journey name works the same in
 * `/journey "Account onboarding"`, `digest weekly mon 09:00 "Account onboarding"` and
 * `alert nps-below "Account onboarding" 20`.
 */
const SPACE = /[\s\u3000]/;
const QUOTES: Record<string, string> = { '"': '"', '“': '”', '「': '」', '『': '』', "'": "'" };

export interface Token {
  value: string;
  /** Offset in the source just after this token (to take "the rest of the line" verbatim). */
  end: number;
}

export function tokenizeCommand(text: string): Token[] | 'unbalanced' {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && SPACE.test(text[i] ?? '')) i++;
    if (i >= text.length) break;
    let value = '';
    while (i < text.length && !SPACE.test(text[i] ?? '')) {
      const ch = text[i] ?? '';
      const close = QUOTES[ch];
      // An apostrophe inside a word ("customer's") is not a quote.
      if (close !== undefined && !(ch === "'" && value.length > 0)) {
        const endQuote = text.indexOf(close, i + 1);
        if (endQuote < 0) return 'unbalanced';
        value += text.slice(i + 1, endQuote);
        i = endQuote + 1;
      } else {
        value += ch;
        i++;
      }
    }
    tokens.push({ value, end: i });
  }
  return tokens;
}

/** Just the words, or 'unbalanced' when a quote is not closed. */
export function commandWords(text: string): string[] | 'unbalanced' {
  const tokens = tokenizeCommand(text);
  return tokens === 'unbalanced' ? tokens : tokens.map((t) => t.value).filter((v) => v.length > 0);
}
