/**
 * When an alert rule opens, updates, worsens, resolves or re-opens an incident. Pure.
 *
 * Decisions rest on accumulated evidence over completed local days (alertEvidence.ts), never on a
 * moving window that includes today: a touchpoint gets one test per completed day however often
 * the job runs, and the numbers only change when a day completes.
 * - `nps_drop <points>`: a fall of `points` below the touchpoint's baseline (the 8 weeks that end
 *   where the evidence window starts, so a week of fresh answers is never compared with itself).
 * - `nps_below <value>`: the level below the value (tested as value + 5 against value − 5).
 * - `dropoff_above <percent>`: the daily drop-off above the percentage (± 2.5 points).
 * An incident resolves only when the evidence says the level is back (a CUSUM the other way, over
 * the days since it opened): for `nps_drop` back within half the fall of the baseline frozen at
 * opening, plus a margin, so a fall that persists never reads as recovered because the baseline
 * caught up. Fatigue stays bounded: one worsening note per incident, only when the fall is worse
 * by the margin with 95% confidence; a breach within the cooldown (7 days, the evidence window)
 * after a resolution re-opens the same incident silently; a resolution notes once per incident.
 * So flapping data posts at most 1 + 1 + 1 messages per incident.
 */

import type { AlertKind, UnresolvedIncidentStatus } from './enums.js';
import { addTallies, answerVariance, cusumRun, llrIncrement, mean, type DayTally, type Tally } from './alertEvidence.js';
import { Z95 } from './scores.js';

export { ALERT_KINDS, type AlertKind } from './enums.js';

export interface ThresholdPolicy {
  /** How far back past the reference the level must come to resolve (same unit as the threshold). */
  hysteresis: number;
  /** How much further past the last notified level (lower 95% bound) counts as worsening. */
  worsenMargin: number;
  /** Thread notes about worsening per incident. */
  maxWorsenNotes: number;
  /** After a resolution, a new breach within this time re-opens the incident silently. */
  cooldownMs: number;
  /** CUSUM decision threshold (nats) for opening and for resolving. */
  alarmH: number;
}

const DAY = 86_400_000;
/**
 * Decision threshold of every CUSUM, in nats. e^(−h) ≈ 1/1100 per excursion; simulated at 550
 * answers a week it gives ≤ 1 false alarm per 200 touchpoint-weeks (BENCHMARKS.md, alert quality).
 */
export const ALARM_H = 6.5;
export const DEFAULT_POLICIES: Record<AlertKind, ThresholdPolicy> = {
  nps_below: { hysteresis: 5, worsenMargin: 10, maxWorsenNotes: 1, cooldownMs: 7 * DAY, alarmH: ALARM_H },
  nps_drop: { hysteresis: 3, worsenMargin: 10, maxWorsenNotes: 1, cooldownMs: 7 * DAY, alarmH: ALARM_H },
  dropoff_above: { hysteresis: 2, worsenMargin: 5, maxWorsenNotes: 1, cooldownMs: 7 * DAY, alarmH: ALARM_H },
};

/** The baseline of `nps_drop`: this many local days ending where the evidence window starts. */
export const BASELINE_DAYS = 56;
/** `nps_below` tests value + SHIFT/2 against value − SHIFT/2 (NPS points). */
const NPS_BELOW_SHIFT = 10;
/** `dropoff_above` tests percent − SHIFT/2 against percent + SHIFT/2 (percentage points). */
const DROPOFF_SHIFT = 5;
/** A funnel day counts as at most this many customers of evidence: daily rates vary beyond coin flips. */
const DROPOFF_DAY_CAP = 400;
/** Floors on the variance of one answer (an all-promoter week must not make evidence infinite). */
const VARIANCE_FLOOR: Record<AlertKind, number> = { nps_below: 1000, nps_drop: 1000, dropoff_above: 100 };

export interface RuleThreshold {
  kind: AlertKind;
  threshold: number;
  minSample: number;
}

/** What one (rule, touchpoint) has to go on: its completed days and its baseline. */
export interface SubjectEvidence {
  /** The completed local days of the evidence window, oldest first (days without answers may be missing). */
  days: DayTally[];
  /** The `BASELINE_DAYS` before the window (nps_drop; others use it for display only). */
  baseline: Tally;
}

/** What the message shows: the window's level, the reference it is compared with, and how far past the line. */
export interface Reading {
  /** nps_below: NPS; nps_drop: points fallen from the baseline; dropoff_above: drop-off %. null = no data. */
  value: number | null;
  /** nps_drop: the baseline NPS (frozen at opening); others: the baseline period's level. */
  previous: number | null;
  /** Answers (customers for drop-off) behind the value. */
  sample: number;
  /** How far past the threshold, in the bad direction (> 0 = past it); null without data. */
  badness: number | null;
  /** Standard error of badness. */
  se: number;
}

interface Test {
  /** Level when all is well, and the level the alarm is for. */
  a: number;
  b: number;
  variance: number;
  maxN: number;
}

function sumDays(days: readonly DayTally[]): Tally {
  return addTallies(days);
}

