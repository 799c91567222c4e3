import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { acquirePgliteLock } from './pgliteLock.js';
import { isEmptyDataDir, loadPgliteTemplate } from './pgliteTemplate.js';
import * as schema from './schema.js';

/** Either driver behind one type: queries are written once against the pg-core API. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = 'pglite' | 'postgres';

export interface DbHandle {
  db: Db;
  kind: DbKind;
  /** The postgres:// URL when kind is 'postgres' (migrations open their own single connection). */
  url?: string;
  /** Answers true when a trivial query succeeds within the timeout. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** postgres:// URL; when absent an embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` (or undefined with no URL) keeps it in memory. */
  pgliteDir?: string | undefined;
  /** Connection pool size for postgres.js. */
  maxConnections?: number;
}

export async function createDb(options: DbOptions): Promise<DbHandle> {
  if (options.databaseUrl) return createPostgresDb(options.databaseUrl, options.maxConnections ?? 10);
  return createPgliteDb(options.pgliteDir);
}

async function createPostgresDb(url: string, max: number): Promise<DbHandle> {
  const client = postgres(url, {
    max,
    onnotice: () => undefined,
    connect_timeout: 10,
    // Seconds to wait before reconnecting a dropped connection. postgres.js counts every drop in
    // the pool as one more attempt, and its default grows as 3^n up to 20 s: terminating the
    // pool's backends twice in a row (a failover, pg_terminate_backend) stalled requests ~20 s.
    // Capped at 2 s, with jitter so the pool does not reconnect in lockstep.
    backoff: (attempt: number) => Math.min(2, 0.05 * 2 ** attempt) * (0.5 + Math.random() / 2),
    // Timestamps come back as ISO strings from raw SQL; queries convert where they need Dates.
  });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    url,
    ping: (timeoutMs = 2000) => pingWith(db, timeoutMs),
    close: () => client.end({ timeout: 5 }),
  };
}

async function createPgliteDb(dir: string | undefined): Promise<DbHandle> {
  const inMemory = dir === undefined || dir.startsWith('memory://');
  let release = (): void => undefined;
  if (!inMemory) {
    mkdirSync(dir, { recursive: true });
    release = await acquirePgliteLock(dir);
  }
  try {
    // A first start loads the migrated template instead of running initdb (~1 s instead of ~3 s).
    const template = inMemory || !isEmptyDataDir(dir) ? undefined : loadPgliteTemplate();
    const client = inMemory ? new PGlite() : template ? new PGlite(dir, { loadDataDir: template }) : new PGlite(dir);
    await client.waitReady;
    return wrapPglite(client, release);
  } catch (err) {
    release();
    throw err;
  }
}

export function wrapPglite(client: PGlite, onClosed: () => void = () => undefined): DbHandle {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: 'pglite',
    ping: (timeoutMs = 2000) => pingWith(db, timeoutMs),
    close: async () => {
      // An unclosed PGlite keeps Node's event loop alive forever.
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        onClosed();
      }
    },
  };
}

async function pingWith(db: Db, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const query = db.execute(sql`select 1`).then(
      () => true,
      () => false,
    );
    return await Promise.race([query, timeout]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}
