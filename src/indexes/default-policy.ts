/**
 * The default index policy: a table is searched exactly while it is small and gets an HNSW index
 * (recommendIndex) once it grows past EXACT_SEARCH_MAX_ROWS. `jobsight ingest` applies it after
 * each load. Users who manage indexes by hand turn it off (`jobsight index auto off`); dropping an
 * index by hand turns it off too, so Jobsight never rebuilds what the user removed.
 */
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/database.ts';
import { settings } from '../db/schema.ts';
import { vectorIndexes } from '../db/vector-indexes.ts';
import { createVectorIndex, type IndexBuildResult } from './manage.ts';
import { recommendIndex } from './spec.ts';

const AUTO_INDEX_KEY = 'auto_index';

/** Whether the default policy is on (it is unless turned off). */
export async function getAutoIndex(database: Database): Promise<boolean> {
  const [row] = await database.db.select().from(settings).where(eq(settings.key, AUTO_INDEX_KEY));
  return row?.value !== false;
}

export async function setAutoIndex(database: Database, on: boolean): Promise<void> {
  await database.db
    .insert(settings)
    .values({ key: AUTO_INDEX_KEY, value: on })
    .onConflictDoUpdate({ target: settings.key, set: { value: on, updatedAt: sql`now()` } });
}

/**
 * With the policy on, builds the recommended index when the table has outgrown exact search and
 * has no vector index. Returns what it built, or null when nothing was needed.
 */
export async function applyDefaultIndex(database: Database): Promise<IndexBuildResult | null> {
  if (!(await getAutoIndex(database))) return null;
  if ((await vectorIndexes(database.db)).length > 0) return null;
  const [row] = await queryRows<{ n: number | string }>(database.db, sql`select count(*) as n from jobs where embedding is not null`);
  const { spec } = recommendIndex(Number(row?.n ?? 0));
  if (!spec) return null;
  // Right after a load nobody is searching yet: a plain build is faster than CONCURRENTLY.
  return createVectorIndex(database, spec, { concurrently: false });
}
