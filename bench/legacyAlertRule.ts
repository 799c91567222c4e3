/**
 * The alert rule as it was before evidence accumulated (kept only for the quality benchmark's
 * same-run comparison): the last N local days including today, compared with the N days before;
 * `nps_drop` also needs the fall significant at 95%; recovery once the value is back past a margin.
 */
import { npsFromCounts, significantDifference } from '../src/domain/scores.js';

export interface LegacyRule {
  kind: 'nps_below' | 'nps_drop';
  threshold: number;
  minSample: number;
}
export interface Window {
  promoters: number;
  detractors: number;
  n: number;
}
const POLICY = {
  nps_below: { hysteresis: 5, worsenMargin: 10, cooldownMs: 86_400_000 },
  nps_drop: { hysteresis: 3, worsenMargin: 10, cooldownMs: 86_400_000 },
};

interface Obs {
  value: number | null;
  sample: number;
  significant: boolean;
}

function observe(rule: LegacyRule, current: Window, previous: Window): Obs {
  const cur = npsFromCounts(current.promoters, current.detractors, current.n);
  const prev = npsFromCounts(previous.promoters, previous.detractors, previous.n);
  if (rule.kind === 'nps_below') return { value: cur.score, sample: current.n, significant: true };
  return {
    value: cur.score !== null && prev.score !== null ? prev.score - cur.score : null,
    sample: Math.min(current.n, previous.n),
    significant: cur.score !== null && prev.score !== null && significantDifference(cur.score, cur.se, prev.score, prev.se),
  };
}

function badness(rule: LegacyRule, o: Obs): number | null {
  if (o.value === null || o.sample < rule.minSample) return null;
  return rule.kind === 'nps_below' ? rule.threshold - o.value : o.value - rule.threshold;
}
function breached(rule: LegacyRule, o: Obs): boolean {
  const b = badness(rule, o);
  if (b === null || b <= 0) return false;
  return rule.kind === 'nps_drop' ? o.significant : true;
}
function recovered(rule: LegacyRule, o: Obs): boolean {
  const b = badness(rule, o);
  if (b === null) return false;
  if (rule.kind === 'nps_drop' && !o.significant && b <= 0) return true;
  return b <= -POLICY[rule.kind].hysteresis;
}

/** One subject's incident lifecycle under the legacy rule; counts what it posts. */
export class LegacySubject {
  open: { openedAt: number; notified: number; worsenCount: number; resolveNoted: boolean } | null = null;
  resolvedAt: number | null = null;
  resolveNoted = false;
  worsenCount = 0;
  notified = 0;
  /** Each new incident's opening time; messages = posts + thread notes; resolutions = times. */
  opens: number[] = [];
  messages: { at: number; kind: 'open' | 'worsen' | 'resolve' }[] = [];
  resolutions: number[] = [];

  constructor(private readonly rule: LegacyRule) {}

  step(current: Window, previous: Window, now: number): void {
    const o = observe(this.rule, current, previous);
    const b = badness(this.rule, o);
    const policy = POLICY[this.rule.kind];
    if (this.open) {
      if (recovered(this.rule, o)) {
        if (!this.resolveNoted) this.messages.push({ at: now, kind: 'resolve' });
        this.resolveNoted = true;
        this.resolutions.push(now);
        this.resolvedAt = now;
        this.open = null;
        return;
      }
      if (b === null || !breached(this.rule, o)) return;
      if (b >= this.notified + policy.worsenMargin && this.worsenCount < 1) {
        this.worsenCount++;
        this.notified = b;
        this.messages.push({ at: now, kind: 'worsen' });
      }
      return;
    }
    if (b === null || !breached(this.rule, o)) return;
    if (this.resolvedAt !== null && now - this.resolvedAt < policy.cooldownMs) {
      this.open = { openedAt: now, notified: b, worsenCount: this.worsenCount, resolveNoted: this.resolveNoted };
      this.notified = Math.max(this.notified, b);
      return;
    }
    this.open = { openedAt: now, notified: b, worsenCount: 0, resolveNoted: false };
    this.notified = b;
    this.worsenCount = 0;
    this.resolveNoted = false;
    this.opens.push(now);
    this.messages.push({ at: now, kind: 'open' });
  }
}
