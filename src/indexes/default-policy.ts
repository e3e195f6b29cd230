/**
 * The default index policy: a table is searched exactly while it is small and gets an HNSW index
 * (recommendIndex) once it grows past EXACT_SEARCH_MAX_ROWS. The ingest operation applies it after
 * each load, from the CLI and the API alike. Users who manage indexes by hand turn it off
 * (`jobsight index auto off`); dropping an index by hand turns it off too (manage.ts).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/database.ts';
import { vectorIndexes } from '../db/vector-indexes.ts';
import { createVectorIndex, type IndexBuildResult } from './manage.ts';
import { getAutoIndex } from './policy-setting.ts';
import { recommendIndex } from './spec.ts';

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
