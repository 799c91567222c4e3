/**
 * When an alert rule opens, updates, worsens, resolves or re-opens an incident. Pure.
 *
 * Alert fatigue is the enemy, so every notification is bounded:
 * - resolving needs the value back past the threshold by a hysteresis margin (no flip-flop at the line);
 * - a worsening past a further margin posts once in the thread (maxWorsenNotes);
 * - a breach within the cooldown after a resolution re-opens the same incident and message
 *   silently instead of posting a new alert;
 * - a resolution posts its thread note once per incident, however often it re-opens.
 * So one rule on one touchpoint posts at most 1 + maxWorsenNotes + 1 messages per incident,
 * and a new incident only after a full cooldown without a breach.
 */

import type { AlertKind, UnresolvedIncidentStatus } from './enums.js';
import { npsFromCounts, significantDifference } from './scores.js';

export { ALERT_KINDS, type AlertKind } from './enums.js';

export interface ThresholdPolicy {
  /** How far back past the threshold the value must come to resolve (same unit as the threshold). */
  hysteresis: number;
  /** How much further past the last notified level counts as worsening. */
  worsenMargin: number;
  /** Thread notes about worsening per incident. */
  maxWorsenNotes: number;
  /** After a resolution, a new breach within this time re-opens the incident silently. */
  cooldownMs: number;
}

const DAY = 86_400_000;
export const DEFAULT_POLICIES: Record<AlertKind, ThresholdPolicy> = {
  nps_below: { hysteresis: 5, worsenMargin: 10, maxWorsenNotes: 1, cooldownMs: DAY },
  nps_drop: { hysteresis: 3, worsenMargin: 10, maxWorsenNotes: 1, cooldownMs: DAY },
  dropoff_above: { hysteresis: 2, worsenMargin: 5, maxWorsenNotes: 1, cooldownMs: DAY },
};

export interface Observation {
  /** nps_below: NPS; nps_drop: previous − current NPS (points fallen); dropoff_above: drop-off %. null = no data. */
  value: number | null;
  /** Answers (NPS) or customers reaching the previous step (drop-off) behind the value. */
  sample: number;
  /** nps_drop only: whether the fall is significant at 95%. */
  significant?: boolean;
}

export interface RuleThreshold {
  kind: AlertKind;
  threshold: number;
  minSample: number;
}

/** How far past the threshold, in the bad direction (> 0 = breached side). null when not judgeable. */
export function badness(rule: RuleThreshold, obs: Observation): number | null {
  if (obs.value === null || obs.sample < rule.minSample) return null;
  if (rule.kind === 'nps_below') return rule.threshold - obs.value;
  return obs.value - rule.threshold;
}

export function isBreached(rule: RuleThreshold, obs: Observation): boolean {
  const b = badness(rule, obs);
  if (b === null || b <= 0) return false;
  // A fall that could be noise does not alert: only one significant at 95% counts.
  if (rule.kind === 'nps_drop') return obs.significant === true;
  return true;
}

export function isRecovered(rule: RuleThreshold, obs: Observation, policy: ThresholdPolicy): boolean {
  const b = badness(rule, obs);
  // Too small a sample is no evidence either way: the incident stays as it is.
  if (b === null) return false;
  // A fall that is no longer significant and no larger than the threshold is over.
  if (rule.kind === 'nps_drop' && obs.significant !== true && b <= 0) return true;
  return b <= -policy.hysteresis;
}

export interface OpenIncidentState {
  status: UnresolvedIncidentStatus;
  snoozedUntil: Date | null;
  /** badness at the last notification (opening or worsening). */
  notifiedBadness: number;
  worsenCount: number;
  /** Whether a resolution note was already posted for this incident (it re-opened since). */
  resolveNoted: boolean;
}

export interface ResolvedIncidentState {
  resolvedAt: Date;
  resolveNoted: boolean;
}

