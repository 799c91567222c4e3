/**
 * One feature's messages in both languages. `ja` must have exactly the keys of `en` (checked by
 * the compiler here, and placeholders by tests/i18n/catalog.test.ts). Placeholders look like {name}.
 */
export interface CatalogFile<K extends string = string> {
  en: Record<K, string>;
  ja: Record<K, string>;
}

export function defineCatalog<const E extends Record<string, string>>(catalog: { en: E; ja: Record<keyof E & string, string> }): CatalogFile<keyof E & string> {
  return catalog;
}
