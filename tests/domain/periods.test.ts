import { describe, expect, it } from 'vitest';
import {
  addDays,
  englishPeriodText,
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

  it('reads Japanese period words as their English form', () => {
    expect(spec('7日')).toEqual({ text: '7d', unit: 'day', count: 7, offset: 0 });
    expect(spec('30日').text).toBe('30d');
    expect(spec('30日間').text).toBe('30d');
    expect(spec('３０日').text).toBe('30d');
    expect(spec('過去90日間').text).toBe('90d');
    expect(spec('12週')).toEqual({ text: '12w', unit: 'week', count: 12, offset: 0 });
    expect(spec('１２週間').text).toBe('12w');
    expect(spec('今週')).toEqual({ text: 'this-week', unit: 'week', count: 1, offset: 0 });
    expect(spec('先週')).toEqual({ text: 'last-week', unit: 'week', count: 1, offset: 1 });
    expect(spec('今月')).toEqual({ text: 'this-month', unit: 'month', count: 1, offset: 0 });
    expect(spec(' 先月 ')).toEqual({ text: 'last-month', unit: 'month', count: 1, offset: 1 });
    expect(spec('今四半期')).toEqual({ text: 'this-quarter', unit: 'quarter', count: 1, offset: 0 });
    expect(spec('前四半期')).toEqual({ text: 'last-quarter', unit: 'quarter', count: 1, offset: 1 });
    expect(englishPeriodText('先月')).toBe('last-month');
    expect(englishPeriodText('400日')).toBe('400d');
    expect(englishPeriodText('購入')).toBe('購入');
  });

  it('checks Japanese counts against the same limits', () => {
    const r = parsePeriod('400日');
    expect(r.ok === false && r.message).toContain('between 1 and 366');
    expect(parsePeriod('105週間').ok).toBe(false);
    expect(parsePeriod('0日').ok).toBe(false);
    expect(parsePeriod('日').ok).toBe(false);
    expect(parsePeriod('来月').ok).toBe(false);
  });

  it('resolves 先月 exactly like last-month', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(resolvePeriod(spec('先月'), now, 'Asia/Tokyo')).toEqual(resolvePeriod(spec('last-month'), now, 'Asia/Tokyo'));
    // November 2026 in Tokyo: 1 Nov 00:00 JST = 31 Oct 15:00Z .. 1 Dec 00:00 JST = 30 Nov 15:00Z.
    const w = resolvePeriod(spec('先月'), now, 'Asia/Tokyo');
    expect([w.spec, w.current.startDay, w.current.endDay, w.current.start.toISOString()]).toEqual(['last-month', '2026-11-01', '2026-12-01', '2026-10-31T15:00:00.000Z']);
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

  it('12w in Kathmandu (+05:45): the 12 ISO weeks ending with this one, to date', () => {
    // This week 9..16 March; 84 days before 16 March is Monday 22 Dec 2025; 00:00 NPT = 21 Dec 18:15Z.
    // Now is Thu 12 March 05:45 NPT, so the period ends with today: [22 Dec, 13 Mar), 10 + 31 + 28 + 12 = 81 days;
    // 13 Mar 00:00 NPT = 12 Mar 18:15Z.
    const b = bounds('12w', '2026-03-12T00:00:00Z', 'Asia/Kathmandu');
    expect(b.current).toEqual(['2025-12-22', '2026-03-13', '2025-12-21T18:15:00.000Z', '2026-03-12T18:15:00.000Z']);
    // The 12 weeks before start Mon 29 Sep; their first 81 days: 29 Sep + 2 + 31 + 30 + 18 = 19 Dec (exclusive).
    expect(b.previous.slice(0, 2)).toEqual(['2025-09-29', '2025-12-19']);
  });

  it('12w on Tuesday 1 December 2026 ends today, not on Sunday 6 December (Tokyo)', () => {
    // 12:00Z = 21:00 JST, Tue 1 Dec. ISO week Mon 30 Nov..Sun 6 Dec; 12 weeks = Mon 14 Sep..Sun 6 Dec,
    // cut to today: [14 Sep, 2 Dec) = 17 + 31 + 30 + 1 = 79 days (Sep 14..30, Oct, Nov, Dec 1).
    // 14 Sep 00:00 JST = 13 Sep 15:00Z; 2 Dec 00:00 JST = 1 Dec 15:00Z.
    // Previous 12 weeks start 84 days before 14 Sep = Mon 22 Jun; its first 79 days: 22 Jun + 9 (to 1 Jul)
    // + 31 + 31 = 1 Sep (71 days), + 8 = 9 Sep (exclusive), i.e. 22 Jun..8 Sep.
    expect(bounds('12w', '2026-12-01T12:00:00Z', 'Asia/Tokyo')).toEqual({
      current: ['2026-09-14', '2026-12-02', '2026-09-13T15:00:00.000Z', '2026-12-01T15:00:00.000Z'],
      previous: ['2026-06-22', '2026-09-09', '2026-06-21T15:00:00.000Z', '2026-09-08T15:00:00.000Z'],
    });
  });

  it('12w on Tuesday 1 December 2026 in New York: same days, EDT start and EST end', () => {
    // 12:00Z = 07:00 EST, Tue 1 Dec. 14 Sep 00:00 EDT (-4) = 04:00Z; 2 Dec 00:00 EST (-5) = 05:00Z
    // (clocks fell back on 1 Nov). Previous: 22 Jun and 9 Sep are both EDT, 04:00Z.
    expect(bounds('12w', '2026-12-01T12:00:00Z', 'America/New_York')).toEqual({
      current: ['2026-09-14', '2026-12-02', '2026-09-14T04:00:00.000Z', '2026-12-02T05:00:00.000Z'],
      previous: ['2026-06-22', '2026-09-09', '2026-06-22T04:00:00.000Z', '2026-09-09T04:00:00.000Z'],
    });
  });

  it('12w on a Sunday is 12 whole weeks against 12 whole weeks', () => {
    // Sun 6 Dec 2026: the week is complete at the end of today, so [14 Sep, 7 Dec) vs [22 Jun, 14 Sep).
    const b = bounds('12w', '2026-12-06T12:00:00Z', 'UTC');
    expect(b.current.slice(0, 2)).toEqual(['2026-09-14', '2026-12-07']);
    expect(b.previous.slice(0, 2)).toEqual(['2026-06-22', '2026-09-14']);
  });

  it('2w on a Monday: the whole of last week and today, against 8 days from the start of the 2 weeks before', () => {
    // Mon 30 Nov 2026: [23 Nov, 1 Dec) = 8 days; previous starts 9 Nov, 8 days → [9 Nov, 17 Nov).
    const b = bounds('2w', '2026-11-30T00:30:00Z', 'UTC');
    expect(b.current.slice(0, 2)).toEqual(['2026-11-23', '2026-12-01']);
    expect(b.previous.slice(0, 2)).toEqual(['2026-11-09', '2026-11-17']);
  });

  it('no period ends after the end of today', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    for (const tz of ['Asia/Tokyo', 'America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      const tomorrow = addDays(localDay(now, tz), 1);
      for (const text of ['1d', '7d', '30d', '1w', '12w', '104w', 'this-week', 'last-week', 'this-month', 'last-month', 'this-quarter', 'last-quarter']) {
        const w = resolvePeriod(spec(text), now, tz);
        expect(w.current.endDay <= tomorrow, `${text} in ${tz}`).toBe(true);
        expect(w.current.end.getTime()).toBeLessThanOrEqual(startOfLocalDay(tomorrow, tz).getTime());
        expect(w.previous.endDay <= w.current.startDay, `${text} in ${tz}`).toBe(true);
      }
    }
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
