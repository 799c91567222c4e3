import { describe, expect, it } from 'vitest';
import {
  addDays,
  localDay,
  localWeekStart,
  parsePeriod,
  resolvePeriod,
  startOfLocalDay,
  utcOffsetMinutes,
  type PeriodSpec,
} from '../../src/domain/periods.js';

function spec(text: string): PeriodSpec {
  const r = parsePeriod(text);
  if (!r.ok) throw new Error(r.message);
  return r.spec;
}

/** Current and previous bounds as ISO strings, easy to compare by eye. */
function bounds(text: string, now: string, tz: string) {
  const w = resolvePeriod(spec(text), new Date(now), tz);
  return {
    current: [w.current.startDay, w.current.endDay, w.current.start.toISOString(), w.current.end.toISOString()],
    previous: [w.previous.startDay, w.previous.endDay, w.previous.start.toISOString(), w.previous.end.toISOString()],
  };
}

describe('parsePeriod', () => {
  it('accepts the documented forms and normalises them', () => {
    expect(spec('30d')).toEqual({ text: '30d', unit: 'day', count: 30, offset: 0 });
    expect(spec('３０Ｄ').text).toBe('30d');
    expect(spec(' Last Week ')).toEqual({ text: 'last-week', unit: 'week', count: 1, offset: 1 });
    expect(spec('12w').count).toBe(12);
    expect(spec('this_quarter').unit).toBe('quarter');
  });

  it('rejects bad input with a message naming the problem', () => {
    for (const bad of ['0d', '367d', '105w', 'month', '', '3x']) {
      const r = parsePeriod(bad);
      expect(r.ok).toBe(false);
    }
    const r = parsePeriod('400d');
    expect(r.ok === false && r.message).toContain('between 1 and 366');
    const r2 = parsePeriod('soon');
    expect(r2.ok === false && r2.message).toContain('30d');
  });
});

