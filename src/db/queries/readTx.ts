import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';

/**
 * Runs a read query with parallel workers and JIT switched off for its transaction only.
 * Our reads touch a few thousand index entries (~2 ms of work), but Postgres' cost estimates
 * cross the parallel-query and JIT thresholds and it then spends 20–150 ms starting workers or
 * compiling expressions (measured with EXPLAIN ANALYZE on the 1M/10M benchmark data).
 */
export async function withSnappyPlan<T>(db: Db, run: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)`);
    return run(tx);
  });
}