export type Decision =
  | { type: 'none' }
  /** New incident: post once. */
  | { type: 'open'; badness: number }
  /** Still breached: refresh the message silently (value changed). */
  | { type: 'update'; badness: number }
  /** Still breached and clearly worse: refresh, and one thread note. */
  | { type: 'worsen'; badness: number }
  /** Back past threshold + hysteresis: thread note (first time only) and message update. */
  | { type: 'resolve'; note: boolean }
  /** Breached again within the cooldown of its resolution: same incident and message, no new post. */
  | { type: 'reopen'; badness: number };

export function isSnoozed(state: OpenIncidentState, now: Date): boolean {
  return state.snoozedUntil !== null && state.snoozedUntil.getTime() > now.getTime();
}

/**
 * One evaluation of one rule on one subject.
 * `open` is the unresolved incident if any; `lastResolved` the latest resolved one (for the cooldown).
 */
export function decide(
  rule: RuleThreshold,
  obs: Observation,
  open: OpenIncidentState | null,
  lastResolved: ResolvedIncidentState | null,
  now: Date,
  policy: ThresholdPolicy = DEFAULT_POLICIES[rule.kind],
): Decision {
  const b = badness(rule, obs);
  if (open) {
    if (isRecovered(rule, obs, policy)) return { type: 'resolve', note: !open.resolveNoted };
    if (b === null || !isBreached(rule, obs)) return { type: 'none' };
    const worse = b >= open.notifiedBadness + policy.worsenMargin;
    if (worse && open.worsenCount < policy.maxWorsenNotes && !isSnoozed(open, now)) return { type: 'worsen', badness: b };
    return { type: 'update', badness: b };
  }
  if (b === null || !isBreached(rule, obs)) return { type: 'none' };
  if (lastResolved && now.getTime() - lastResolved.resolvedAt.getTime() < policy.cooldownMs) {
    return { type: 'reopen', badness: b };
  }
  return { type: 'open', badness: b };
}

/** Two-sided significance at 95% of the difference of two NPS values with their standard errors. */
export function npsDropSignificant(current: number, currentSe: number, previous: number, previousSe: number): boolean {
  return significantDifference(current, currentSe, previous, previousSe);
}

export { npsFromCounts } from './scores.js';

export interface SubjectCounts {
  current: { promoters: number; detractors: number; n: number };
  previous: { promoters: number; detractors: number; n: number };
  /** Customers reaching the step, and the step before it (drop-off rules). */
  reached: { current: number | null; previous: number | null };
  reachedBefore: { current: number | null; previous: number | null };
}

export interface ObservedValue extends Observation {
  /** The same measure in the window before (NPS for the NPS kinds, drop-off % for dropoff_above). */
  previousValue: number | null;
  /** Current NPS (NPS kinds) or drop-off % (dropoff_above), for display. */
  currentValue: number | null;
}

/** Drop-off in percent from the step before: 100·(1 − reached / reachedBefore). */
export function dropOffPercent(reached: number | null, before: number | null): number | null {
  if (reached === null || before === null || before <= 0) return null;
  return 100 * (1 - reached / before);
}

/** Turns a subject's counts into the value the rule compares with its threshold. */
export function observe(kind: AlertKind, c: SubjectCounts): ObservedValue {
  if (kind === 'dropoff_above') {
    const cur = dropOffPercent(c.reached.current, c.reachedBefore.current);
    return {
      value: cur,
      sample: c.reachedBefore.current ?? 0,
      currentValue: cur,
      previousValue: dropOffPercent(c.reached.previous, c.reachedBefore.previous),
    };
  }
  const cur = npsFromCounts(c.current.promoters, c.current.detractors, c.current.n);
  const prev = npsFromCounts(c.previous.promoters, c.previous.detractors, c.previous.n);
  if (kind === 'nps_below') return { value: cur.score, sample: c.current.n, currentValue: cur.score, previousValue: prev.score };
  return {
    value: cur.score !== null && prev.score !== null ? prev.score - cur.score : null,
    // Both windows must be large enough to judge a change.
    sample: Math.min(c.current.n, c.previous.n),
    significant: cur.score !== null && prev.score !== null && npsDropSignificant(cur.score, cur.se, prev.score, prev.se),
    currentValue: cur.score,
    previousValue: prev.score,
  };
}
