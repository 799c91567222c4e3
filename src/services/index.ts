import type { Db } from '../db/client.js';
import { createActionsService, type ActionsService } from './actions.js';
import { createAlertsService, type AlertsService } from './alerts.js';
import { createDigestsService, type DigestsService } from './digests.js';
import { createDriversService, type DriversService } from './drivers.js';
import { createFixFirstService, type FixFirstService } from './fixFirst.js';
import { createHomeService, type HomeService } from './home.js';
import { createJourneyViewsService, type JourneyViewsService } from './journeyViews.js';
import { createLookupService, type LookupService } from './lookup.js';
import { createSegmentsService, type SegmentsService } from './segments.js';
import { createThemesService, type ThemesService } from './themes.js';
import { createTargetsService, type TargetsService } from './targets.js';

/**
 * The use cases, bound to one database. Slack listeners and the background jobs call these and
 * never the query layer, so the same question always gets the same answer whoever asks it.
 * Nothing here knows about Slack.
 */
export interface Services {
  lookup: LookupService;
  journeys: JourneyViewsService;
  actions: ActionsService;
  home: HomeService;
  digests: DigestsService;
  alerts: AlertsService;
  segments: SegmentsService;
  drivers: DriversService;
  fixFirst: FixFirstService;
  themes: ThemesService;
  targets: TargetsService;
}

export function createServices(db: Db): Services {
  return {
    lookup: createLookupService(db),
    journeys: createJourneyViewsService(db),
    actions: createActionsService(db),
    home: createHomeService(db),
    digests: createDigestsService(db),
    alerts: createAlertsService(db),
    segments: createSegmentsService(db),
    drivers: createDriversService(db),
    fixFirst: createFixFirstService(db),
    themes: createThemesService(db),
    targets: createTargetsService(db),
  };
}
