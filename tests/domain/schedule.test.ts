import { describe, expect, it } from 'vitest';
import { localToInstant, utcOffsetMinutes } from '../../src/domain/localTime.js';
import {
  digestPeriodFor,
  nextFireTime,
  parseClock,
  previousFireTime,
  weekdayFromName,
  type WeeklySchedule,
} from '../../src/domain/schedule.js';

const iso = (d: Date) => d.toISOString();

describe('localToInstant', () => {
  it('handles half- and quarter-hour offsets', () => {
    // Asia/Kolkata is UTC+05:30, Asia/Kathmandu UTC+05:45 (no DST).
    expect(iso(localToInstant('2026-11-23', 9, 0, 'Asia/Kolkata'))).toBe('2026-11-23T03:30:00.000Z');
    expect(iso(localToInstant('2026-11-23', 9, 0, 'Asia/Kathmandu'))).toBe('2026-11-23T03:15:00.000Z');
    expect(utcOffsetMinutes(new Date('2026-06-01T00:00:00Z'), 'Asia/Kathmandu')).toBe(345);
  });

  it('shifts a time in the spring-forward gap past the gap', () => {
    // 2026-03-08: New York jumps from 02:00 EST to 03:00 EDT; 02:30 does not exist → 03:30 EDT = 07:30Z.
    expect(iso(localToInstant('2026-03-08', 2, 30, 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
  });

  it('takes the first of a repeated fall-back time', () => {
    // 2026-11-01: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(iso(localToInstant('2026-11-01', 1, 30, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('weekly fire times', () => {
  const ny = (weekday: WeeklySchedule['weekday'], hour: number, minute: number): WeeklySchedule => ({
    weekday,
    hour,
    minute,
    timezone: 'America/New_York',
  });

  it('fires once on the fall-back Sunday, then a week later in standard time', () => {
    const s = ny(7, 1, 30);
    const first = nextFireTime(s, new Date('2026-10-31T12:00:00Z'));
    expect(iso(first)).toBe('2026-11-01T05:30:00.000Z');
    // The second 01:30 (06:30Z) is not a fire time: next is Nov 8 01:30 EST = 06:30Z.
    expect(iso(nextFireTime(s, first))).toBe('2026-11-08T06:30:00.000Z');
    expect(iso(previousFireTime(s, new Date('2026-11-01T06:45:00Z')))).toBe('2026-11-01T05:30:00.000Z');
  });

  it('fires in the spring-forward gap exactly once, after the gap', () => {
    const s = ny(7, 2, 30);
    expect(iso(nextFireTime(s, new Date('2026-03-07T00:00:00Z')))).toBe('2026-03-08T07:30:00.000Z');
    expect(iso(nextFireTime(s, new Date('2026-03-08T07:30:00Z')))).toBe('2026-03-15T06:30:00.000Z');
  });

  it('keeps local 09:00 across a DST change', () => {
    const s = ny(1, 9, 0);
    expect(iso(nextFireTime(s, new Date('2026-10-27T00:00:00Z')))).toBe('2026-11-02T14:00:00.000Z'); // EST
    expect(iso(nextFireTime(s, new Date('2026-10-20T00:00:00Z')))).toBe('2026-10-26T13:00:00.000Z'); // EDT
  });

  it('previous fire time is the latest one at or before now', () => {
    const s: WeeklySchedule = { weekday: 1, hour: 9, minute: 0, timezone: 'Asia/Kolkata' };
    expect(iso(previousFireTime(s, new Date('2026-11-23T03:30:00Z')))).toBe('2026-11-23T03:30:00.000Z');
    expect(iso(previousFireTime(s, new Date('2026-11-23T03:29:59Z')))).toBe('2026-11-16T03:30:00.000Z');
    expect(iso(previousFireTime(s, new Date('2026-11-25T13:00:00Z')))).toBe('2026-11-23T03:30:00.000Z');
  });
});

describe('digest period', () => {
  it('covers the seven local days that ended when the fire day began', () => {
    const p = digestPeriodFor(new Date('2026-11-23T00:00:00Z'), 'Asia/Tokyo'); // Monday 09:00 JST
    expect(p.key).toBe('2026-11-16');
    expect(p.endDay).toBe('2026-11-23');
    expect(iso(p.start)).toBe('2026-11-15T15:00:00.000Z');
    expect(iso(p.end)).toBe('2026-11-22T15:00:00.000Z');
    expect(p.previous.startDay).toBe('2026-11-09');
  });

  it('is 169 hours long over the fall-back week', () => {
    const p = digestPeriodFor(new Date('2026-11-02T14:00:00Z'), 'America/New_York');
    expect(p.key).toBe('2026-10-26');
    expect((p.end.getTime() - p.start.getTime()) / 3_600_000).toBe(169);
  });
});

describe('parsing', () => {
  it('reads weekdays and clock times', () => {
    expect(weekdayFromName('mon')).toBe(1);
    expect(weekdayFromName('Sunday')).toBe(7);
    expect(weekdayFromName('xyz')).toBeNull();
    expect(weekdayFromName('monkey')).toBeNull();
    expect(parseClock('09:05')).toEqual({ hour: 9, minute: 5 });
    expect(parseClock('24:00')).toBeNull();
    expect(parseClock('9:60')).toBeNull();
  });

  it('reads Japanese weekdays: 月, 月曜, 月曜日 … 日曜日, full-width and bracketed forms', () => {
    const days = ['月', '火', '水', '木', '金', '土', '日'];
    days.forEach((d, i) => {
      expect(weekdayFromName(d), d).toBe(i + 1);
      expect(weekdayFromName(`${d}曜`), `${d}曜`).toBe(i + 1);
      expect(weekdayFromName(`${d}曜日`), `${d}曜日`).toBe(i + 1);
    });
    expect(weekdayFromName('（金）')).toBe(5);
    expect(weekdayFromName('(日)')).toBe(7);
    expect(weekdayFromName('ｍｏｎ')).toBe(1);
    expect(weekdayFromName('Ｍｏｎｄａｙ')).toBe(1);
    for (const bad of ['曜日', '月日', '月曜日日', '(月', '月)', '毎週月曜', '今月']) expect(weekdayFromName(bad), bad).toBeNull();
  });

  it('reads one-digit hours, full-width digits and Japanese 時 / 分 / 半', () => {
    expect(parseClock('9:00')).toEqual({ hour: 9, minute: 0 });
    expect(parseClock('９:００')).toEqual({ hour: 9, minute: 0 });
    expect(parseClock('９：３０')).toEqual({ hour: 9, minute: 30 });
    expect(parseClock('２３：５９')).toEqual({ hour: 23, minute: 59 });
    expect(parseClock('9時')).toEqual({ hour: 9, minute: 0 });
    expect(parseClock('９時')).toEqual({ hour: 9, minute: 0 });
    expect(parseClock('18時30分')).toEqual({ hour: 18, minute: 30 });
    expect(parseClock('8時5分')).toEqual({ hour: 8, minute: 5 });
    expect(parseClock('9時半')).toEqual({ hour: 9, minute: 30 });
    for (const bad of ['24時', '9時60分', '時', '9時半分', '２４：００', '9']) expect(parseClock(bad), bad).toBeNull();
  });
});
