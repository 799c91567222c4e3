import { describe, expect, it } from 'vitest';
import { addTallies, cusum, dropOffTally, llrIncrement, npsTally, type DayTally } from '../../src/domain/alertEvidence.js';
import { evaluateSubjects, IncidentBook, type EngineRule } from '../../src/domain/alertEngine.js';
import { evidenceWindows } from '../../src/domain/alertWindows.js';
import {
  ALARM_H,
  alarmEvidence,
  decide,
  read,
  recoveryEvidence,
  type OpenIncidentState,
  type RuleThreshold,
  type SubjectEvidence,
} from '../../src/domain/thresholds.js';

/** `count` days from 2026-11-01 with the same answers each day. */
function days(count: number, promoters: number, detractors: number, n: number, from = 1): DayTally[] {
  return Array.from({ length: count }, (_, i) => ({ day: `2026-11-${String(from + i).padStart(2, '0')}`, ...npsTally(promoters, detractors, n) }));
}
/** 8 weeks at NPS 30: 4,400 answers, 2,200 promoters, 880 detractors. Per-answer variance 7000 − 30² = 6100. */
const BASELINE_30 = npsTally(2200, 880, 4400);
const drop15: RuleThreshold = { kind: 'nps_drop', threshold: 15, minSample: 30 };
const below20: RuleThreshold = { kind: 'nps_below', threshold: 20, minSample: 30 };
const now = new Date('2026-12-01T03:00:00Z');
const openState = (over: Partial<OpenIncidentState> = {}): OpenIncidentState => ({
  status: 'open',
  snoozedUntil: null,
  notifiedBadness: 0,
  worsenCount: 0,
  resolveNoted: false,
  openedDay: '2026-11-01',
  baseline: 30,
  ...over,
});

describe('evidence arithmetic', () => {
  it('one day of NPS 30 (100 answers) against "30 vs 15": (15 − 30)(3000 − 100·22.5)/6100 = −1.844', () => {
    expect(llrIncrement(npsTally(50, 20, 100), 30, 15, 6100)).toBeCloseTo(-1.8443, 4);
  });

  it('CUSUM forgets good days: [1, −3, 2, 2] → 1, 0, 2, 4', () => {
    expect(cusum([1, -3, 2, 2])).toBe(4);
    expect(cusum([])).toBe(0);
  });

  it('drop-off days weigh at most 400 customers: 1,000 reach, 500 go on, test 37.5 vs 42.5 → 0.4·5·(50000 − 40000)/2400 = 8.33', () => {
    const t = dropOffTally(1000, 500);
    expect(t).toEqual({ n: 1000, sum: 50_000, sumSq: 5_000_000 });
    expect(llrIncrement(t, 37.5, 42.5, 2400, 400)).toBeCloseTo(8.3333, 4);
    expect(dropOffTally(null, 5)).toEqual({ n: 0, sum: 0, sumSq: 0 });
  });

  it('evidence windows are completed local days: at 00:30 in Tokyo the last day is yesterday', () => {
    const w = evidenceWindows(new Date('2026-11-22T15:30:00Z'), 'Asia/Tokyo', 7, 56);
    expect(w.days.map((d) => d.startDay)).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);
    expect(w.days[6]?.end.toISOString()).toBe('2026-11-22T15:00:00.000Z');
    expect([w.baseline.startDay, w.baseline.endDay]).toEqual(['2026-09-21', '2026-11-16']);
  });
});

describe('nps_drop: a fall of the rule\'s points against an 8-week baseline', () => {
  // A day of 80 answers at NPS 10 (36 P, 28 D) against baseline 30, rule 15: (15 − 30)(800 − 80·22.5)/6100 = +2.459 a day.
  const fallen = (n: number) => days(n, 36, 28, 80);

  // Scale 2 (vs 0) adds −30·(800 − 1200)/6100 = 1.967 a day, scale 4 (vs −30) loses: scale 1 decides.
  it('needs three such days (7.38 ≥ 6.5), not two (4.92)', () => {
    expect(ALARM_H).toBe(6.5);
    expect(alarmEvidence(drop15, fallen(2), BASELINE_30)).toBeCloseTo(4.918, 3);
    expect(alarmEvidence(drop15, fallen(3), BASELINE_30)).toBeCloseTo(7.377, 3);
    expect(decide(drop15, { days: fallen(2), baseline: BASELINE_30 }, null, null, now).type).toBe('none');
    const d = decide(drop15, { days: fallen(3), baseline: BASELINE_30 }, null, null, now);
    expect(d).toMatchObject({ type: 'open', badness: 5, reading: { value: 20, previous: 30, sample: 240 } });
  });

  it('a steady touchpoint at its baseline gathers no evidence', () => {
    expect(alarmEvidence(drop15, days(7, 40, 16, 80), BASELINE_30)).toBe(0);
  });

  it('no judgement without a baseline or with too few answers', () => {
    expect(alarmEvidence(drop15, fallen(7), npsTally(5, 1, 10))).toBe(0);
    expect(alarmEvidence({ ...drop15, minSample: 1000 }, fallen(7), BASELINE_30)).toBe(0);
  });

  it('resolves only when the level is back: six days at NPS 30 (1.239 a day), never while it stays down', () => {
    // Recovery test "15 vs 36" (midpoint 30 − 7.5 + 3 = 25.5), a day at NPS 30 (40 P, 16 D, variance 6100): 21·(2400 − 2040)/6100 = 1.239.
    const back = (n: number) => days(n, 40, 16, 80, 2);
    expect(recoveryEvidence(drop15, back(5), 30)).toBeCloseTo(6.197, 3);
    expect(recoveryEvidence(drop15, back(6), 30)).toBeCloseTo(7.436, 3);
    const open = openState({ baseline: 30 });
    expect(decide(drop15, { days: back(5), baseline: BASELINE_30 }, open, null, now).type).toBe('update');
    expect(decide(drop15, { days: back(6), baseline: BASELINE_30 }, open, null, now)).toMatchObject({ type: 'resolve', note: true });
    // Still 15 down, even when the baseline has caught up with the new level (baseline now NPS 15): never "recovered".
    const stillDown = days(28, 34, 22, 80, 1);
    expect(decide(drop15, { days: stillDown, baseline: npsTally(1870, 1210, 4400) }, open, null, now).type).toBe('update');
  });

  it('days before the incident opened do not count towards its recovery', () => {
    const open = openState({ openedDay: '2026-11-05' });
    // 6 good days, 3 of them before opening: only 3 count (3.718 < 7).
    expect(decide(drop15, { days: days(6, 40, 16, 80, 2), baseline: BASELINE_30 }, open, null, now).type).toBe('update');
  });

  it('a worsening notes once, only when worse by the margin with 95% confidence', () => {
    // 7 days at NPS −20 (24 P, 40 D of 80): fall 50, badness 35; variance 8000 − 400 = 7600, se √(7600/560) = 3.684,
    // lower bound 35 − 1.96·3.684 = 27.8 ≥ 0 + 10.
    const worse = days(7, 24, 40, 80);
    expect(decide(drop15, { days: worse, baseline: BASELINE_30 }, openState(), null, now)).toMatchObject({ type: 'worsen', badness: 35 });
    expect(decide(drop15, { days: worse, baseline: BASELINE_30 }, openState({ notifiedBadness: 20 }), null, now).type).toBe('update');
    expect(decide(drop15, { days: worse, baseline: BASELINE_30 }, openState({ worsenCount: 1 }), null, now).type).toBe('update');
  });
});

