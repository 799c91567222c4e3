export type Locale = 'en' | 'ja';
export const LOCALES: readonly Locale[] = ['en', 'ja'];

/** Slack locales look like `ja-JP`, `en-US`, `en-GB`; anything we do not speak falls back to the default. */
export function resolveLocale(slackLocale: string | undefined, defaultLocale: Locale): Locale {
  if (!slackLocale) return defaultLocale;
  const lang = slackLocale.toLowerCase().split(/[-_]/)[0];
  return lang === 'ja' ? 'ja' : lang === 'en' ? 'en' : defaultLocale;
}

/** The BCP 47 tag Intl formatters use for each of our locales. */
export function intlTag(locale: Locale): string {
  return locale === 'ja' ? 'ja-JP' : 'en-US';
}
