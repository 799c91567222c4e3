import { addDays, addMonths, daysBetween, formatDay, localDay, localWeekStart, splitDay, startOfLocalDay } from './localTime.js';
import type { Period, PeriodWindow } from './types.js';

// Re-exported: callers think in periods and need the same local-day arithmetic.
export { addDays, daysBetween, localDay, localWeekStart, startOfLocalDay, utcOffsetMinutes } from './localTime.js';

/**
 * Named reporting periods (`30d`, `12w`, `last-month`, …) resolved to instants in an IANA
 * timezone, each with the period just before it for comparison. Local days are plain
 * `YYYY-MM-DD` strings; offsets come from Intl, so DST and 30/45-minute zones need no library.
 */

export type PeriodUnit = 'day' | 'week' | 'month' | 'quarter';

export interface PeriodSpec {
  /** Normalised text, e.g. `30d`, `12w`, `last-month`. */
  text: string;
  unit: PeriodUnit;
  /** How many units the period spans. */
  count: number;
  /** 0 = includes the current unit (today, this week…), up to the end of today; 1 = ends with the unit before. */
  offset: 0 | 1;
}

export const DEFAULT_PERIOD = '30d';
export const PERIOD_HELP: readonly string[] = [
  '7d',
  '30d',
  '90d',
  '12w',
  'this-week',
  'last-week',
  'this-month',
  'last-month',
  'this-quarter',
  'last-quarter',
];

/** The same periods as Japanese users write them (each reads as the English one at the same place). */
export const PERIOD_HELP_JA: readonly string[] = ['7日', '30日', '90日', '12週', '今週', '先週', '今月', '先月', '今四半期', '前四半期'];

export const MAX_DAYS = 366;
export const MAX_WEEKS = 104;

const NAMED: Record<string, Omit<PeriodSpec, 'text'>> = {
  'this-week': { unit: 'week', count: 1, offset: 0 },
  'last-week': { unit: 'week', count: 1, offset: 1 },
  'this-month': { unit: 'month', count: 1, offset: 0 },
  'last-month': { unit: 'month', count: 1, offset: 1 },
  'this-quarter': { unit: 'quarter', count: 1, offset: 0 },
  'last-quarter': { unit: 'quarter', count: 1, offset: 1 },
};

/** Japanese period words, read as their English form so specs, button values and labels stay the same. */
const JAPANESE_NAMED: Record<string, string> = {
  今週: 'this-week',
  先週: 'last-week',
  前週: 'last-week',
  今月: 'this-month',
  先月: 'last-month',
  前月: 'last-month',
  今四半期: 'this-quarter',
  前四半期: 'last-quarter',
  先四半期: 'last-quarter',
};

/** `30日`, `30日間`, `12週`, `12週間`, optionally after 過去 / 直近 ("the past …"). */
const JAPANESE_COUNT = /^(?:過去|直近)?(\d+)(日|週)(?:間)?$/;

/**
 * A period as typed, with Japanese words replaced by their English form (`先月` → `last-month`,
 * `30日間` → `30d`, `400日` → `400d`) and full-width characters folded; anything else is only folded
 * and lower-cased. The shape is translated even when the number is out of range, so callers can say
 * "between 1 and 366" rather than "not a period".
 */
export function englishPeriodText(text: string): string {
  // NFKC folds full-width input typed with a Japanese IME (`３０ｄ`, `３０日`) to ASCII digits and letters.
  const t = text.normalize('NFKC').trim().toLowerCase().replace(/[\s_]+/g, '-');
  const named = JAPANESE_NAMED[t];
  if (named) return named;
  const m = JAPANESE_COUNT.exec(t);
  if (m) return `${m[1]}${m[2] === '日' ? 'd' : 'w'}`;
  return t;
}

export type ParsePeriodResult = { ok: true; spec: PeriodSpec } | { ok: false; message: string };

export function parsePeriod(text: string): ParsePeriodResult {
  const t = englishPeriodText(text);
  const help = `Try one of: ${PERIOD_HELP.join(', ')}.`;
  if (t === '') return { ok: false, message: `No period given. ${help}` };
  const named = NAMED[t];
  if (named) return { ok: true, spec: { text: t, ...named } };
  const m = /^(\d{1,4})([dw])$/.exec(t);
  if (!m) return { ok: false, message: `"${text.trim()}" is not a period. ${help}` };
  const count = Number(m[1]);
  const unit = m[2] === 'd' ? 'day' : 'week';
  const max = unit === 'day' ? MAX_DAYS : MAX_WEEKS;
  if (count < 1 || count > max) {
    return { ok: false, message: `"${text.trim()}": the number of ${unit}s must be between 1 and ${max}.` };
  }
  return { ok: true, spec: { text: `${count}${m[2]}`, unit, count, offset: 0 } };
}

