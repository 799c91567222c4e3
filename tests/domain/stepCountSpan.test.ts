import { describe, expect, it } from 'vitest';
import { parsePeriod, resolvePeriod, stepCountSpan } from '../../src/domain/periods.js';

function windowOf(text: string, now: string, tz = 'Asia/Tokyo') {
  const r = parsePeriod(text);
  if (!r.ok) throw new Error(r.message);
  return resolvePeriod(r.spec, new Date(now), tz);
}
const days = (p: { startDay: string; endDay: string }) => [p.startDay, p.endDay];

describe('stepCountSpan: funnel figures only over days that have step counts', () => {
  it('30d at 05:00 in Tokyo on 1 Dec with counts through 30 Nov: 29 days against the 29 days before', () => {
    const w = windowOf('30d', '2026-11-30T20:00:00Z'); // 05:00 JST on 1 Dec
    expect(days(w.current)).toEqual(['2026-11-02', '2026-12-02']);
    const s = stepCountSpan(w, '2026-11-30');
    expect(s.through).toBe('2026-11-30');
    expect(days(s.current)).toEqual(['2026-11-02', '2026-12-01']);
    // 2 Nov − 29 days = 4 Oct; the previous span ends where the current one starts.
    expect(days(s.previous)).toEqual(['2026-10-04', '2026-11-02']);
    expect(s.current.end.toISOString()).toBe('2026-11-30T15:00:00.000Z');
  });

  it('the same 30d in New York, where 30 Nov is still today: nothing is cut', () => {
    const w = windowOf('30d', '2026-11-30T20:00:00Z', 'America/New_York'); // 15:00 EST on 30 Nov
    const s = stepCountSpan(w, '2026-11-30');
    expect(s.through).toBeNull();
    expect(s.current).toEqual(w.current);
    expect(s.previous).toEqual(w.previous);
  });

  it('this-month on 10 March with counts through 8 March: 1–8 March against 1–8 February', () => {
    const w = windowOf('this-month', '2026-03-10T03:00:00Z');
    const s = stepCountSpan(w, '2026-03-08');
    expect(days(s.current)).toEqual(['2026-03-01', '2026-03-09']);
    expect(days(s.previous)).toEqual(['2026-02-01', '2026-02-09']);
  });

  it('no counts in the period, or counts for every day: the window as it is', () => {
    const w = windowOf('7d', '2026-03-10T03:00:00Z');
    expect(stepCountSpan(w, null)).toEqual({ current: w.current, previous: w.previous, through: null });
    expect(stepCountSpan(w, '2026-03-10').through).toBeNull();
  });
});
