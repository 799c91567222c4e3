import { ConfigError, loadConfig } from './config.js';
import { startApp } from './app.js';
import { createDb, type DbHandle } from './db/client.js';
import { PgliteLockedError } from './db/pgliteLock.js';
import { runMigrations } from './db/migrate.js';
import { createLogger } from './logger.js';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const logger = createLogger(config.LOG_LEVEL, {}, undefined, { format: config.LOG_FORMAT });
let db: DbHandle;
try {
  db = await createDb({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
} catch (err) {
  if (err instanceof PgliteLockedError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
await runMigrations(db);
const app = await startApp({ config, logger, db });
logger.info('Journey Pulse is up', {
  port: app.port,
  db: db.kind,
  ...(db.kind === 'pglite' ? { pgliteDir: config.PGLITE_DIR } : {}),
  ingestApi: config.INGEST_TOKEN ? 'enabled' : 'disabled (set INGEST_TOKEN)',
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info('shutting down', { signal });
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  try {
    await app.close();
    await db.close();
  } finally {
    process.exit(0);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
