import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { createDb, wrapPglite, type DbHandle } from '../../src/db/client.js';
import { dropDatabase, recreateDatabase } from '../../src/db/databaseAdmin.js';
import { runMigrations } from '../../src/db/migrate.js';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new
 * database on the server at TEST_DATABASE_URL (dropped again on close), so parallel
 * files and concurrent CI runs never see each other's rows.
 */
export interface TestDb extends DbHandle {
  /** postgres:// URL of this test's own database (real Postgres only). */
  url?: string;
}

export const testDatabaseUrl: string | undefined = process.env.TEST_DATABASE_URL || undefined;

export async function createTestDb(): Promise<TestDb> {
  if (!testDatabaseUrl) {
    const template = inject('pgliteTemplate');
    if (template) {
      const pg = new PGlite({ loadDataDir: new Blob([readFileSync(template)]) });
      await pg.waitReady;
      return wrapPglite(pg);
    }
    const handle = await createDb({ pgliteDir: 'memory://' });
    await runMigrations(handle);
    return handle;
  }
  const serverUrl = testDatabaseUrl;
  const name = `jp_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = await recreateDatabase(serverUrl, name);
  const handle = await createDb({ databaseUrl: url, maxConnections: 5 });
  await runMigrations(handle);
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      await dropDatabase(serverUrl, name);
    },
  };
}
