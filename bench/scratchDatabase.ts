import { createDb, type DbHandle } from '../src/db/client.js';
import { dropDatabase, recreateDatabase } from '../src/db/databaseAdmin.js';
import { runMigrations } from '../src/db/migrate.js';

/** A benchmark's own freshly migrated database on the bench server; `drop()` closes and removes it. */
export interface ScratchDatabase {
  handle: DbHandle;
  url: string;
  drop(): Promise<void>;
}

export async function createScratchDatabase(serverUrl: string, name: string, maxConnections: number): Promise<ScratchDatabase> {
  const url = await recreateDatabase(serverUrl, name);
  const handle = await createDb({ databaseUrl: url, maxConnections });
  await runMigrations(handle);
  return {
    handle,
    url,
    drop: async () => {
      await handle.close();
      await dropDatabase(serverUrl, name);
    },
  };
}
