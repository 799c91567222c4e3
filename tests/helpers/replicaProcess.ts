/**
 * One bot replica in its own process, for tests/automation/replicas.test.ts. The parent sends
 * { type: 'start', env } (the environment to parse as config), then { type: 'run', id, now } to fire
 * this replica's schedule at an instant, and { type: 'stop' }. Runs with `node --import tsx`.
 */
import { startApp, type RunningApp } from '../../src/main.js';
import { parseConfig } from '../../src/config.js';
import { createDb, type DbHandle } from '../../src/db/client.js';
import { silentLogger } from '../../src/logger.js';

type ParentMessage = { type: 'start'; env: Record<string, string> } | { type: 'run'; id: number; now: string } | { type: 'stop' };

let app: RunningApp | null = null;
let db: DbHandle | null = null;

const send = (message: unknown) => process.send?.(message);

process.on('message', (raw: unknown) => {
  const msg = raw as ParentMessage;
  void (async () => {
    try {
      if (msg.type === 'start') {
        const config = parseConfig(msg.env);
        db = await createDb({ databaseUrl: config.DATABASE_URL, maxConnections: 4 });
        app = await startApp({
          config,
          logger: silentLogger,
          db,
          now: () => new Date(0),
          automationTimers: false,
          automationWebOverrides: { retryConfig: { retries: 0 }, timeout: 2_000 },
        });
        send({ type: 'ready', owner: app.automation?.owner ?? null });
      } else if (msg.type === 'run') {
        if (!app?.automation) throw new Error('not started');
        const summary = await app.automation.runDueWork(new Date(msg.now), { evaluate: true });
        send({ type: 'done', id: msg.id, summary });
      } else {
        await app?.close();
        await db?.close();
        send({ type: 'stopped' });
        process.exit(0);
      }
    } catch (err) {
      send({ type: 'error', message: err instanceof Error ? err.stack ?? err.message : String(err) });
    }
  })();
});
send({ type: 'booted' });
