/**
 * The full-text index after a bulk load. A GIN index takes new rows into its pending list
 * (`fastupdate`, up to gin_pending_list_limit, 4 MB by default), which every text search reads
 * through in full until VACUUM merges it: after loading a few thousand postings a text query
 * took 10-200 ms instead of 0.3 ms here. Loads merge it themselves when done, so searches are
 * fast at once rather than after autovacuum's next visit.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './database.ts';

/** The GIN index on jobs.search_vector (db/schema.ts). */
export const TEXT_INDEX = 'jobs_search_vector_idx';

/**
 * Merges the full-text index's pending list into the index (cost: the pending entries only).
 * On Citus the coordinator's copy holds no rows; the shards' lists wait for their autovacuum.
 */
export async function mergeTextIndexPendingList(db: Db): Promise<void> {
  await db.execute(sql`select gin_clean_pending_list(${TEXT_INDEX}::regclass)`);
}
