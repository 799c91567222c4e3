import { describe, expect, it } from 'vitest';
import { alertWindows, ruleTimezone, windowGroupKey } from '../../src/domain/alertWindows.js';

/** Current and previous windows as [startDay, endDay, start, end], easy to check by eye. */
function show(now: string, tz: string, days: number) {
  const w = alertWindows(new Date(now), tz, days);
  const p = (x: typeof w.current) => [x.startDay, x.endDay, x.start.toISOString(), x.end.toISOString()];
  return { current: p(w.current), previous: p(w.previous) };
}

describe('alertWindows', () => {
  it('a Tokyo rule at 00:30 local counts the new local day (still the day before in UTC)', () => {
    // 2026-11-22T15:30Z = 23 Nov 00:30 JST. 7 local days 17..23 Nov JST = 16 Nov 15:00Z .. 23 Nov 15:00Z.
    expect(show('2026-11-22T15:30:00Z', 'Asia/Tokyo', 7)).toEqual({
      current: ['2026-11-17', '2026-11-24', '2026-11-16T15:00:00.000Z', '2026-11-23T15:00:00.000Z'],
      previous: ['2026-11-10', '2026-11-17', '2026-11-09T15:00:00.000Z', '2026-11-16T15:00:00.000Z'],
    });
    // The same instant for a UTC rule: still 22 Nov, so 16..22 Nov.
    expect(show('2026-11-22T15:30:00Z', 'UTC', 7).current).toEqual(['2026-11-16', '2026-11-23', '2026-11-16T00:00:00.000Z', '2026-11-23T00:00:00.000Z']);
  });

  it('half-hour zones and one-day windows: Kolkata (UTC+5:30), 1d', () => {
    // 2026-11-22T19:00Z = 23 Nov 00:30 IST: today is 23 Nov = 22 Nov 18:30Z .. 23 Nov 18:30Z.
    expect(show('2026-11-22T19:00:00Z', 'Asia/Kolkata', 1)).toEqual({
      current: ['2026-11-23', '2026-11-24', '2026-11-22T18:30:00.000Z', '2026-11-23T18:30:00.000Z'],
      previous: ['2026-11-22', '2026-11-23', '2026-11-21T18:30:00.000Z', '2026-11-22T18:30:00.000Z'],
    });
  });

  it('a window across a DST change is 7 local days, not 168 hours (New York, fall back 1 Nov 2026)', () => {
    // 3 Nov 12:00Z = 07:00 EST. 28 Oct..3 Nov: 28 Oct 00:00 EDT = 04:00Z; 4 Nov 00:00 EST = 05:00Z (169 h).
    const w = alertWindows(new Date('2026-11-03T12:00:00Z'), 'America/New_York', 7);
    expect(w.current.start.toISOString()).toBe('2026-10-28T04:00:00.000Z');
    expect(w.current.end.toISOString()).toBe('2026-11-04T05:00:00.000Z');
    expect((w.current.end.getTime() - w.current.start.getTime()) / 3_600_000).toBe(169);
    expect(w.previous.end).toEqual(w.current.start);
  });
});

describe('ruleTimezone and windowGroupKey', () => {
  it('old rules (null) and unknown names are UTC; rules group by timezone and window', () => {
    expect(ruleTimezone(null)).toBe('UTC');
    expect(ruleTimezone('')).toBe('UTC');
    expect(ruleTimezone('Mars/Olympus')).toBe('UTC');
    expect(ruleTimezone('Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(windowGroupKey('Asia/Tokyo', 7)).toBe(windowGroupKey('Asia/Tokyo', 7));
    expect(windowGroupKey('Asia/Tokyo', 7)).not.toBe(windowGroupKey('Asia/Tokyo', 14));
  });
});
