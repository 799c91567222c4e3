import { addDays } from '../domain/localTime.js';
import { localPeriod } from '../domain/periods.js';
import type { PeriodWindow } from '../domain/types.js';

/** A digest's week (local days [startDay, endDay)) as the period window fix first ranks over. */
export function weekWindow(period: { startDay: string; endDay: string }, timezone: string): PeriodWindow {
  return {
    spec: '7d',
    timezone,
    current: localPeriod(period.startDay, period.endDay, timezone),
    previous: localPeriod(addDays(period.startDay, -7), period.startDay, timezone),
  };
}
