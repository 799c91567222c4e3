import type { SQL } from 'drizzle-orm';
import type { Db } from './client.js';

/**
 * Runs raw SQL and returns its rows. postgres.js answers with an array, PGlite with
 * `{ rows }`; this hides the difference. Cast numeric results in SQL (`::int`, `::float8`)
 * and timestamps to text or epoch, so both drivers return the same JS types.
 */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}
