/**
 * Weekly schedules in an IANA timezone, and the period a weekly digest covers.
 * Pure: Intl only, no Slack or database.
 *
 * DST rules (what a person setting "Sunday 02:30" would expect):
 * - a local time that does not exist (spring-forward gap) fires at the same wall-clock offset
 *   past the gap, e.g. 02:30 in America/New_York on the spring-forward day fires at 03:30 EDT;
 * - a local time that happens twice (fall-back overlap) fires once, at its first occurrence.
 */

import { addDays, isoWeekdayOfDay, localDay, localToInstant, type IsoWeekday } from './localTime.js';

export { isValidTimezone, type IsoWeekday } from './localTime.js';

export interface WeeklySchedule {
  weekday: IsoWeekday;
  hour: number;
  minute: number;
  timezone: string;
}

export const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

const FULL_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Japanese weekday characters, Monday first: 月 火 水 木 金 土 日. */
const JAPANESE_WEEKDAYS = ['月', '火', '水', '木', '金', '土', '日'];

/**
 * `mon` or `monday` (any case, full-width too) → 1 … `sun` / `sunday` → 7; Japanese `月`, `月曜`, `月曜日`
 * (also in brackets, `(月)` / `（月）`) → 1 … `日曜日` → 7; anything else → null.
 */
export function weekdayFromName(name: string): IsoWeekday | null {
  const lower = name.normalize('NFKC').trim().toLowerCase();
  let i = WEEKDAY_NAMES.indexOf(lower as WeekdayName);
  if (i < 0) i = FULL_NAMES.indexOf(lower);
  if (i < 0) {
    const m = /^\(?([月火水木金土日])(?:曜日?)?\)?$/.exec(lower);
    // A bracket on one side only is a typo we do not guess at.
    if (m?.[1] && lower.startsWith('(') === lower.endsWith(')')) i = JAPANESE_WEEKDAYS.indexOf(m[1]);
  }
  return i < 0 ? null : ((i + 1) as IsoWeekday);
}


/** The fire instant of the schedule on the given local day (which must be on the schedule's weekday). */
function fireOn(day: string, s: WeeklySchedule): Date {
  return localToInstant(day, s.hour, s.minute, s.timezone);
}

/** Latest fire instant at or before `now` (searching back up to two weeks). */
export function previousFireTime(s: WeeklySchedule, now: Date): Date {
  const today = localDay(now, s.timezone);
  for (let back = -1; back <= 14; back++) {
    const day = addDays(today, -back);
    if (isoWeekdayOfDay(day) !== s.weekday) continue;
    const t = fireOn(day, s);
    if (t.getTime() <= now.getTime()) return t;
  }
  throw new Error('previousFireTime: no fire time found'); // unreachable for valid schedules
}

/** Earliest fire instant strictly after `after`. */
export function nextFireTime(s: WeeklySchedule, after: Date): Date {
  const today = localDay(after, s.timezone);
  for (let ahead = -1; ahead <= 14; ahead++) {
    const day = addDays(today, ahead);
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
  const endDay = localDay(fire, tz);
  const startDay = addDays(endDay, -7);
  const prevStart = addDays(endDay, -14);
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

/**
 * "HH:MM" (one-digit hour allowed) or Japanese `9時`, `9時30分`, `9時半` → hour and minute, or null.
 * NFKC folds full-width digits and colon typed with a Japanese IME (`９：００`).
 */
export function parseClock(text: string): { hour: number; minute: number } | null {
  const t = text.normalize('NFKC').trim();
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(t);
  if (m) return { hour: Number(m[1]), minute: Number(m[2]) };
  const ja = /^([01]?\d|2[0-3])時(?:([0-5]?\d)分|(半))?$/.exec(t);
  if (!ja) return null;
  return { hour: Number(ja[1]), minute: ja[3] ? 30 : Number(ja[2] ?? 0) };
}
