import { isValidTimezone } from './localTime.js';
import { addDays, localDay, localPeriod, resolvePeriod } from './periods.js';
import type { Period } from './types.js';

/**
 * The windows an alert rule compares: the last `windowDays` local days of the rule's timezone,
 * today included (so a rule reacts to this morning's answers), and the same number of days
 * before them. Local days, not UTC days: a Tokyo team's "last 7 days" starts at midnight in Tokyo.
 * Pure: no Slack or database.
 */
export interface AlertWindows {
  timezone: string;
  windowDays: number;
  current: Period;
  previous: Period;
}

export function alertWindows(now: Date, timezone: string, windowDays: number): AlertWindows {
  // The same days as the `7d`-style reporting periods, so an alert and `/journey` views agree.
  const w = resolvePeriod({ text: `${windowDays}d`, unit: 'day', count: windowDays, offset: 0 }, now, timezone);
  return { timezone, windowDays, current: w.current, previous: w.previous };
}

/** Rules that share a timezone and window length share their windows: evaluate them as one group. */
export function windowGroupKey(timezone: string, windowDays: number): string {
  return `${timezone}|${windowDays}`;
}

/**
 * Rules made before windows were local have no timezone: they were (and stay) UTC days. A name the
 * runtime no longer knows also falls back to UTC, so one odd row cannot stop every rule's evaluation.
 */
export function ruleTimezone(stored: string | null | undefined): string {
  return stored && isValidTimezone(stored) ? stored : 'UTC';
}

/**
 * The days an alert's evidence uses at `now`: the last `windowDays` COMPLETED local days (today
 * is never judged until it is over, so a check every 15 minutes is one test per day, not 96), and
 * the baseline: the `baselineDays` local days that end where those begin.
 */
export interface EvidenceWindows {
  timezone: string;
  /** One period per completed local day, oldest first. */
  days: Period[];
  baseline: Period;
}

export function evidenceWindows(now: Date, timezone: string, windowDays: number, baselineDays: number): EvidenceWindows {
  const today = localDay(now, timezone);
  const first = addDays(today, -windowDays);
  const days = Array.from({ length: windowDays }, (_, i) => localPeriod(addDays(first, i), addDays(first, i + 1), timezone));
  return { timezone, days, baseline: localPeriod(addDays(first, -baselineDays), first, timezone) };
}