describe('resolvePeriod', () => {
  it('7d in Tokyo: the 7 local days ending today', () => {
    // 12:00Z = 21:00 JST on 10 March; days 4..10 March JST = 3 Mar 15:00Z .. 10 Mar 15:00Z.
    expect(bounds('7d', '2026-03-10T12:00:00Z', 'Asia/Tokyo')).toEqual({
      current: ['2026-03-04', '2026-03-11', '2026-03-03T15:00:00.000Z', '2026-03-10T15:00:00.000Z'],
      previous: ['2026-02-25', '2026-03-04', '2026-02-24T15:00:00.000Z', '2026-03-03T15:00:00.000Z'],
    });
  });

  it('7d across the New York spring-forward (8 March 2026): a 167-hour week', () => {
    // 4 March midnight EST = 05:00Z; 11 March midnight EDT = 04:00Z.
    const b = bounds('7d', '2026-03-10T12:00:00Z', 'America/New_York');
    expect(b.current).toEqual(['2026-03-04', '2026-03-11', '2026-03-04T05:00:00.000Z', '2026-03-11T04:00:00.000Z']);
    expect(b.previous.slice(2)).toEqual(['2026-02-25T05:00:00.000Z', '2026-03-04T05:00:00.000Z']);
  });

  it('last-month in Berlin spans the DST change; previous is the calendar month before', () => {
    // March 2026: 1 Mar 00:00 CET = 28 Feb 23:00Z; 1 Apr 00:00 CEST = 31 Mar 22:00Z. February before it.
    expect(bounds('last-month', '2026-04-15T10:00:00Z', 'Europe/Berlin')).toEqual({
      current: ['2026-03-01', '2026-04-01', '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z'],
      previous: ['2026-02-01', '2026-03-01', '2026-01-31T23:00:00.000Z', '2026-02-28T23:00:00.000Z'],
    });
  });

  it('this-week in Kolkata (+05:30) starts on the local Monday and is compared to date', () => {
    // 12 Mar 00:00Z = Thu 05:30 IST; this week so far = Mon 9..Thu 12 March (4 days, today included);
    // Monday 00:00 IST = 8 Mar 18:30Z, Friday 13 00:00 IST = 12 Mar 18:30Z.
    // Previous = the same 4 days of last week: Mon 2..Thu 5 March = [1 Mar 18:30Z, 5 Mar 18:30Z).
    expect(bounds('this-week', '2026-03-12T00:00:00Z', 'Asia/Kolkata')).toEqual({
      current: ['2026-03-09', '2026-03-13', '2026-03-08T18:30:00.000Z', '2026-03-12T18:30:00.000Z'],
      previous: ['2026-03-02', '2026-03-06', '2026-03-01T18:30:00.000Z', '2026-03-05T18:30:00.000Z'],
    });
  });

  it('this-month is month-to-date against the same days of the month before, never past its end', () => {
    // 10 March: 1..10 March vs 1..10 February.
    expect(bounds('this-month', '2026-03-10T12:00:00Z', 'UTC').current.slice(0, 2)).toEqual(['2026-03-01', '2026-03-11']);
    expect(bounds('this-month', '2026-03-10T12:00:00Z', 'UTC').previous.slice(0, 2)).toEqual(['2026-02-01', '2026-02-11']);
    // 31 March: 31 days so far, but February has 28: the whole of February.
    expect(bounds('this-month', '2026-03-31T12:00:00Z', 'UTC').previous.slice(0, 2)).toEqual(['2026-02-01', '2026-03-01']);
  });

  it('12w in Kathmandu (+05:45): the 12 ISO weeks ending with this one', () => {
    // This week 9..16 March; 84 days before 16 March is Monday 22 Dec 2025; 00:00 NPT = 21 Dec 18:15Z.
    const b = bounds('12w', '2026-03-12T00:00:00Z', 'Asia/Kathmandu');
    expect(b.current).toEqual(['2025-12-22', '2026-03-16', '2025-12-21T18:15:00.000Z', '2026-03-15T18:15:00.000Z']);
    expect(b.previous.slice(0, 2)).toEqual(['2025-09-29', '2025-12-22']);
  });

  it('quarters and month boundaries across a year', () => {
    expect(bounds('last-quarter', '2026-02-10T00:00:00Z', 'UTC').current.slice(0, 2)).toEqual(['2025-10-01', '2026-01-01']);
    expect(bounds('last-quarter', '2026-02-10T00:00:00Z', 'UTC').previous.slice(0, 2)).toEqual(['2025-07-01', '2025-10-01']);
    // this-quarter on 10 Feb: 1 Jan..10 Feb (41 days) vs the first 41 days of Q4: 1 Oct..10 Nov.
    expect(bounds('this-quarter', '2026-02-10T00:00:00Z', 'UTC').current.slice(0, 2)).toEqual(['2026-01-01', '2026-02-11']);
    expect(bounds('this-quarter', '2026-02-10T00:00:00Z', 'UTC').previous.slice(0, 2)).toEqual(['2025-10-01', '2025-11-11']);
    expect(bounds('last-month', '2026-01-15T00:00:00Z', 'UTC').previous.slice(0, 2)).toEqual(['2025-11-01', '2025-12-01']);
    expect(bounds('last-week', '2026-03-15T23:00:00Z', 'UTC').current.slice(0, 2)).toEqual(['2026-03-02', '2026-03-09']);
  });
});

describe('local day helpers', () => {
  it('puts 23:30 Tokyo time on the Tokyo day', () => {
    expect(localDay(new Date('2026-03-10T14:30:00Z'), 'Asia/Tokyo')).toBe('2026-03-10');
    expect(localDay(new Date('2026-03-10T15:30:00Z'), 'Asia/Tokyo')).toBe('2026-03-11');
  });

  it('finds the start of a day whose midnight is skipped (Santiago, 6 Sep 2026: 00:00 → 01:00)', () => {
    expect(startOfLocalDay('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(startOfLocalDay('2026-09-07', 'America/Santiago').toISOString()).toBe('2026-09-07T03:00:00.000Z');
  });

  it('does calendar arithmetic', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(localWeekStart('2026-03-15')).toBe('2026-03-09'); // Sunday → its Monday
    expect(localWeekStart('2026-03-09')).toBe('2026-03-09');
    expect(utcOffsetMinutes(new Date('2026-03-10T00:00:00Z'), 'Asia/Kathmandu')).toBe(345);
  });
});
