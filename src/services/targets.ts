import type { Db } from '../db/client.js';
import { deleteTarget, getTargetsInPeriod, insertTarget, listTargets, type NewTarget } from '../db/queries/targets.js';
import type { TargetProgress, TargetRow } from '../domain/targets.js';
import type { PeriodWindow } from '../domain/types.js';

export type { NewTarget } from '../db/queries/targets.js';

/** Targets the team sets (`/journey target …`) and their progress. Permission is checked by the caller. */
export interface TargetsService {
  set(input: NewTarget): Promise<TargetRow>;
  list(filter?: { journeyId?: number; touchpointId?: number }): Promise<TargetRow[]>;
  remove(id: number): Promise<boolean>;
  /** Current value with its interval, projection to the date, and status, over the window's current period. */
  progress(filter: { journeyId?: number; touchpointId?: number }, window: PeriodWindow): Promise<TargetProgress[]>;
}

export function createTargetsService(db: Db): TargetsService {
  return {
    set: (input) => insertTarget(db, input),
    list: (filter = {}) => listTargets(db, filter),
    remove: (id) => deleteTarget(db, id),
    progress: async (filter, window) => (await getTargetsInPeriod(db, filter, window)).progress,
  };
}
