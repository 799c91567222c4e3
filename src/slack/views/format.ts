import type { Compared, NpsSummary, Period, PeriodWindow, ScoreChange } from '../../domain/types.js';
import { parsePeriod } from '../../domain/periods.js';
import { formatDate, formatNumber, formatPercent, formatSigned, intlTag, t, type Locale, type MessageKey } from '../../i18n/index.js';

/**
 * Shared wording for scores, changes and periods, so every view reads the same way.
 * All pure; the locale decides digits, separators and words.
 */

/** Rounds half away from zero (−62.5 → −63), as people round by hand; Math.round would give −62. */
export function roundScore(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

export function npsValue(locale: Locale, score: number | null): string {
  return score === null ? t(locale, 'journey.value.none') : formatSigned(locale, roundScore(score), 0);
}

/** Fewer answers than this have no spread to estimate: never judged, never given an interval. */
const MIN_SPREAD_SAMPLE = 2;

/** "−20 [−45, +5]", "+100" when there is no interval worth showing, or "—" when there are no answers. */
export function npsWithInterval(locale: Locale, s: NpsSummary): string {
  if (s.score === null) return t(locale, 'journey.value.none');
  // One answer, or answers that all agree, give a zero-width interval ("+100 [+100, +100]") that claims
  // a certainty the sample does not have: show the score alone.
  if (!s.ci95 || s.n < MIN_SPREAD_SAMPLE || roundScore(s.ci95.high) === roundScore(s.ci95.low)) return npsValue(locale, s.score);
  return t(locale, 'journey.value.npsWithInterval', {
    score: npsValue(locale, s.score),
    low: npsValue(locale, s.ci95.low),
    high: npsValue(locale, s.ci95.high),
  });
}

/** "n=40", or "n=1 ⚠ small sample" below the minimum sample (and always for a single answer, whatever the minimum). */
export function sampleText(locale: Locale, s: { n: number; tooSmall: boolean }): string {
  const n = t(locale, 'journey.value.n', { n: formatNumber(locale, s.n) });
  return s.tooSmall || s.n < MIN_SPREAD_SAMPLE ? `${n} ${t(locale, 'journey.marker.tooSmall')}` : n;
}

export function arrow(direction: ScoreChange['direction']): string {
  return direction === 'up' ? '↑' : direction === 'down' ? '↓' : '→';
}

/**
 * "↑ +70", "→ 0", or "" without a delta: the one rule every change display goes through. The
 * arrow follows the change as shown, so a change that rounds to zero reads as flat whatever its sign.
 */
export function deltaText(locale: Locale, delta: number | null, decimals = 0): string {
  if (delta === null) return '';
  const shown = shownDelta(delta, decimals);
  return t(locale, 'journey.value.change', { arrow: arrowOfShown(shown), delta: formatSigned(locale, shown, decimals) });
}

/** The arrow alone of deltaText, for templates that place it apart from the number. */
export function changeArrow(delta: number | null, decimals = 0): string {
  return delta === null ? '' : arrowOfShown(shownDelta(delta, decimals));
}

function shownDelta(delta: number, decimals: number): number {
  const factor = 10 ** decimals;
  return roundScore(delta * factor) / factor;
}

function arrowOfShown(shown: number): string {
  return arrow(shown > 0 ? 'up' : shown < 0 ? 'down' : 'flat');
}

/**
 * "↓ −80 ⚑ significant", "→ 0", or "" when there is nothing to compare with. NPS and CSAT
 * changes are whole points; CES (a 1–7 mean) keeps one decimal. `marker: 'flag'` keeps only the
 * ⚑ where space is short (App Home).
 */
export function changeText(locale: Locale, change: ScoreChange, decimals = 0, marker: 'word' | 'flag' = 'word'): string {
  const text = deltaText(locale, change.delta, decimals);
  if (!text || !change.significant) return text;
  return `${text} ${marker === 'flag' ? '⚑' : t(locale, 'journey.marker.significant')}`;
}

/**
 * The arrow beside a share shown as a percentage with one decimal (conversion): flat when the
 * change rounds to 0.0 points, so it never points at a difference the numbers do not show.
 */
export function shareChangeArrow(current: number | null | undefined, previous: number | null | undefined): string {
  if (current === null || current === undefined || previous === null || previous === undefined) return '';
  if (!Number.isFinite(current) || !Number.isFinite(previous)) return '';
  return arrowOfShown(shownDelta(100 * (current - previous), 1));
}

/**
 * Parts of "−20 [−45, +5] · n=40 ↓ −80 ⚑ significant". `change` comes with its leading space (or is
 * empty when there is nothing to compare with), so templates write `{n}{change}`.
 */
export function comparedNpsLine(locale: Locale, c: Compared<NpsSummary>): { nps: string; n: string; change: string } {
  const change = changeText(locale, c.change);
  return { nps: npsWithInterval(locale, c.current), n: sampleText(locale, c.current), change: change ? ` ${change}` : '' };
}

export function percentOrNone(locale: Locale, fraction: number | null | undefined): string {
  return fraction === null || fraction === undefined || !Number.isFinite(fraction) ? t(locale, 'journey.value.none') : formatPercent(locale, fraction);
}

export function countOrNone(locale: Locale, n: number | null | undefined): string {
  return n === null || n === undefined ? t(locale, 'journey.value.none') : formatNumber(locale, n);
}

/** A calendar day (YYYY-MM-DD) formatted for the locale; noon UTC keeps it on the same date everywhere. */
export function dayText(locale: Locale, day: string): string {
  return formatDate(locale, new Date(`${day}T12:00:00Z`), 'UTC');
}

/** A day without its year, for axes and week lists: "Nov 16" / "11月16日". */
export function shortDayText(locale: Locale, day: string): string {
  return new Intl.DateTimeFormat(intlTag(locale), { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

function previousDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** A period's name: the command word in English (`30d`, `last-month`), words in Japanese (直近30日間, 先月). */
export function periodName(locale: Locale, spec: string): string {
  const parsed = parsePeriod(spec);
  if (!parsed.ok) return spec;
  const { unit, count, offset } = parsed.spec;
  if (parsed.spec.text in NAMED_KEYS) return t(locale, NAMED_KEYS[parsed.spec.text as keyof typeof NAMED_KEYS]);
  if (offset === 0 && unit === 'day') return t(locale, 'periods.name.days', { n: count });
  if (offset === 0 && unit === 'week') return t(locale, 'periods.name.weeks', { n: count });
  return spec;
}

const NAMED_KEYS = {
  'this-week': 'periods.name.thisWeek',
  'last-week': 'periods.name.lastWeek',
  'this-month': 'periods.name.thisMonth',
  'last-month': 'periods.name.lastMonth',
  'this-quarter': 'periods.name.thisQuarter',
  'last-quarter': 'periods.name.lastQuarter',
} as const satisfies Record<string, MessageKey>;

/**
 * "30d · Mar 2, 2026 – Mar 31, 2026 · today so far" / "直近30日間（2026年3月2日〜2026年3月31日）・今日の途中まで"
 * (the end day shown inclusive). A period that includes today says so; one of calendar units still
 * running says it is compared to date (see resolvePeriod), so a partial span never reads as a whole one.
 */
export function periodLabel(locale: Locale, window: PeriodWindow | { spec: string; current: Period }): string {
  const parsed = parsePeriod(window.spec);
  const running = parsed.ok && parsed.spec.offset === 0;
  const note = !running ? '' : parsed.spec.unit === 'day' ? t(locale, 'periods.note.today') : t(locale, 'periods.note.toDate');
  return t(locale, 'periods.label', {
    name: periodName(locale, window.spec),
    from: dayText(locale, window.current.startDay),
    to: dayText(locale, previousDay(window.current.endDay)),
    note,
  });
}

/** A period switch button: "30d" / "30日間". */
export function periodButtonText(locale: Locale, spec: string): string {
  const m = /^(\d+)([dw])$/.exec(spec);
  if (!m) return periodName(locale, spec);
  return t(locale, m[2] === 'd' ? 'periods.button.days' : 'periods.button.weeks', { n: Number(m[1]) });
}

/** Periods offered as switch buttons under every view. */
export const PERIOD_CHOICES = ['7d', '30d', '90d', '12w'] as const;
