import { catalogs } from './catalog/index.js';
import { intlTag, type Locale } from './locale.js';

export type { Locale } from './locale.js';
export { LOCALES, resolveLocale, intlTag } from './locale.js';
import { formatNumber } from './format.js';
export { formatNumber, formatPercent, formatSigned, formatDate, formatDateTime, formatWeekday, formatClock, formatWindowDays } from './format.js';

type KeysOf<C> = C extends { en: Record<infer K, string> } ? K : never;
/** Every message key of every registered catalog. */
export type MessageKey = KeysOf<(typeof catalogs)[number]>;
export type MessageParams = Record<string, string | number>;

const merged: Record<Locale, Map<string, string>> = { en: new Map(), ja: new Map() };
for (const catalog of catalogs) {
  for (const locale of ['en', 'ja'] as const) {
    for (const [key, value] of Object.entries(catalog[locale] as Record<string, string>)) {
      if (merged[locale].has(key)) throw new Error(`i18n: message key ${key} is defined in two catalog files`);
      merged[locale].set(key, value);
    }
  }
}

/** The merged catalog, for tests (parity of keys and placeholders). */
export function catalogEntries(locale: Locale): ReadonlyMap<string, string> {
  return merged[locale];
}

/**
 * `one` or `other` by the locale's plural rule for n ("1 answer", "2 answers"); Japanese has no
 * plural, so it always gets `other` (its catalog gives both the same wording).
 */
export function plural<T>(locale: Locale, n: number, one: T, other: T): T {
  return new Intl.PluralRules(intlTag(locale)).select(n) === 'one' ? one : other;
}

/** "1 answer" / "30 answers" / "回答 30 件": a count with its noun, the number formatted for the locale. */
export function countText(locale: Locale, n: number, one: MessageKey, other: MessageKey): string {
  return t(locale, plural(locale, n, one, other), { n: formatNumber(locale, n) });
}

/**
 * A message in the given language with {placeholders} filled in. Params are inserted as given:
 * escape user text for mrkdwn (escapeText) before passing it when the message goes into mrkdwn.
 */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = merged[locale].get(key) ?? merged.en.get(key) ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