/** The test that opens an incident; null when there is not enough data to judge. */
function alarmTest(rule: RuleThreshold, days: readonly DayTally[], baseline: Tally): Test | null {
  const window = sumDays(days);
  if (window.n < rule.minSample) return null;
  const floor = VARIANCE_FLOOR[rule.kind];
  if (rule.kind === 'nps_drop') {
    const base = mean(baseline);
    if (base === null || baseline.n < rule.minSample) return null;
    return { a: base, b: base - rule.threshold, variance: answerVariance(baseline, floor), maxN: Infinity };
  }
  if (rule.kind === 'nps_below') {
    return { a: rule.threshold + NPS_BELOW_SHIFT / 2, b: rule.threshold - NPS_BELOW_SHIFT / 2, variance: answerVariance(window, floor), maxN: Infinity };
  }
  const p = Math.min(95, Math.max(5, rule.threshold));
  return { a: rule.threshold - DROPOFF_SHIFT / 2, b: rule.threshold + DROPOFF_SHIFT / 2, variance: Math.max(floor, p * (100 - p)), maxN: DROPOFF_DAY_CAP };
}

/**
 * The test that resolves an incident: "back" (b) against "still down" (a), so its midpoint is the
 * reference plus the hysteresis margin. `frozenBaseline` is the nps_drop baseline at opening.
 */
function recoveryTest(rule: RuleThreshold, days: readonly DayTally[], frozenBaseline: number | null, policy: ThresholdPolicy): Test | null {
  const window = sumDays(days);
  if (window.n === 0) return null;
  const floor = VARIANCE_FLOOR[rule.kind];
  const m = policy.hysteresis;
  if (rule.kind === 'nps_drop') {
    if (frozenBaseline === null) return null;
    const down = frozenBaseline - rule.threshold;
    // Midpoint: baseline − points/2 + margin.
    return { a: down, b: frozenBaseline + 2 * m, variance: answerVariance(window, floor), maxN: Infinity };
  }
  if (rule.kind === 'nps_below') {
    const s = NPS_BELOW_SHIFT / 2;
    return { a: rule.threshold - s, b: rule.threshold + s + 2 * m, variance: answerVariance(window, floor), maxN: Infinity };
  }
  const p = Math.min(95, Math.max(5, rule.threshold));
  const s = DROPOFF_SHIFT / 2;
  return { a: rule.threshold + s, b: rule.threshold - s - 2 * m, variance: Math.max(floor, p * (100 - p)), maxN: DROPOFF_DAY_CAP };
}

/**
 * Each test runs at three scales — the alternative at the shift the rule names, twice and four
 * times as far from the level when all is well — and the strongest counts: a CUSUM tuned to a small
 * shift is slow to see a large one (a touchpoint at NPS −50 under a rule "below 20" should not wait
 * days). Each scale is a true log-likelihood ratio against the same "all is well" level, so each
 * keeps its e^(−h) false-alarm rate; h was tuned with all three in place.
 */
export const SCALES = [1, 2, 4] as const;

/** The CUSUM of a test over days at its strongest scale, and where that run began (0 without a test). */
export function evidenceRun(test: Test | null, days: readonly DayTally[]): { value: number; start: number } {
  let best = { value: 0, start: days.length };
  if (!test) return best;
  for (const s of SCALES) {
    const b = test.a + s * (test.b - test.a);
    const run = cusumRun(days.map((d) => llrIncrement(d, test.a, b, test.variance, test.maxN)));
    if (run.value > best.value) best = run;
  }
  return best;
}

export function evidence(test: Test | null, days: readonly DayTally[]): number {
  return evidenceRun(test, days).value;
}

/** The evidence for an alarm over these days (exported for tests and the preview). */
export function alarmEvidence(rule: RuleThreshold, days: readonly DayTally[], baseline: Tally): number {
  return evidence(alarmTest(rule, days, baseline), days);
}

export function recoveryEvidence(rule: RuleThreshold, days: readonly DayTally[], frozenBaseline: number | null, policy = DEFAULT_POLICIES[rule.kind]): number {
  return evidence(recoveryTest(rule, days, frozenBaseline, policy), days);
}

/** The level over the window and how far past the threshold it is. */
export function read(rule: RuleThreshold, days: readonly DayTally[], baseline: number | null): Reading {
  const window = sumDays(days);
  const level = mean(window);
  const floor = VARIANCE_FLOOR[rule.kind];
  const n = rule.kind === 'dropoff_above' ? days.reduce((s, d) => s + Math.min(d.n, DROPOFF_DAY_CAP), 0) : window.n;
  const variance = rule.kind === 'dropoff_above' ? Math.max(floor, (level ?? 0) * (100 - (level ?? 0))) : answerVariance(window, floor);
  const se = n > 0 ? Math.sqrt(variance / n) : Infinity;
  if (level === null) return { value: null, previous: baseline, sample: window.n, badness: null, se };
  if (rule.kind === 'nps_drop') {
    if (baseline === null) return { value: null, previous: null, sample: window.n, badness: null, se };
    const fall = baseline - level;
    return { value: fall, previous: baseline, sample: window.n, badness: fall - rule.threshold, se };
  }
  if (rule.kind === 'nps_below') return { value: level, previous: baseline, sample: window.n, badness: rule.threshold - level, se };
  return { value: level, previous: baseline, sample: window.n, badness: level - rule.threshold, se };
}

