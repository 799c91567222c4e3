import type { Db } from '../db/client.js';
import { getTouchpointRef } from '../db/queries/lookup.js';
import { listActions, logAction, setActionStatus } from '../db/queries/actions.js';
import type { ActionStatus } from '../domain/enums.js';
import type { ActionFilter, ActionRow, ActionWithImpact, LogActionInput, SetStatusResult, TouchpointRef } from '../domain/model.js';

/** The lists `/journey actions …` offers. */
export type ActionListKind = 'open' | 'done' | 'mine' | 'all' | 'touchpoint';

export interface ActionListing {
  actions: ActionWithImpact[];
  /** The touchpoint of a touchpoint list. */
  touchpoint: TouchpointRef | null;
}

/** How many actions a list fetches (a message shows the first twenty and counts the rest). */
const LIST_LIMIT = 100;

export interface ActionsService {
  /** Logs an action with the touchpoint's NPS over the previous 30 days as its baseline. */
  log(input: LogActionInput): Promise<ActionRow>;
  /** Moves an action to `status`, only if it is still in `expectedFrom` (two old buttons cannot undo each other). */
  setStatus(actionId: number, status: ActionStatus, now: Date, expectedFrom?: ActionStatus): Promise<SetStatusResult>;
  /**
   * One of the lists, each action with its NPS since logging. Null when the list's touchpoint no
   * longer exists. `touchpoint` saves the lookup when the caller already has it.
   */
  listing(
    list: { kind: ActionListKind; touchpointId?: number },
    viewer: { userId: string; now: Date },
    touchpoint?: TouchpointRef,
  ): Promise<ActionListing | null>;
}

export function createActionsService(db: Db): ActionsService {
  return {
    log: (input) => logAction(db, input),
    setStatus: (actionId, status, now, expectedFrom) => setActionStatus(db, actionId, status, now, expectedFrom),
    listing: async (list, viewer, known) => {
      let filter: ActionFilter;
      let touchpoint: TouchpointRef | null = null;
      switch (list.kind) {
        case 'open':
          filter = { statuses: ['open', 'in_progress'] };
          break;
        case 'done':
          filter = { statuses: ['done'] };
          break;
        case 'mine':
          filter = { ownerUserId: viewer.userId, statuses: ['open', 'in_progress'] };
          break;
        case 'all':
          filter = {};
          break;
        case 'touchpoint': {
          if (list.touchpointId === undefined) return null;
          touchpoint = known?.id === list.touchpointId ? known : await getTouchpointRef(db, list.touchpointId);
          if (!touchpoint) return null;
          filter = { touchpointId: touchpoint.id };
          break;
        }
      }
      return { actions: await listActions(db, { ...filter, limit: LIST_LIMIT }, viewer.now), touchpoint };
    },
  };
}
