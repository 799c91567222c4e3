/**
 * The bot in its own process on real Postgres, for tests that must see whether the process
 * survives (an uncaught exception in the database driver kills it; in the test runner's own
 * process vitest would catch it instead). The environment is parsed as config; the parent gets
 * { type: 'ready', port } and later { type: 'stop' }. Runs with `node --import tsx`.
 */
import { startApp } from '../../src/main.js';
import { parseConfig } from '../../src/config.js';
import { createDb } from '../../src/db/client.js';
import { silentLogger } from '../../src/logger.js';

const config = parseConfig(process.env);
const db = await createDb({ databaseUrl: config.DATABASE_URL, maxConnections: 4 });
const app = await startApp({ config, logger: silentLogger, db, automationTimers: false });
process.send?.({ type: 'ready', port: app.port });

process.on('message', (raw: unknown) => {
  if ((raw as { type?: unknown }).type !== 'stop') return;
  void (async () => {
    await app.close();
    await db.close();
    process.exit(0);
  })();
});
