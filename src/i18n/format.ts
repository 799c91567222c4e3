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

// English shows the same lowercase day words that `/journey digest weekly <day>` accepts, so a
// reader can copy the schedule back into the command; Japanese readers get the day in Japanese.
const WEEKDAYS: Record<Locale, readonly string[]> = {
  en: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  ja: ['月曜', '火曜', '水曜', '木曜', '金曜', '土曜', '日曜'],
};

/** An ISO weekday (1 = Monday … 7 = Sunday): "mon" / "月曜"; "?" outside 1–7. */
export function formatWeekday(locale: Locale, isoWeekday: number): string {
  return WEEKDAYS[locale][isoWeekday - 1] ?? '?';
}

/** A wall-clock time: "09:00" (24-hour, zero-padded) / "9:00" (Japanese writes the hour unpadded). */
export function formatClock(locale: Locale, hour: number, minute: number): string {
  const mm = String(minute).padStart(2, '0');
  return locale === 'ja' ? `${hour}:${mm}` : `${String(hour).padStart(2, '0')}:${mm}`;
}

/** A window length in days: "7d" (as the alert command writes it) / "7日間". */
export function formatWindowDays(locale: Locale, days: number): string {
  return locale === 'ja' ? `${formatNumber(locale, days)}日間` : `${days}d`;
}
