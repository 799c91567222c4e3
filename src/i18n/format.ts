import { intlTag, type Locale } from './locale.js';

/** Numbers, percentages and dates as people in each locale expect to read them. */
export function formatNumber(locale: Locale, n: number, opts: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(intlTag(locale), opts).format(n);
}

/** A fraction (0.425) as a percentage ("42.5%"). */
export function formatPercent(locale: Locale, fraction: number, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(intlTag(locale), { style: 'percent', maximumFractionDigits, minimumFractionDigits: 0 }).format(fraction);
}

/**
 * A change with its sign always shown: "+3.2", "−4" (a true minus sign, U+2212, which lines up
 * with the plus in Slack's proportional font), "0" for no change.
 */
export function formatSigned(locale: Locale, n: number, maximumFractionDigits = 1): string {
  const abs = new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits, minimumFractionDigits: 0 }).format(Math.abs(n));
  if (abs === new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits }).format(0)) return abs;
  return `${n > 0 ? '+' : '\u2212'}${abs}`;
}

/** A calendar date in the viewer's timezone: "Nov 25, 2026" / "2026年11月25日". */
export function formatDate(locale: Locale, date: Date, timezone: string): string {
  return new Intl.DateTimeFormat(intlTag(locale), { timeZone: timezone, year: 'numeric', month: 'short', day: 'numeric' }).format(date);
}

/** Date and time in the viewer's timezone: "Nov 25, 2026, 9:05 AM" / "2026年11月25日 9:05". */
export function formatDateTime(locale: Locale, date: Date, timezone: string): string {
  return new Intl.DateTimeFormat(intlTag(locale), {
    timeZone: timezone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(date);
}
