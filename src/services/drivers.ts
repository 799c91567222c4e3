import type { Db } from '../db/client.js';
import { getDriversData } from '../db/queries/drivers.js';
import {
  keyDriversFromGroups,
  MIN_LINKED_CUSTOMERS,
  normalizedPerformance,
  quadrantOf,
  type DriverRow,
  type JourneyDrivers,
} from '../domain/drivers.js';
import { summarize } from '../domain/scores.js';
import type { PeriodWindow } from '../domain/types.js';

/** Key drivers of a journey's outcome: which touchpoints move it, and how each performs now. */
export interface DriversService {
  /** Null when the journey does not exist. */
  forJourney(journeyId: number, window: PeriodWindow): Promise<JourneyDrivers | null>;
}

export function createDriversService(db: Db): DriversService {
  return {
    forJourney: async (journeyId, window) => {
      const data = await getDriversData(db, journeyId, window.current);
      if (!data) return null;
      const outcome =
        data.outcome && data.outcome.metric
          ? { touchpoint: data.outcome.touchpoint, metric: data.outcome.metric, score: summarize(data.outcome.metric, data.outcome.histogram) }
          : null;
      const base = { journey: data.journey, window, outcome, minimum: MIN_LINKED_CUSTOMERS };
      const rows = data.candidates.flatMap((c, index) => {
        if (!c.metric) return [];
        // Customers who answered this touchpoint and the outcome (the outcome is the last variable).
        const cell = index * (data.candidates.length + 1) + data.candidates.length;
        const linked = data.groups.reduce((sum, g) => sum + (g.n[cell] ?? 0), 0);
        const row: DriverRow = { touchpoint: c.touchpoint, metric: c.metric, score: summarize(c.metric, c.histogram), linked, importance: null, quadrant: null };
        return [{ index, row }];
      });
      const linkedAny = data.groups.reduce((sum, g) => sum + g.linked, 0);
      if (!outcome || rows.length === 0 || data.groups.length === 0) {
        return { ...base, status: 'no_data', linkedCustomers: linkedAny, r2: null, drivers: rows.map((r) => r.row) };
      }
      const result = keyDriversFromGroups(data.candidates.length, data.groups);
      if (!result.ok) return { ...base, status: 'too_few', linkedCustomers: result.n, r2: null, drivers: rows.map((r) => r.row) };

      const performance = (row: DriverRow) => normalizedPerformance(row.metric, row.score.score);
      const modelled = result.drivers.flatMap((importance) => {
        const row = rows.find((r) => r.index === importance.index)?.row;
        return row ? [{ importance, row }] : [];
      });
      const perf = modelled.map((m) => performance(m.row)).filter((p): p is number => p !== null);
      const average = perf.length > 0 ? perf.reduce((a, b) => a + b, 0) / perf.length : null;
      const ranked: DriverRow[] = modelled.map(({ importance, row }) => ({
        ...row,
        importance,
        quadrant: quadrantOf(importance.share, result.drivers.length, performance(row), average),
      }));
      const left = rows.filter((r) => !result.drivers.some((d) => d.index === r.index)).map((r) => r.row);
      return {
        ...base,
        status: 'ok',
        linkedCustomers: result.n,
        r2: { value: result.r2, low: result.r2Low, high: result.r2High },
        drivers: [...ranked, ...left],
      };
    },
  };
}
