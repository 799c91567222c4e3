import type { Db } from '../db/client.js';
import { findJourney, findTouchpoint, getTouchpointRef, listAllTouchpoints } from '../db/queries/lookup.js';
import type { JourneyRef, LookupResult, TouchpointRef } from '../domain/model.js';

/** Journeys and touchpoints by what a person typed (keys or names, any width or case), with suggestions on a miss. */
export interface LookupService {
  findJourney(text: string): Promise<LookupResult<JourneyRef>>;
  /** `journey/touchpoint`, or a touchpoint alone when unique across journeys. */
  findTouchpoint(text: string): Promise<LookupResult<TouchpointRef>>;
  /** An active touchpoint by id; null when unknown or retired. */
  touchpoint(id: number): Promise<TouchpointRef | null>;
  /** Every active touchpoint, grouped by journey, in journey order (pickers). */
  allTouchpoints(): Promise<TouchpointRef[]>;
}

export function createLookupService(db: Db): LookupService {
  return {
    findJourney: (text) => findJourney(db, text),
    findTouchpoint: (text) => findTouchpoint(db, text),
    touchpoint: (id) => getTouchpointRef(db, id),
    allTouchpoints: () => listAllTouchpoints(db),
  };
}
