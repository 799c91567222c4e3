import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import type { DbHandle } from './db/client.js';
import { healthRoutes } from './http/health.js';
import type { Route } from './http/router.js';
import { createHttpServer } from './http/server.js';
import type { Logger } from './logger.js';

/** What the running bot is made of; tests build the same thing with their own database and clock. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  db: DbHandle;
  /** Injected so tests can move time; defaults to the wall clock. */
  now?: () => Date;
}

export interface RunningApp {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/** Starts the HTTP server (health, ingest API, Slack) and background jobs. The database must be migrated. */
export async function startApp(deps: AppDeps): Promise<RunningApp> {
  const routes: Route[] = [...healthRoutes(deps.db)];
  const server = createHttpServer({ routes, logger: deps.logger });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.config.PORT, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
