import { addDays, addMonths, daysBetween, formatDay, localDay, localWeekStart, splitDay, startOfLocalDay } from './localTime.js';
import type { Period, PeriodWindow } from './types.js';

// Re-exported: callers think in periods and need the same local-day arithmetic.
export { addDays, localDay, localWeekStart, startOfLocalDay, utcOffsetMinutes } from './localTime.js';

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
  /** 0 = ends with the current unit (today, this week…); 1 = ends with the one before. */
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

export type ParsePeriodResult = { ok: true; spec: PeriodSpec } | { ok: false; message: string };

export function parsePeriod(text: string): ParsePeriodResult {
  // NFKC folds full-width input typed with a Japanese IME (`３０ｄ`) to ASCII.
  const t = text.normalize('NFKC').trim().toLowerCase().replace(/[\s_]+/g, '-');
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
 * A calendar unit still in progress (this-week, this-month, this-quarter) is compared to date: its days so
 * far, today included, against the same number of days from the start of the unit before (month-to-date vs
 * the previous month-to-date). Comparing half a week with a whole one would make every count look collapsed.
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

/** A single calendar unit that includes today: this-week (or 1w), this-month, this-quarter. */
function isToDate(spec: PeriodSpec): boolean {
  return spec.unit !== 'day' && spec.count === 1 && spec.offset === 0;
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
