import { automationCatalog } from './automation.js';
import { driversCatalog } from './drivers.js';
import { fixFirstCatalog } from './fixFirst.js';
import { journeyCatalog } from './journey.js';
import { periodsCatalog } from './periods.js';
import { platformCatalog } from './platform.js';
import { segmentsCatalog } from './segments.js';
import { themesCatalog } from './themes.js';

/**
 * Every feature's catalog, merged into one. Register a new catalog file with one line below.
 * Keys must be unique across files: prefix them with the feature (`journey.`, `digest.`, ...).
 */
export const catalogs = [
  platformCatalog,
  journeyCatalog,
  automationCatalog,
  periodsCatalog,
  segmentsCatalog,
  driversCatalog,
  fixFirstCatalog,
  themesCatalog,
] as const;
