import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICIES,
  badness,
  decide,
  isBreached,
  isRecovered,
  npsDropSignificant,
  npsFromCounts,
  type Decision,
  type OpenIncidentState,
  type ResolvedIncidentState,
  type RuleThreshold,
} from '../../src/domain/thresholds.js';

const below20: RuleThreshold = { kind: 'nps_below', threshold: 20, minSample: 30 };
const t0 = new Date('2026-11-25T00:00:00Z');
const openState = (over: Partial<OpenIncidentState> = {}): OpenIncidentState => ({
  status: 'open',
  snoozedUntil: null,
  notifiedBadness: 5,
  worsenCount: 0,
  resolveNoted: false,
  ...over,
});

describe('breach and recovery', () => {
  it('nps_below breaches strictly below, ignores small samples', () => {
    expect(isBreached(below20, { value: 19.9, sample: 30 })).toBe(true);
    expect(isBreached(below20, { value: 20, sample: 30 })).toBe(false);
    expect(isBreached(below20, { value: 0, sample: 29 })).toBe(false);
    expect(badness(below20, { value: 12, sample: 100 })).toBe(8);
  });

  it('resolves only past the hysteresis margin (5 points for NPS)', () => {
    const p = DEFAULT_POLICIES.nps_below;
    expect(isRecovered(below20, { value: 24.9, sample: 40 }, p)).toBe(false);
    expect(isRecovered(below20, { value: 25, sample: 40 }, p)).toBe(true);
    expect(isRecovered(below20, { value: 90, sample: 3 }, p)).toBe(false); // too small: no evidence
  });

  it('nps_drop needs significance; dropoff_above compares percent', () => {
    const drop: RuleThreshold = { kind: 'nps_drop', threshold: 10, minSample: 30 };
    expect(isBreached(drop, { value: 15, sample: 50, significant: false })).toBe(false);
    expect(isBreached(drop, { value: 15, sample: 50, significant: true })).toBe(true);
    const dropoff: RuleThreshold = { kind: 'dropoff_above', threshold: 40, minSample: 30 };
    expect(isBreached(dropoff, { value: 41, sample: 30 })).toBe(true);
    expect(isRecovered(dropoff, { value: 38.5, sample: 30 }, DEFAULT_POLICIES.dropoff_above)).toBe(false);
    expect(isRecovered(dropoff, { value: 38, sample: 30 }, DEFAULT_POLICIES.dropoff_above)).toBe(true);
  });
});

describe('decide', () => {
  it('opens, updates, worsens once, then only updates', () => {
    expect(decide(below20, { value: 15, sample: 40 }, null, null, t0)).toEqual({ type: 'open', badness: 5 });
    expect(decide(below20, { value: 12, sample: 40 }, openState(), null, t0)).toEqual({ type: 'update', badness: 8 });
    // 5 + 10 = 15 past the threshold → NPS 5 or lower worsens.
    expect(decide(below20, { value: 5, sample: 40 }, openState(), null, t0)).toEqual({ type: 'worsen', badness: 15 });
    expect(decide(below20, { value: -30, sample: 40 }, openState({ worsenCount: 1 }), null, t0)).toEqual({ type: 'update', badness: 50 });
  });

  it('does not note a worsening while snoozed', () => {
    const snoozed = openState({ status: 'snoozed', snoozedUntil: new Date(t0.getTime() + 3_600_000) });
    expect(decide(below20, { value: 0, sample: 40 }, snoozed, null, t0).type).toBe('update');
  });

  it('re-opens silently within the cooldown, opens anew after it', () => {
    const resolved: ResolvedIncidentState = { resolvedAt: new Date(t0.getTime() - 3_600_000), resolveNoted: true };
    expect(decide(below20, { value: 10, sample: 40 }, null, resolved, t0).type).toBe('reopen');
    const old: ResolvedIncidentState = { resolvedAt: new Date(t0.getTime() - 25 * 3_600_000), resolveNoted: true };
    expect(decide(below20, { value: 10, sample: 40 }, null, old, t0).type).toBe('open');
  });

  it('flapping around the threshold posts a bounded number of messages', () => {
    // A value alternating 18 / 26 every 15 minutes for a day: every swing crosses both lines.
    let open: OpenIncidentState | null = null;
    let resolved: ResolvedIncidentState | null = null;
    let posts = 0;
    const postsFor = (d: Decision) => (d.type === 'open' || d.type === 'worsen' || (d.type === 'resolve' && d.note) ? 1 : 0);
    for (let i = 0; i < 96; i++) {
      const now = new Date(t0.getTime() + i * 15 * 60_000);
      const d = decide(below20, { value: i % 2 === 0 ? 18 : 26, sample: 40 }, open, resolved, now);
      posts += postsFor(d);
      if (d.type === 'open' || d.type === 'reopen') {
        open = { status: 'open', snoozedUntil: null, notifiedBadness: d.badness, worsenCount: 0, resolveNoted: resolved?.resolveNoted ?? false };
        if (d.type === 'open') open.resolveNoted = false;
        resolved = null;
      } else if (d.type === 'resolve' && open) {
        resolved = { resolvedAt: now, resolveNoted: open.resolveNoted || d.note };
        open = null;
      }
    }
    // One alert and one resolution note, the remaining 94 swings are silent message updates.
    expect(posts).toBe(2);
  });
});

describe('NPS helpers', () => {
  it('computes NPS and its standard error by hand', () => {
    // 50 promoters, 20 detractors of 100: NPS 30; SE = 100·√((0.5 + 0.2 − 0.09)/100) = 100·√0.0061 ≈ 7.8102.
    const r = npsFromCounts(50, 20, 100);
    expect(r.score).toBeCloseTo(30, 10);
    expect(r.se).toBeCloseTo(7.8102, 3);
    expect(npsFromCounts(0, 0, 0).score).toBeNull();
  });

  it('judges a drop significant at 95%', () => {
    // Δ = 20 with combined SE √(7.81² + 7.81²) ≈ 11.05 → z ≈ 1.81: not significant; Δ = 25 → z ≈ 2.26: significant.
    expect(npsDropSignificant(10, 7.81, 30, 7.81)).toBe(false);
    expect(npsDropSignificant(5, 7.81, 30, 7.81)).toBe(true);
  });
});
