/**
 * What the last clustering run used and how far it got, in jobsight_settings: later runs (and
 * ingest) go on incrementally from there with the same options.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { settings } from '../db/schema.ts';
import type { ClusterOptions } from './options.ts';

const KEY = 'near_duplicates';

export interface ClusterState {
  options: ClusterOptions;
  /** Postings changed after this (jobs.updated_at) have not been examined yet. */
  checkedUpTo: string | null;
}

/** The stored state, or null when postings were never clustered. */
export async function readClusterState(db: Db): Promise<ClusterState | null> {
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY));
  return (row?.value as ClusterState | undefined) ?? null;
}

export async function writeClusterState(db: Db, state: ClusterState): Promise<void> {
  await db
    .insert(settings)
    .values({ key: KEY, value: state })
    .onConflictDoUpdate({ target: settings.key, set: { value: state, updatedAt: sql`now()` } });
}