/**
 * The current period and the one of equal length before it, as instants and local days in `timezone`.
 * A period never ends after the end of today: days that have not happened have no data, and counting them
 * would make the period look emptier than it is. So a period of calendar units that includes the one in
 * progress (this-week, this-month, this-quarter, 12w) is compared to date: its days so far, today included,
 * against the same number of days from the start of the period before (month-to-date vs the previous
 * month-to-date; 12w on a Tuesday is 11 weeks and 2 days vs the first 11 weeks and 2 days of the 12 weeks
 * before). Comparing half a week with a whole one would make every count look collapsed.
 */
export function resolvePeriod(spec: PeriodSpec, now: Date, timezone: string): PeriodWindow {
  const today = localDay(now, timezone);
  const [curStart, curEnd, prevStart] = dayBounds(spec, today);
  if (isToDate(spec)) {
    const end = addDays(today, 1);
    const prevEnd = minDay(addDays(prevStart, daysBetween(curStart, end)), curStart);
    return { spec: spec.text, timezone, current: localPeriod(curStart, end, timezone), previous: localPeriod(prevStart, prevEnd, timezone) };
  }
  return {
    spec: spec.text,
    timezone,
    current: localPeriod(curStart, curEnd, timezone),
    previous: localPeriod(prevStart, curStart, timezone),
  };
}

/**
 * Calendar units ending with the one that includes today: this-week (1w), 12w, this-month, this-quarter.
 * Day periods already end with today, and offset 1 ends before it.
 */
function isToDate(spec: PeriodSpec): boolean {
  return spec.unit !== 'day' && spec.offset === 0;
}

function minDay(a: string, b: string): string {
  return a < b ? a : b;
}

/** Start of the current period, its end (exclusive) and the previous period's start, as local days. */
function dayBounds(spec: PeriodSpec, today: string): [string, string, string] {
  const back = 1 - spec.offset;
  switch (spec.unit) {
    case 'day': {
      const end = addDays(today, back);
      return [addDays(end, -spec.count), end, addDays(end, -2 * spec.count)];
    }
    case 'week': {
      const end = addDays(localWeekStart(today), 7 * back);
      return [addDays(end, -7 * spec.count), end, addDays(end, -14 * spec.count)];
    }
    case 'month':
    case 'quarter': {
      const months = spec.unit === 'month' ? 1 : 3;
      const [y, m] = splitDay(today);
      const unitStart = formatDay(y, Math.floor((m - 1) / months) * months + 1, 1);
      const end = addMonths(unitStart, months * back);
      return [addMonths(end, -months * spec.count), end, addMonths(end, -2 * months * spec.count)];
    }
  }
}

/** A period from local days: [startDay, endDay) and the instants their local midnights happen. */
export function localPeriod(startDay: string, endDay: string, timezone: string): Period {
  return { start: startOfLocalDay(startDay, timezone), end: startOfLocalDay(endDay, timezone), startDay, endDay };
}

/** The part of a window that daily step counts cover, and the last day they cover when it ends early. */
export interface StepCountSpan {
  current: Period;
  previous: Period;
  /** The last local day with step counts, when it is before the period's last day; null when they cover it all. */
  through: string | null;
}

/**
 * Step counts arrive a day at a time, so the period's last days (today, often yesterday in another
 * timezone) may have none yet: counting them as zero would make every funnel figure shrink with the
 * viewer's clock. The funnel then covers the days up to the last one with counts, and is compared with
 * the same number of days before: the days just before for a rolling `Nd` period, the first days of
 * the previous period for calendar units (month to date against the same days of last month).
 */
export function stepCountSpan(window: PeriodWindow, lastDayWithCounts: string | null): StepCountSpan {
  const { current, previous, timezone } = window;
  const lastOfPeriod = addDays(current.endDay, -1);
  if (lastDayWithCounts === null || lastDayWithCounts >= lastOfPeriod || lastDayWithCounts < current.startDay) {
    return { current, previous, through: null };
  }
  const end = addDays(lastDayWithCounts, 1);
  const days = daysBetween(current.startDay, end);
  const parsed = parsePeriod(window.spec);
  const rolling = parsed.ok && parsed.spec.unit === 'day';
  const prevStart = rolling ? addDays(current.startDay, -days) : previous.startDay;
  const prevEnd = rolling ? current.startDay : minDay(addDays(prevStart, days), previous.endDay);
  return { current: localPeriod(current.startDay, end, timezone), previous: localPeriod(prevStart, prevEnd, timezone), through: lastDayWithCounts };
}
