/**
 * Local calendar arithmetic in IANA timezones, shared by reporting periods and digest schedules.
 * Days are plain `YYYY-MM-DD` strings; offsets come from Intl, so DST and 30/45-minute zones
 * need no date library. Pure: no Slack or database.
 */

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: IsoWeekday;
}

const SHORT_WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading of an instant in a timezone. */
export function localParts(instant: Date, tz: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(tz).formatToParts(instant)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: (SHORT_WEEKDAYS.indexOf(parts.weekday ?? 'Mon') + 1) as IsoWeekday,
  };
}

/** Wall-clock time of an instant in tz, read as if it were UTC (ms). */
function wallClockMs(instant: Date, tz: string): number {
  const p = localParts(instant, tz);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

/** UTC offset of tz at an instant in minutes, east positive (Asia/Kathmandu = 345). */
export function utcOffsetMinutes(instant: Date, tz: string): number {
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((wallClockMs(new Date(whole), tz) - whole) / 60_000);
}

/** The local calendar day (YYYY-MM-DD) of an instant in tz. */
export function localDay(instant: Date, tz: string): string {
  return new Date(wallClockMs(instant, tz)).toISOString().slice(0, 10);
}

/**
 * The instant a local date and time happens in tz. A time skipped by a DST change (spring-forward
 * gap) is shifted forward by the gap, so 02:30 on New York's spring-forward day is 03:30 EDT and a
 * midnight skipped in America/Santiago is 01:00; a time that happens twice (fall-back) is its first occurrence.
 */
export function localToInstant(day: string, hour: number, minute: number, tz: string): Date {
  const [y, m, d] = splitDay(day);
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  // The offsets in force a day either side cover every transition (none is longer than a day).
  const before = utcOffsetMinutes(new Date(wall - 86_400_000), tz);
  const after = utcOffsetMinutes(new Date(wall + 86_400_000), tz);
  const first = [...new Set([before, after])]
    .map((off) => wall - off * 60_000)
    .filter((t) => wallClockMs(new Date(t), tz) === wall)
    .sort((a, b) => a - b)[0];
  if (first !== undefined) return new Date(first);
  // Gap: read the wall time with the offset from before the transition, which lands past it.
  return new Date(wall - before * 60_000);
}

/** The first instant of a local day (its midnight, or the end of a DST gap that swallows midnight). */
export function startOfLocalDay(day: string, tz: string): Date {
  return localToInstant(day, 0, 0, tz);
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = splitDay(day);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = splitDay(from);
  const [y2, m2, d2] = splitDay(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** The first day of the month `n` months after the month of `day`. */
export function addMonths(day: string, n: number): string {
  const [y, m] = splitDay(day);
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 10);
}

export function isoWeekdayOfDay(day: string): IsoWeekday {
  const [y, m, d] = splitDay(day);
  const js = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return (js === 0 ? 7 : js) as IsoWeekday;
}

/** ISO week start: the Monday on or before `day`. */
export function localWeekStart(day: string): string {
  return addDays(day, 1 - isoWeekdayOfDay(day));
}

export function splitDay(day: string): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number);
  return [y ?? 1970, m ?? 1, d ?? 1];
}

export function formatDay(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
