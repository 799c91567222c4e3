import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { inject } from 'vitest';
import { createDb, wrapPglite, type DbHandle } from '../../src/db/client.js';
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
  const name = `jp_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(testDatabaseUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = withDatabase(testDatabaseUrl, name);
  const handle = await createDb({ databaseUrl: url, maxConnections: 5 });
  await runMigrations(handle);
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      const dropper = postgres(testDatabaseUrl, { max: 1, onnotice: () => undefined });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
