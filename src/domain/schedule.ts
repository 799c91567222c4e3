/**
 * Weekly schedules in an IANA timezone, and the period a weekly digest covers.
 * Pure: Intl only, no Slack or database.
 *
 * DST rules (what a person setting "Sunday 02:30" would expect):
 * - a local time that does not exist (spring-forward gap) fires at the same wall-clock offset
 *   past the gap, e.g. 02:30 in America/New_York on the spring-forward day fires at 03:30 EDT;
 * - a local time that happens twice (fall-back overlap) fires once, at its first occurrence.
 */

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface WeeklySchedule {
  weekday: IsoWeekday;
  hour: number;
  minute: number;
  timezone: string;
}

export const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

const FULL_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** `mon` or `monday` (any case) → 1 … `sun` / `sunday` → 7; anything else → null. */
export function weekdayFromName(name: string): IsoWeekday | null {
  const lower = name.toLowerCase();
  let i = WEEKDAY_NAMES.indexOf(lower as WeekdayName);
  if (i < 0) i = FULL_NAMES.indexOf(lower);
  return i < 0 ? null : ((i + 1) as IsoWeekday);
}

export function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: IsoWeekday;
}

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

/** The wall-clock reading of an instant in a timezone. */
export function localParts(instant: Date, tz: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(tz).formatToParts(instant)) parts[p.type] = p.value;
  const weekday = (WEEKDAY_NAMES.indexOf((parts.weekday ?? 'Mon').toLowerCase() as WeekdayName) + 1) as IsoWeekday;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday,
  };
}

/** Offset of the timezone from UTC at an instant, in minutes (east positive; Asia/Kathmandu = 345). */
export function offsetMinutes(instant: Date, tz: string): number {
  const p = localParts(instant, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant a local date and time happens in tz. Gap → shifted forward by the gap;
 * overlap → the first (earlier) occurrence.
 */
export function localToInstant(day: string, hour: number, minute: number, tz: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  // The offsets in force a day either side cover every transition (none is longer than a day).
  const before = offsetMinutes(new Date(wall - 86_400_000), tz);
  const after = offsetMinutes(new Date(wall + 86_400_000), tz);
  const candidates = [...new Set([before, after])]
    .map((off) => wall - off * 60_000)
    .filter((t) => {
      const p = localParts(new Date(t), tz);
      return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) === wall;
    })
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return new Date(first);
  // Gap: read the wall time with the offset from before the transition, which lands past it.
  return new Date(wall - before * 60_000);
}

/** YYYY-MM-DD of the local calendar day of an instant. */
export function localDayOf(instant: Date, tz: string): string {
  const p = localParts(instant, tz);
  return formatDay(p.year, p.month, p.day);
}

export function shiftDay(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return formatDay(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

function formatDay(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function isoWeekdayOfDay(day: string): IsoWeekday {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const js = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return (js === 0 ? 7 : js) as IsoWeekday;
}

/** The fire instant of the schedule on the given local day (which must be on the schedule's weekday). */
function fireOn(day: string, s: WeeklySchedule): Date {
  return localToInstant(day, s.hour, s.minute, s.timezone);
}

/** Latest fire instant at or before `now` (searching back up to two weeks). */
export function previousFireTime(s: WeeklySchedule, now: Date): Date {
  const today = localDayOf(now, s.timezone);
  for (let back = -1; back <= 14; back++) {
    const day = shiftDay(today, -back);
    if (isoWeekdayOfDay(day) !== s.weekday) continue;
    const t = fireOn(day, s);
    if (t.getTime() <= now.getTime()) return t;
  }
  throw new Error('previousFireTime: no fire time found'); // unreachable for valid schedules
}

/** Earliest fire instant strictly after `after`. */
export function nextFireTime(s: WeeklySchedule, after: Date): Date {
  const today = localDayOf(after, s.timezone);
  for (let ahead = -1; ahead <= 14; ahead++) {
    const day = shiftDay(today, ahead);
    if (isoWeekdayOfDay(day) !== s.weekday) continue;
    const t = fireOn(day, s);
    if (t.getTime() > after.getTime()) return t;
  }
  throw new Error('nextFireTime: no fire time found');
}

export interface DigestPeriod {
  /** The period key: first local day of the covered week (YYYY-MM-DD). */
  key: string;
  /** Covered local days: startDay inclusive, endDay exclusive; 7 days ending where the fire day starts. */
  startDay: string;
  endDay: string;
  start: Date;
  end: Date;
  /** The 7 local days before, for week-over-week change. */
  previous: { startDay: string; endDay: string; start: Date; end: Date };
}

/**
 * The week a digest fired at `fire` covers: the seven local days that ended when the fire day
 * began. A Monday digest covers Monday–Sunday of the week just ended; a Friday one covers Friday–Thursday.
 */
export function digestPeriodFor(fire: Date, tz: string): DigestPeriod {
  const endDay = localDayOf(fire, tz);
  const startDay = shiftDay(endDay, -7);
  const prevStart = shiftDay(endDay, -14);
  const midnight = (day: string) => localToInstant(day, 0, 0, tz);
  return {
    key: startDay,
    startDay,
    endDay,
    start: midnight(startDay),
    end: midnight(endDay),
    previous: { startDay: prevStart, endDay: startDay, start: midnight(prevStart), end: midnight(startDay) },
  };
}

/** The local Monday (YYYY-MM-DD) of the week containing `day`. */
export function mondayOf(day: string): string {
  return shiftDay(day, 1 - isoWeekdayOfDay(day));
}

/** "HH:MM" → hour and minute, or null. */
export function parseClock(text: string): { hour: number; minute: number } | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!m) return null;
  return { hour: Number(m[1]), minute: Number(m[2]) };
}