/**
 * The days behind the current evidence of a fall (the alarm CUSUM's run), or the whole window when
 * there is none; `baseline` stands in for the nps_drop baseline (frozen at opening while open).
 */
function evidenceDays(rule: RuleThreshold, days: readonly DayTally[], baseline: Tally): readonly DayTally[] {
  const run = evidenceRun(alarmTest(rule, days, baseline), days);
  return run.value > 0 && run.start < days.length ? days.slice(run.start) : days;
}

/** The baseline tally with its mean moved to the frozen baseline (same spread), for nps_drop while open. */
function frozenTally(baseline: Tally, frozen: number | null): Tally {
  const m = mean(baseline);
  if (frozen === null || m === null) return baseline;
  const variance = baseline.sumSq / baseline.n - m * m;
  return { n: baseline.n, sum: frozen * baseline.n, sumSq: baseline.n * (variance + frozen * frozen) };
}

export interface OpenIncidentState {
  status: UnresolvedIncidentStatus;
  snoozedUntil: Date | null;
  /** badness at the last notification (opening or worsening). */
  notifiedBadness: number;
  worsenCount: number;
  /** Whether a resolution note was already posted for this incident (it re-opened since). */
  resolveNoted: boolean;
  /** Local day (rule's timezone) of the evaluation that opened (or re-opened) it: recovery counts the days from it. */
  openedDay: string;
  /** nps_drop: the baseline NPS at opening, the level it must come back to. */
  baseline: number | null;
}

export interface ResolvedIncidentState {
  resolvedAt: Date;
  /** Local day of the resolution: a new alarm counts only the days after it. */
  resolvedDay: string;
  resolveNoted: boolean;
}

export type Decision =
  | { type: 'none' }
  /** New incident: post once. */
  | { type: 'open'; badness: number; reading: Reading }
  /** Still open, not back: refresh the message silently (when the value moved). */
  | { type: 'update'; badness: number; reading: Reading }
  /** Still open and worse past the margin with 95% confidence: refresh, and one thread note. */
  | { type: 'worsen'; badness: number; reading: Reading }
  /** The evidence says the level is back: thread note (first time only) and message update. */
  | { type: 'resolve'; note: boolean; reading: Reading }
  /** Breached again within the cooldown of its resolution: same incident and message, no new post. */
  | { type: 'reopen'; badness: number; reading: Reading };

export function isSnoozed(state: OpenIncidentState, now: Date): boolean {
  return state.snoozedUntil !== null && state.snoozedUntil.getTime() > now.getTime();
}

/**
 * One evaluation of one rule on one touchpoint. `open` is the unresolved incident if any;
 * `lastResolved` the latest resolved one (for the cooldown and to start the evidence afresh).
 */
export function decide(
  rule: RuleThreshold,
  ev: SubjectEvidence,
  open: OpenIncidentState | null,
  lastResolved: ResolvedIncidentState | null,
  now: Date,
  policy: ThresholdPolicy = DEFAULT_POLICIES[rule.kind],
): Decision {
  const baselineMean = mean(ev.baseline);
  if (open) {
    const frozen = rule.kind === 'nps_drop' ? open.baseline : baselineMean;
    const reading = read(rule, evidenceDays(rule, ev.days, frozenTally(ev.baseline, frozen)), frozen);
    const since = ev.days.filter((d) => d.day >= open.openedDay);
    if (recoveryEvidence(rule, since, open.baseline, policy) >= policy.alarmH) return { type: 'resolve', note: !open.resolveNoted, reading };
    if (reading.badness === null) return { type: 'none' };
    // Worse means past the threshold by a further margin (an opening just inside the line does not lower the bar).
    const surelyWorse = reading.badness - Z95 * reading.se >= Math.max(0, open.notifiedBadness) + policy.worsenMargin;
    if (surelyWorse && open.worsenCount < policy.maxWorsenNotes && !isSnoozed(open, now)) {
      return { type: 'worsen', badness: reading.badness, reading };
    }
    return { type: 'update', badness: reading.badness, reading };
  }
  // After a resolution the evidence starts afresh: the days that opened the last incident do not count twice.
  const days = lastResolved ? ev.days.filter((d) => d.day > lastResolved.resolvedDay) : ev.days;
  const run = evidenceRun(alarmTest(rule, days, ev.baseline), days);
  if (run.value < policy.alarmH) return { type: 'none' };
  // The message shows the level over the days that made the evidence, not diluted by the good days before them.
  const reading = read(rule, days.slice(run.start), baselineMean);
  const badness = reading.badness ?? 0;
  if (lastResolved && now.getTime() - lastResolved.resolvedAt.getTime() < policy.cooldownMs) return { type: 'reopen', badness, reading };
  return { type: 'open', badness, reading };
}
