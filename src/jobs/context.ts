import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Services } from '../services/index.js';
import type { Notifier } from './notifier.js';

/** What every job receives: the database, the use cases, where to send, and who this replica is. */
export interface JobContext {
  db: Db;
  services: Services;
  logger: Logger;
  notifier: Notifier;
  /** Identifies this replica in claims. */
  owner: string;
  /** Deliveries and evaluation times; none in tests that do not read them. */
  metrics?: Metrics;
}