describe('nps_below and dropoff_above', () => {
  it('nps_below 20 at NPS 0 (20 P, 20 D of 80, variance 5000): the strongest scale decides; opens on day 2', () => {
    // All is well at 25. Scale 1 (vs 15): −10·(0 − 80·20)/5000 = 3.2 a day; scale 2 (vs 5): −20·(0 − 80·15)/5000 = 4.8;
    // scale 4 (vs −15): −40·(0 − 80·5)/5000 = 3.2.
    expect(alarmEvidence(below20, days(1, 20, 20, 80), BASELINE_30)).toBeCloseTo(4.8, 6);
    expect(alarmEvidence(below20, days(2, 20, 20, 80), BASELINE_30)).toBeCloseTo(9.6, 6);
    expect(decide(below20, { days: days(1, 20, 20, 80), baseline: BASELINE_30 }, null, null, now).type).toBe('none');
    expect(decide(below20, { days: days(2, 20, 20, 80), baseline: BASELINE_30 }, null, null, now)).toMatchObject({ type: 'open', badness: 20 });
  });

  it('dropoff_above 40 at 50% for a day opens; a resolution restarts the evidence after its day', () => {
    const rule: RuleThreshold = { kind: 'dropoff_above', threshold: 40, minSample: 30 };
    const day = (d: string, reached: number): DayTally => ({ day: d, ...dropOffTally(1000, reached) });
    const ev: SubjectEvidence = { days: [day('2026-11-01', 500), day('2026-11-02', 600)], baseline: addTallies([]) };
    expect(decide(rule, ev, null, null, now)).toMatchObject({ type: 'open', reading: { value: 45, sample: 2000 } });
    // Resolved on 2 Nov: the 1 Nov day no longer counts, 2 Nov alone (40%) is no evidence.
    expect(decide(rule, ev, null, { resolvedAt: new Date('2026-11-02T10:00:00Z'), resolvedDay: '2026-11-01', resolveNoted: true }, now).type).toBe('none');
    // Within 7 days of the resolution, a fresh breach re-opens silently.
    const again: SubjectEvidence = { days: [day('2026-11-02', 500)], baseline: addTallies([]) };
    expect(decide(rule, again, null, { resolvedAt: new Date('2026-12-01T00:00:00Z'), resolvedDay: '2026-11-01', resolveNoted: true }, now).type).toBe('reopen');
  });

  it('read() states the distance past the threshold: nps_drop 15 with a 20-point fall is 5 past', () => {
    expect(read(drop15, days(7, 36, 28, 80), 30)).toMatchObject({ value: 20, badness: 5, previous: 30 });
  });
});

describe('the evaluation step and the in-memory book', () => {
  it('one incident and one message for a sustained fall checked every 15 minutes for a week', () => {
    const rule: EngineRule = { id: 1, kind: 'nps_drop', threshold: 15, minSample: 30, timezone: 'UTC', windowDays: 7 };
    const book = new IncidentBook();
    const start = Date.parse('2026-11-04T00:00:00Z');
    for (let t = start; t < start + 7 * 86_400_000; t += 15 * 60_000) {
      const today = new Date(t).toISOString().slice(0, 10);
      // Days 1..3 Nov were at NPS 10; every later completed day too.
      const completed = days(30, 36, 28, 80).filter((d) => d.day < today).slice(-7);
      const decisions = evaluateSubjects([rule], [{ ruleId: 1, touchpointId: 7, evidence: { days: completed, baseline: BASELINE_30 } }], book.stateOf, new Date(t));
      book.apply(decisions, new Date(t));
    }
    expect(book.incidents).toHaveLength(1);
    expect(book.incidents[0]).toMatchObject({ touchpointId: 7, openedAt: new Date(start), resolvedAt: null, messages: 1 });
  });
});
